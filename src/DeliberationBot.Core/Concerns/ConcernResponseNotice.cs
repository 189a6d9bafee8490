using System.Text.Json.Serialization;
using DeliberationBot.Core.Messaging;

namespace DeliberationBot.Core.Concerns;

/// <summary>
/// To the people who raised a concern: the owners' response, and Accept / Reopen. Anonymous raisers cannot be
/// addressed, so for them it is posted in the conversation and only a raiser's click counts.
/// </summary>
public sealed record ConcernResponseNotice(Guid DeliberationId, string Title, ConcernView Concern, bool InConversation) : OutgoingMessage
{
    /// <summary>
    /// Set when the notice is drawn again after a person who raised the concern accepted the response or reopened it:
    /// the reader themselves on a private notice, any of them on the conversation's.
    /// </summary>
    public ConcernAction? After { get; init; }

    /// <summary>
    /// Set on the notice to the others who raised it when one of them reopens it: who did ("Ana, who raised it too", or
    /// "someone who raised it anonymously"; in the conversation, which everyone there reads, "one of the people who raised it").
    /// </summary>
    public string? ReopenedBy { get; init; }

    /// <summary>
    /// Set on the notice to the people whose concern the facilitator merged into this one: its number, which is the one
    /// they knew, so that they read why they are asked about another.
    /// </summary>
    public int? MergedFrom { get; init; }

    /// <summary>Whether the people who raised it are asked to accept or reopen: only once the owners mark it addressed or say they won't address it.</summary>
    [JsonIgnore]
    public bool AsksRaisers => Concern.Actions.Contains(ConcernAction.Accept);

    /// <summary>
    /// The first line, with the title as the platform shows it: who did what to which concern. <paramref name="escape"/>
    /// makes the person's name (who reopened it) safe for the platform's markup.
    /// </summary>
    public string Lead(string title, Func<string, string> escape) => (ReopenedBy, Concern.Status == ConcernStatus.ClosedByFacilitator, InConversation) switch
    {
        (null, false, false) when MergedFrom is { } from =>
            $"The facilitator of {title} merged the concern you raised, #{from}, into {Concern.Name.ToLowerInvariant()} as saying the same thing; your words are kept in it{Responded}",
        (null, false, true) when MergedFrom is { } from =>
            $"The facilitator of {title} merged concern #{from} into {Concern.Name.ToLowerInvariant()} as saying the same thing; its words are kept in it{Responded}",
        ({ } who, _, false) => $"The {Noun} you {Raised} on {title} is open again: it was reopened by {escape(who)}, as the owners' response did not settle it for them.",
        ({ } who, _, true) => $"{Concern.Name} on {title} is open again: it was reopened by {escape(who)}, as the owners' response did not settle it for them.",
        (null, true, false) => $"The facilitator of {title} closed the {Noun} you {Raised}.",
        (null, true, true) => $"The facilitator of {title} closed {Concern.Name.ToLowerInvariant()}.",
        (null, false, false) when Concern.Kind == ConcernKind.Condition => $"{(Concern.Owner is { } owner ? escape(owner.Display) + ", its owner," : "Its owner")} responded to the condition you set on {title}.",
        (null, false, false) => $"The owners of {title} responded to the {Noun} you {Raised}.",
        (null, false, true) => $"The owners of {title} responded to {Concern.Name.ToLowerInvariant()}.",
    };

    /// <summary>
    /// What the people who raised it can do now. A response that leaves the concern open, or the facilitator closing
    /// it, does not wait for them: its notice must not ask them to accept what they have no button for.
    /// </summary>
    [JsonIgnore]
    public string NextStep => AfterRaisersActed ?? OpenAgain ?? (AsksRaisers, Concern.Status == ConcernStatus.ClosedByFacilitator, InConversation) switch
    {
        // The person who set a condition reads its owner's answer as met or not; nobody else is asked about it.
        (true, _, false) when IsCondition =>
            $"Accept that it {Concern.Kind.AcceptedAs(Concern.Status == ConcernStatus.Addressed ? OwnersAnswer.Addressed : OwnersAnswer.WontAddress)}, or reopen the condition if that does not settle it for you.",
        (true, _, false) => $"Accept the response, or reopen the {Noun} if it is not settled for you.",
        (true, _, true) => "Only the people who raised it can accept the response or reopen the concern.",
        (false, true, _) => "It is closed without waiting for the people who raised it to accept a response, for the reason below; their words stay in the record.",
        (false, false, false) when IsCondition => "It stays open: when its owner marks it met, or says it won't be met, you'll be asked whether that settles it.",
        (false, false, false) => "It stays open: when the owners mark it addressed, or say they won't address it, you'll be asked whether that settles it.",
        (false, false, true) => "It stays open: when the owners mark it addressed, or say they won't address it, the people who raised it will be asked whether that settles it.",
    };

