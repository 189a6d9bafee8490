using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Stakeholders;

namespace DeliberationBot.Core.Concerns;

/// <summary>A concern as people see it: which question, which groups, how many raisers, never who.</summary>
public sealed record ConcernView(
    Guid Id,
    int Number,
    ConcernKind Kind,
    string? SectionTitle,
    string Text,
    IReadOnlyList<StakeholderGroup> RaisedBy,
    int Raisers,
    ConcernStatus Status,
    string? Response,
    UserRef? Owner,
    DateOnly? Due,
    IReadOnlyList<ConcernAction> Actions)
{
    public static ConcernView Of(Concern c, FlowDefinition flow, IReadOnlyList<ConcernAction> actions) =>
        new(c.Id, c.Number, c.Kind, c.SectionId is null ? null : flow.Sections.FirstOrDefault(s => s.Id == c.SectionId)?.Title, c.Text,
            c.RaisedByGroups, c.Raisers.Count, c.Status, c.Response, c.Owner, c.Due, actions);
}

/// <summary>An owner's unresolved concerns, privately, each with what they can do about it.</summary>
public sealed record OwnerConcerns(Guid DeliberationId, string Title, IReadOnlyList<ConcernView> Concerns) : OutgoingMessage;

/// <summary>
/// To the people who raised a concern: the owners' response, and Accept / Reopen. Anonymous raisers cannot be
/// addressed, so for them it is posted in the conversation and only a raiser's click counts.
/// </summary>
public sealed record ConcernResponseNotice(Guid DeliberationId, string Title, ConcernView Concern, bool InConversation) : OutgoingMessage;

public enum DecisionOutcome
{
    Go,
    NoGo,
    GoWithConditions,
    RevisitLater,
}

public sealed record Decision(DecisionOutcome Outcome, string Rationale, UserRef DecidedBy, DateTimeOffset At);

/// <summary>Asks the facilitator, privately, for the outcome once a deliberation closes.</summary>
public sealed record DecisionRequest(Guid DeliberationId, string Title, int UnresolvedConcerns) : OutgoingMessage;

public sealed record DecisionRecorded(Guid DeliberationId, string Title, Decision Decision, IReadOnlyList<ConcernView> Conditions) : OutgoingMessage;

/// <summary>Signed, expiring links to the deliberation's whole record.</summary>
public sealed record ExportLink(Guid DeliberationId, string Title, Uri Markdown, Uri Json, DateTimeOffset Expires) : OutgoingMessage;

public static class DecisionOutcomes
{
    public static bool TryParse(string text, out DecisionOutcome outcome)
    {
        outcome = text.ToLowerInvariant() switch
        {
            "go" => DecisionOutcome.Go,
            "no-go" or "nogo" or "stop" => DecisionOutcome.NoGo,
            "conditions" or "go-with-conditions" => DecisionOutcome.GoWithConditions,
            "revisit" or "revisit-later" or "later" => DecisionOutcome.RevisitLater,
            _ => (DecisionOutcome)(-1),
        };
        return Enum.IsDefined(outcome);
    }

    public static string Label(this DecisionOutcome outcome) => outcome switch
    {
        DecisionOutcome.Go => "Go",
        DecisionOutcome.NoGo => "No-go",
        DecisionOutcome.GoWithConditions => "Go with conditions",
        _ => "Revisit later",
    };
}
