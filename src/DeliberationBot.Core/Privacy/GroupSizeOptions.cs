namespace DeliberationBot.Core.Privacy;

/// <summary>
/// <c>Summaries:MinGroupSize</c> as the rest of the service needs it: how many people a stakeholder group needs before
/// an anonymous answer from it is hard to trace to one person. Validated with the summaries' settings.
/// </summary>
public sealed class GroupSizeOptions
{
    public const string Section = "Summaries";

    public int MinGroupSize { get; set; } = 3;
}
