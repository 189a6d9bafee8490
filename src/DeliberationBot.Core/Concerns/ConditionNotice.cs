using DeliberationBot.Core.Messaging;

namespace DeliberationBot.Core.Concerns;

/// <summary>What became of a condition of a decision, as the conversation hears it.</summary>
public enum ConditionChange
{
    /// <summary>Given to the decision after it was posted.</summary>
    Set,

    /// <summary>Its owner marked it addressed and the facilitator, who set it, accepted that.</summary>
    Met,

    /// <summary>Its owner said it won't be addressed, and the facilitator accepted that.</summary>
    NotMet,

    /// <summary>The facilitator closed it, saying why.</summary>
    Closed,
}

/// <summary>
/// A condition of the decision, posted in the conversation that read the decision when it is set afterwards and when
/// it is met or not: the people who read the decision, and who raised the concerns it may answer, learn what it is,
/// whose it is, when it is due and what became of it.
/// </summary>
public sealed record ConditionNotice(Guid DeliberationId, string Title, DecisionOutcome Outcome, ConcernView Condition) : OutgoingMessage
{
    public ConditionChange Change { get; init; }

    /// <summary>The line above the condition on every platform, with <paramref name="title"/> as the platform shows a title.</summary>
    public string Lead(string title) => Change switch
    {
        ConditionChange.Met => $"{Condition.Name} of the decision on {title} ({Outcome.Label()}) is met:",
        ConditionChange.NotMet => $"{Condition.Name} of the decision on {title} ({Outcome.Label()}) will not be met: its owner said why, and the facilitator accepted it.",
        ConditionChange.Closed => $"The facilitator closed {Condition.Name.ToLowerInvariant()} of the decision on {title} ({Outcome.Label()}):",
        _ => $"A condition of the decision on {title} ({Outcome.Label()}):",
    };
}
