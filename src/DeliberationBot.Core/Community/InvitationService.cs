using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Messaging;

namespace DeliberationBot.Core.Community;

/// <summary>
/// <c>invite community</c>, <c>invite pause|resume|revoke</c> and <c>invite contacts</c>: the facilitator's control of a
/// deliberation's public link. Every change is recorded in the history; nothing already answered is ever removed.
/// </summary>
public sealed class InvitationService(TurnSupport turn, ICommunityLinks links)
{
    public const string InvitedEvent = "community.invited";
    public const string StateEvent = "community.link-state";

    public async Task<TurnResult> InviteAsync(Actor actor, Guid deliberationId, IReadOnlyList<string>? languages, DateOnly? until, int? maxPeople, string deliveryKey, CancellationToken ct)
    {
        if (await turn.LoadAsync(actor.WorkspaceId, deliberationId, ct) is not var (d, flow))
        {
            return TurnResult.Error(TurnSupport.NotFound);
        }

        if (Refusal(actor, d) is { } refused)
        {
            return refused;
        }

        if (!d.IsOpen)
        {
            return TurnResult.Error($"\"{d.Title}\" is closed, so it no longer takes answers from anyone.");
        }

        if (!flow.Questions.Any(q => q.ForCommunity))
        {
            return TurnResult.Error($"The flow \"{flow.Title}\" has no questions for the community page. Mark some with audience: community in its YAML, or start the deliberation with another flow (see \"flows\").");
        }

        // Language codes are case-insensitive (es-MX, es-mx); the flow's spelling is kept.
        var chosen = (languages ?? flow.Languages).Select(l => flow.Languages.FirstOrDefault(f => f.Equals(l, StringComparison.OrdinalIgnoreCase)) ?? l).ToList();
        if (chosen.FirstOrDefault(l => !flow.Languages.Contains(l)) is { } unknown)
        {
            return TurnResult.Error($"The flow \"{flow.Title}\" is not worded in \"{unknown}\". It offers: {string.Join(", ", flow.Languages)}.", Commands.Usage.Invite);
        }

        var existing = await turn.Store.FindInvitationAsync(d.WorkspaceId, d.Id, ct);
        // A revoked link stays dead; inviting again makes a new one.
        var token = existing is { State: not InvitationState.Revoked } ? existing.Token : CommunityInvitation.NewToken();
        var invitation = new CommunityInvitation(d.Id, d.WorkspaceId, token, chosen, until, maxPeople, InvitationState.Open, existing?.Token == token ? existing.CreatedAt : turn.Now);
        var commit = new Commit(d.WorkspaceId, deliveryKey)
        {
            Invitation = invitation,
            Events = [new DeliberationEvent(d.Id, InvitedEvent, TurnSupport.NamedKey(actor.User.Id), null, $"{string.Join(',', chosen)};{until:yyyy-MM-dd};{maxPeople}", turn.Now)],
        };
        if (await turn.CommitAsync(commit, ct) == CommitOutcome.Duplicate)
        {
            return TurnResult.AlreadyHandled;
        }

        var note = existing?.Token == token
            ? "The same link as before, with these settings; answers already given are kept."
            : "Share it on posters, flyers or by message. Anyone with the link can answer anonymously; nobody needs an account.";
        return TurnResult.Reply(await LinkAsync(d, invitation, note, ct));
    }

    public async Task<TurnResult> ChangeStateAsync(Actor actor, Guid deliberationId, InvitationState to, string deliveryKey, CancellationToken ct)
    {
        var d = await turn.Store.FindAsync(actor.WorkspaceId, deliberationId, ct);
        if (d is null)
        {
            return TurnResult.Error(TurnSupport.NotFound);
        }

        if (Refusal(actor, d) is { } refused)
        {
            return refused;
        }

        var existing = await turn.Store.FindInvitationAsync(d.WorkspaceId, d.Id, ct);
        if (existing is null)
        {
            return TurnResult.Error($"\"{d.Title}\" has no public link yet. Create one with:", Commands.Usage.Invite);
        }

        if (existing.State == InvitationState.Revoked)
        {
            return TurnResult.Error("That link was revoked and stays stopped. Type \"invite community\" for a new link.");
        }

        var changed = existing with { State = to };
        var commit = new Commit(d.WorkspaceId, deliveryKey)
        {
            Invitation = changed,
            Events = [new DeliberationEvent(d.Id, StateEvent, TurnSupport.NamedKey(actor.User.Id), null, to.ToString(), turn.Now)],
        };
        if (await turn.CommitAsync(commit, ct) == CommitOutcome.Duplicate)
        {
            return TurnResult.AlreadyHandled;
        }

        var note = to switch
        {
            InvitationState.Paused => "Paused: the page now tells visitors that answers are not being taken for the moment. Answers already given are kept. \"invite resume\" opens it again.",
            InvitationState.Open => "Open again: the same link and QR code take answers.",
            _ => "Revoked: the link stops taking answers at once, for good. Answers already given are kept. \"invite community\" makes a new link.",
        };
        return TurnResult.Reply(await LinkAsync(d, changed, note, ct));
    }

    /// <summary>
    /// <c>invite contacts</c>: the addresses people chose to leave to hear what was decided, for the facilitator only —
    /// the page promised them they would hear, and the facilitator is the one who can tell them.
    /// </summary>
    public async Task<TurnResult> ContactsAsync(Actor actor, Guid deliberationId, CancellationToken ct)
    {
        var d = await turn.Store.FindAsync(actor.WorkspaceId, deliberationId, ct);
        if (d is null)
        {
            return TurnResult.Error(TurnSupport.NotFound);
        }

        if (Refusal(actor, d) is { } refused)
        {
            return refused;
        }

        if (await turn.Store.FindInvitationAsync(d.WorkspaceId, d.Id, ct) is null)
        {
            return TurnResult.Error($"\"{d.Title}\" has no public link yet, so nobody could leave an address. Create one with:", Commands.Usage.Invite);
        }

        return TurnResult.Reply(new CommunityContactList(d.Id, d.Title, await turn.Store.ListContactsAsync(d.WorkspaceId, d.Id, ct)));
    }

    /// <summary>How many people and answers came through the public page, for <c>status</c>; null when there is no link.</summary>
    public static CommunityStatus? StatusOf(CommunityInvitation? invitation, PublicPageTally publicPage) =>
        invitation is null ? null : new CommunityStatus(invitation.State, publicPage.Participants, publicPage.Answers);

    private async Task<CommunityInvitationLink> LinkAsync(Deliberation d, CommunityInvitation invitation, string note, CancellationToken ct)
    {
        var people = (await turn.Store.TallyAsync(d.WorkspaceId, d.Id, ct)).PublicPage.Participants;
        return new CommunityInvitationLink(
            d.Id, d.Title, links.Page(invitation.Token), links.QrCode(invitation.Token), invitation.Languages, invitation.Until, invitation.MaxPeople, invitation.State, people, note);
    }

    private static TurnResult? Refusal(Actor actor, Deliberation d) =>
        d.Facilitator.Id == actor.User.Id
            ? null
            : TurnResult.Error($"Only the facilitator ({d.Facilitator.Display}) can manage the public link of \"{d.Title}\".");
}
