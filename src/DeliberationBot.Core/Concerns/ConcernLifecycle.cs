using DeliberationBot.Core.Deliberations;

namespace DeliberationBot.Core.Concerns;

/// <summary>Who may do what to a concern, and what it becomes. Pure: the service stores and announces the result.</summary>
public static class ConcernLifecycle
{
    public enum Role
    {
        Owner,
        Raiser,
        Facilitator,
    }

    public static IReadOnlyList<ConcernAction> AllowedFor(Concern c, Role role) => role switch
    {
        _ when !c.IsUnresolved && role != Role.Raiser => [],
        Role.Owner => c.Status switch
        {
            ConcernStatus.Open => [ConcernAction.Acknowledge, ConcernAction.Respond, ConcernAction.MarkAddressed, ConcernAction.WontAddress],
            ConcernStatus.Acknowledged => [ConcernAction.Respond, ConcernAction.MarkAddressed, ConcernAction.WontAddress],
            _ => [ConcernAction.Respond],
        },
        Role.Raiser => c.IsAwaitingRaisers ? [ConcernAction.Accept, ConcernAction.Reopen] : c.Status == ConcernStatus.Resolved ? [ConcernAction.Reopen] : [],
        Role.Facilitator => [ConcernAction.CloseWithoutRaisers],
        _ => [],
    };

    /// <summary>
    /// Whether <paramref name="role"/> may do <paramref name="action"/>: what <see cref="AllowedFor"/> offers, and one more
    /// thing no button offers. A concern one of its raisers reopened, and that the owners have not answered again, may be
    /// reopened by the others too, to give their own reasons: the response did not settle it for them either, and the
    /// owners should read that in their words rather than have them refused because someone else pressed first.
    /// </summary>
    public static bool Allows(Concern c, Role role, ConcernAction action) =>
        AllowedFor(c, role).Contains(action) || (action == ConcernAction.Reopen && role == Role.Raiser && IsReopened(c));

    /// <summary>Reopened by one of the people who raised it, and not answered again by the owners since.</summary>
    public static bool IsReopened(Concern c) => IsReopened(c.Status, c.Response);

    /// <summary>
    /// A concern is open with a response only once it was reopened: responding to an open concern acknowledges it, and
    /// the response kept is the one that did not settle it.
    /// </summary>
    public static bool IsReopened(ConcernStatus status, string? response) => status == ConcernStatus.Open && response is not null;

    /// <summary>The roles a person holds for a concern of a deliberation.</summary>
    public static IReadOnlyList<Role> RolesOf(Concern c, Deliberation d, string userId, IEnumerable<string> actorKeys)
    {
        var roles = new List<Role>();
        if (c.Kind == ConcernKind.Condition ? c.Owner?.Id == userId || d.Owners.Any(o => o.Id == userId) : d.Owners.Any(o => o.Id == userId))
        {
            roles.Add(Role.Owner);
        }

        if (c.Raisers.Intersect(actorKeys).Any())
        {
            roles.Add(Role.Raiser);
        }

        if (d.Facilitator.Id == userId)
        {
            roles.Add(Role.Facilitator);
        }

        return roles;
    }

    /// <summary>Said to someone who pressed Accept with words in the box: words go with Reopen only.</summary>
    public const string AcceptWithWords =
        "Nothing was accepted: Accept does not send what you wrote in the box. To send your words to the owners, press Reopen; to accept the response, empty the box and press Accept.";

