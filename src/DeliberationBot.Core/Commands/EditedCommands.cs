using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Messaging;

namespace DeliberationBot.Core.Commands;

/// <summary>
/// A message to the bot, edited. An edit is not run as a command: a start, a close or a decision cannot be taken back
/// by rewording the message that made it. But this product carries people's words, so someone who rewords a concern
/// must not believe the owners now read the new words: they are told that they do not, and how to send these.
/// </summary>
public sealed class EditedCommands(TimeProvider time)
{
    public TurnResult Edited(string text)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        return CommandParser.Parse(text, null, today).Command is AddConcernCommand concern
            ? TurnResult.Reply(new Confirmation(
                "An edited message is not run again, so the owners do not get these words. " +
                $"To raise this concern as it reads now, send it to me again in a new message: concern \"{concern.Text}\""))
            : new TurnResult([]);
    }
}
