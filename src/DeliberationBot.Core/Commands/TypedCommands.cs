using DeliberationBot.Core.Flows;

namespace DeliberationBot.Core.Commands;

/// <summary>
/// Tells a command from an answer in words typed where both are read (a private chat, a deliberation's thread): see
/// <see cref="CommandParser.IsCommand"/>; a start names one of the flows that can be started.
/// </summary>
public sealed class TypedCommands(FlowCatalog flows)
{
    public bool IsCommand(string text) => CommandParser.IsCommand(text, id => flows.Find(id.ToLowerInvariant()) is not null);
}