    /// <summary>Applies an action; returns the changed concern or an error a person can act on.</summary>
    public static (Concern? Changed, string? Error) Apply(Concern c, ConcernAction action, string actorKey, string? text, DateTimeOffset now)
    {
        if (action is ConcernAction.Respond or ConcernAction.MarkAddressed or ConcernAction.WontAddress or ConcernAction.CloseWithoutRaisers
            && string.IsNullOrWhiteSpace(text))
        {
            var readBy = c.Kind.ReadBy();
            return (null, action switch
            {
                ConcernAction.WontAddress => $"Please give the reason it won't be {c.Kind.Settled()}; {readBy} will see it.",
                ConcernAction.CloseWithoutRaisers => $"Please record why this is closed without {readBy}.",
                _ => $"Please write your response; {readBy} will see it.",
            });
        }

        // Reopening a concern already reopened changes nothing but the words it adds.
        if (action == ConcernAction.Reopen && IsReopened(c) && string.IsNullOrWhiteSpace(text))
        {
            return (null, $"{c.Kind.Named(c.Number)} is already reopened, and the owners have been told. To tell them why their response does not settle it for you, write it in the box and press Reopen.");
        }

        // Words come only with Reopen; accepting with words in the box would settle the concern and drop them.
        if (action == ConcernAction.Accept && !string.IsNullOrWhiteSpace(text))
        {
            return (null, AcceptWithWords);
        }

        var changed = action switch
        {
            ConcernAction.Acknowledge => c with { Status = ConcernStatus.Acknowledged },
            ConcernAction.Respond => c with { Response = text, Status = c.Status == ConcernStatus.Open ? ConcernStatus.Acknowledged : c.Status },
            ConcernAction.MarkAddressed => c with { Response = text, Status = ConcernStatus.Addressed, OwnersAnswer = OwnersAnswer.Addressed, AcceptedBy = [] },
            ConcernAction.WontAddress => c with { Response = text, Status = ConcernStatus.WontAddress, OwnersAnswer = OwnersAnswer.WontAddress, AcceptedBy = [] },
            ConcernAction.Accept => Accept(c, actorKey),
            ConcernAction.Reopen => Reopen(c, actorKey, text),
            ConcernAction.CloseWithoutRaisers => c with { Response = c.Response is null ? text : $"{c.Response}\n\nClosed by the facilitator: {text}", Status = ConcernStatus.ClosedByFacilitator },
            _ => throw new InvalidOperationException($"Unhandled concern action {action}"),
        };
        return (changed with { UpdatedAt = now }, null);
    }

    /// <summary>
    /// Reopened, and with the words the person gave, if any, among the concern's voices: the owners read why the
    /// response did not settle it in the words it was said, and the record keeps them.
    /// </summary>
    private static Concern Reopen(Concern c, string actorKey, string? text)
    {
        var reopened = c with { Status = ConcernStatus.Open, AcceptedBy = [] };
        if (string.IsNullOrWhiteSpace(text))
        {
            return reopened;
        }

        var why = ReopeningVoice(c, actorKey, text.Trim());
        // Like any new voice, news to the owners until they are told of it.
        return reopened with { Voices = [.. c.Voices, why], VoiceChanges = c.ChangedBy([why], []), OwnersHeardAt = null };
    }

    /// <summary>Words given on reopening, as they join the concern: with the person's group, and their name only if they answered by name.</summary>
    public static ConcernVoice ReopeningVoice(Concern c, string actorKey, string text)
    {
        var theirs = c.Voices.FirstOrDefault(v => v.RaiserKey == actorKey);
        return new ConcernVoice(actorKey, theirs?.Group, theirs?.Name, text, null) { Reopening = true };
    }

    private static Concern Accept(Concern c, string actorKey)
    {
        var accepted = c.AcceptedBy.Append(actorKey).Distinct().ToList();
        var everyone = c.Raisers.All(accepted.Contains);
        return c with { AcceptedBy = accepted, Status = everyone ? ConcernStatus.Resolved : c.Status };
    }

    /// <summary>
    /// What became of a condition of the decision when it went from <paramref name="before"/> to <paramref name="after"/>:
    /// met or not once the facilitator, who set it, accepted its owner's answer; closed by the facilitator. Null for a
    /// concern, or any other change.
    /// </summary>
    public static ConditionChange? ConditionChangeOf(Concern before, Concern after) => (after.Kind, before.Status, after.Status) switch
    {
        (not ConcernKind.Condition, _, _) => null,
        (_, ConcernStatus.Addressed, ConcernStatus.Resolved) => ConditionChange.Met,
        (_, ConcernStatus.WontAddress, ConcernStatus.Resolved) => ConditionChange.NotMet,
        (_, not ConcernStatus.ClosedByFacilitator, ConcernStatus.ClosedByFacilitator) => ConditionChange.Closed,
        _ => null,
    };

    public static string EventType(ConcernAction action) => action switch
    {
        ConcernAction.Acknowledge => "concern.acknowledged",
        ConcernAction.Respond => "concern.responded",
        ConcernAction.MarkAddressed => "concern.addressed",
        ConcernAction.WontAddress => "concern.wont-address",
        ConcernAction.Accept => "concern.accepted",
        ConcernAction.Reopen => "concern.reopened",
        ConcernAction.CloseWithoutRaisers => "concern.closed-by-facilitator",
        _ => "concern.changed",
    };
}