    /// <summary>
    /// The hint for one person's words on reopening, in a form only they see: the attribution the owners will read, and
    /// where they answered anonymously in a small group, that they may be recognised (<paramref name="smallGroupOf"/>,
    /// the smallest group size that is not).
    /// </summary>
    public static string ReopenWordsHint(ConcernVoice voice, int? smallGroupOf, bool alreadyReopened = false) =>
        (alreadyReopened ? "Someone who raised it has reopened it already, so your words are what you add. " : "Optional. ") +
        $"The owners will read it with the concern, in your words, attributed “{ConcernView.Attribution(voice)}”." +
        (voice.Name is null ? "" : " " + OthersReadIt) +
        (smallGroupOf is { } min ? " " + ConcernPreview.SmallGroupWarning(min) : "");

    /// <summary>For someone who answered by name: what anyone else in the conversation reads of their words (<see cref="ConcernView.InConversation"/>).</summary>
    public const string OthersReadIt = "Others in the conversation can read it too, with your group but not your name.";

    /// <summary>
    /// The hint on a notice's box, which every reader of the notice sees: on a person's own notice, they answered by
    /// name; on the conversation's, shared by people who answered anonymously, whose groups may differ.
    /// </summary>
    public static string ReopenWordsHint(bool inConversation) => inConversation
        ? "Optional. The owners will read it with the concern, and so will everyone here, in your words, with your stakeholder group but not your name. " +
          "If few people of your group answered, people who know the group may be able to tell who wrote it."
        : "Optional. The owners will read it with the concern, in your words, with your name and group. " + OthersReadIt;

    /// <summary>What someone told that another who raised it reopened it can do: add their own reasons, unless they already did.</summary>
    private string? OpenAgain => (ReopenedBy is null || After is not null, InConversation) switch
    {
        (true, _) => null,
        (false, false) => "The owners have been told. " + (Concern.Actions.Contains(ConcernAction.Reopen) ? "If it is not settled for you either, press Reopen and tell them why. " : "") +
            "When they mark it addressed, or say they won't address it, you'll be asked again whether that settles it.",
        (false, true) => "The owners have been told. Anyone else who raised it can press Reopen to tell them why it does not settle it for them either. " +
            "When the owners mark it addressed, or say they won't address it, the people who raised it will be asked again.",
    };

    /// <summary>The end of a merged concern's lead: whether the owners have answered the concern it joined.</summary>
    private string Responded => Concern.Response is null ? "." : ", and the owners have responded to it.";

    /// <summary>What the notice is about, for its one reader: a concern they raised, or a condition of the decision they set.</summary>
    private string Noun => Concern.Kind.Noun();

    private string Raised => IsCondition ? "set" : "raised";

    private bool IsCondition => Concern.Kind == ConcernKind.Condition;

    /// <summary>Where the raisers' answer stands once one of them accepted or reopened; null before any did.</summary>
    private string? AfterRaisersActed => (After, Concern.Status, InConversation) switch
    {
        (ConcernAction.Accept, ConcernStatus.Resolved, false) when IsCondition && Concern.Kind.AcceptedAs(Concern.OwnersAnswer) is { } accepted =>
            $"You accepted that it {accepted}, and the condition is settled. If that changes, you can reopen it.",
        (ConcernAction.Accept, ConcernStatus.Resolved, false) => $"You accepted the response, and the {Noun} is settled. If it stops being settled for you, you can reopen it.",
        (ConcernAction.Accept, ConcernStatus.Resolved, true) => "Everyone who raised it accepted the response, so the concern is settled. Any of them can still reopen it.",
        (ConcernAction.Accept, ConcernStatus.Addressed or ConcernStatus.WontAddress, false) =>
            "You accepted the response. The concern is settled once everyone who raised it has accepted; you can still reopen it.",
        (ConcernAction.Accept, ConcernStatus.Addressed or ConcernStatus.WontAddress, true) =>
            $"{Concern.Accepted} of the {Concern.Raisers} people who raised it accepted the response; the concern is settled once all of them have. Only they can accept it or reopen the concern.",
        (ConcernAction.Reopen, ConcernStatus.Open, false) when IsCondition =>
            "You reopened the condition, and its owner has been told. When they mark it met, or say it won't be met, you'll be asked again whether that settles it.",
        (ConcernAction.Reopen, ConcernStatus.Open, false) =>
            "You reopened the concern, and the owners have been told. When they mark it addressed, or say they won't address it, you'll be asked again whether that settles it.",
        (ConcernAction.Reopen, ConcernStatus.Open, true) =>
            "One of the people who raised it reopened the concern, and the owners have been told. Anyone else who raised it can still press Reopen to tell them why it does not settle it for them. " +
            "When the owners mark it addressed, or say they won't address it, the people who raised it will be asked again.",
        _ => null,
    };
}
