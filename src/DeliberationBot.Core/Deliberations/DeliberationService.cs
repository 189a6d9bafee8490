using DeliberationBot.Core.Commands;
using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Forms;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Reminders;

namespace DeliberationBot.Core.Deliberations;

public sealed record StartRequest(string FlowId, string Title, string? Description, IReadOnlyList<UserRef> Owners, DateOnly? Due, AnonymityPolicy Anonymity);

/// <summary>The facilitator's side: start, status, remind, concerns, close.</summary>
public sealed class DeliberationService(
    TurnSupport turn, FlowCatalog catalog, ConcernPublisher concerns, Reports.ReportService reports, Microsoft.Extensions.Options.IOptions<Reminders.ReminderOptions> reminderOptions)
{
    public IReadOnlyList<FlowInfo> Flows() =>
        [.. catalog.All.Select(f => new FlowInfo(f.Id, f.Title, f.Description, f.Questions.Count))];

    /// <summary>A platform's retry of a delivery already handled; its effects stand.</summary>
    public Task<bool> WasDeliveredAsync(Actor actor, string deliveryKey, CancellationToken ct) =>
        turn.Store.WasDeliveredAsync(actor.WorkspaceId, deliveryKey, ct);

    /// <summary>The deliberation a command is about (<see cref="TurnSupport.FindHereAsync"/>), open or closed.</summary>
    public async Task<Guid?> LatestIdAsync(Actor actor, ConversationRef conversation, CancellationToken ct) =>
        (await turn.FindHereAsync(actor, conversation, includeClosed: true, ct))?.Id;

    public async Task<TurnResult> StartAsync(Actor actor, ConversationRef home, StartRequest request, string deliveryKey, CancellationToken ct)
    {
        var flow = catalog.Find(request.FlowId);
        if (flow is null)
        {
            return TurnResult.Error(
                $"I don't have a flow called \"{request.FlowId}\". Available: {string.Join(", ", catalog.All.Select(f => f.Id))}.",
                Usage.Start);
        }

        if (StartInput.Check(request, DateOnly.FromDateTime(turn.Now.UtcDateTime)) is { } problem)
        {
            return TurnResult.Error(problem.Text, Usage.Start);
        }

        var owners = request.Owners.Count > 0 ? request.Owners : [actor.User];
        var d = new Deliberation(
            Guid.CreateVersion7(turn.Now), actor.WorkspaceId, flow.Id, flow.Version, request.Title, request.Description, owners, actor.User, home,
            request.Due, request.Anonymity, DeliberationStatus.Open, turn.Now);
        var commit = new Commit(actor.WorkspaceId, deliveryKey)
        {
            Deliberation = d,
            FlowSnapshot = flow,
            Events = [new DeliberationEvent(d.Id, EventTypes.Started, TurnSupport.NamedKey(actor.User.Id), null, flow.Id + "@" + flow.Version, turn.Now)],
            Outbox = [turn.CardUpdate(d, flow, deliveryKey)],
        };
        if (await turn.CommitAsync(commit, ct) == CommitOutcome.Duplicate)
        {
            return TurnResult.AlreadyHandled;
        }

        return TurnResult.Reply(new Confirmation(
            $"Started \"{d.Title}\" with the {flow.Id} flow ({flow.Questions.Count} questions). Participants can press Answer on the message in this conversation."));
    }

    public async Task<TurnResult> StatusAsync(Actor actor, ConversationRef conversation, CancellationToken ct)
    {
        if (await FindHereAsync(actor, conversation, ct, includeClosed: true) is not var (d, flow))
        {
            return TurnResult.Error(TurnSupport.NoneHere, Usage.Start);
        }

        var tally = await turn.Store.TallyAsync(d.WorkspaceId, d.Id, ct);
        // The concerns as `concerns` would list them, so both commands count the same things.
        var sources = await ConcernSources.ReadAsync(turn.Store, d, flow, ct);
        var synced = ConcernSync.FromAnswers(flow, d.Id, sources.Existing, sources.Answers, sources.Raisers, turn.Now);
        var listed = ConcernPublisher.Merge(sources.Existing, synced).Where(c => !c.IsMerged).ToList();
        return TurnResult.Reply(Overview.Status(d, flow, tally) with
        {
            Concerns = listed.Count(c => c.Kind == ConcernKind.Concern),
            UnresolvedConcerns = listed.Count(c => c.Kind == ConcernKind.Concern && c.IsUnresolved),
            Community = Community.InvitationService.StatusOf(await turn.Store.FindInvitationAsync(d.WorkspaceId, d.Id, ct), tally.PublicPage),
            Decision = d.Decision,
            Conditions = [.. listed.Where(c => c.Kind == ConcernKind.Condition).OrderBy(c => c.Number).Select(c => ConcernView.Of(c, flow, []))],
        });
    }

    /// <summary>
    /// Reminds, privately, everyone named who has joined but not finished; anonymous participants get a reminder in the
    /// conversation. Nobody is reminded again within <see cref="PrivateReminder.Again"/>, however often it is asked,
    /// and nobody in their quiet hours: their reminder is held, and the reminder job sends it when those end.
    /// </summary>
    public async Task<TurnResult> RemindAsync(Actor actor, ConversationRef conversation, string deliveryKey, CancellationToken ct)
    {
        if (await FindHereAsync(actor, conversation, ct) is not var (d, flow))
        {
            return TurnResult.Error(TurnSupport.NoneHere, Usage.Start);
        }

        if (!d.MayClose(actor.User))
        {
            return TurnResult.Error("Only the facilitator or an owner can send reminders.");
        }

        var participants = await turn.Store.ListParticipantsAsync(d.WorkspaceId, d.Id, ct);
        var answers = await turn.Store.ListAnswersAsync(d.WorkspaceId, d.Id, ct);
        var unfinished = participants.Where(p => p.FinishedAt is null).ToList();
        var due = unfinished.Where(p => !PrivateReminder.RemindedRecently(p, turn.Now)).ToList();
        // Nobody is messaged in their quiet hours, whoever asks: their reminder is held, and sent by the reminder job when they end.
        var reminders = new List<(Participant Reminded, OutboxMessage Message)>();
        var held = new List<Participant>();
        foreach (var p in due.Where(p => p.UserId is not null))
        {
            if (await PrivateReminder.InQuietHoursAsync(turn, d.WorkspaceId, p, reminderOptions.Value, ct))
            {
                held.Add(p with { ReminderAskedAt = turn.Now });
            }
            else
            {
                reminders.Add(PrivateReminder.For(turn, d, flow, answers, p, $"{deliveryKey}/remind/{p.Key}"));
            }
        }

        var outbox = reminders.Select(r => r.Message).ToList();

        // Anonymous people can only be reminded in the conversation; each of them counts as reminded by that post.
        var anonymous = due.Where(p => p.UserId is null).Select(p => p with { LastRemindedAt = turn.Now }).ToList();
        if (anonymous.Count > 0)
        {
            outbox.Add(turn.Outbox(d.WorkspaceId, $"{deliveryKey}/remind/conversation", Destination.To(d.Home), new ReminderNotice(d.Id, d.Title, 0, d.Due)));
        }

        var commit = new Commit(d.WorkspaceId, deliveryKey)
        {
            Participants = [.. reminders.Select(r => r.Reminded), .. held, .. anonymous],
            Events = [new DeliberationEvent(d.Id, EventTypes.Reminded, TurnSupport.NamedKey(actor.User.Id), null, due.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), turn.Now)],
            Outbox = outbox,
        };
        if (await turn.CommitAsync(commit, ct) == CommitOutcome.Duplicate)
        {
            return TurnResult.AlreadyHandled;
        }

        var text = unfinished.Count == 0
            ? "Everyone who joined has finished; nobody needed a reminder."
            : PrivateReminder.Confirmation(reminders.Count, anonymous.Count, unfinished.Count - due.Count, held.Count);
        return TurnResult.Reply(new Confirmation(text));
    }

    public async Task<TurnResult> CloseAsync(Actor actor, ConversationRef conversation, string deliveryKey, CancellationToken ct)
    {
        if (await FindHereAsync(actor, conversation, ct) is not var (d, flow))
        {
            return TurnResult.Error(TurnSupport.NoneHere, Usage.Start);
        }

        if (!d.MayClose(actor.User))
        {
            return TurnResult.Error($"Only the facilitator ({d.Facilitator.Display}) or an owner can close \"{d.Title}\".");
        }

        return await CloseDeliberationAsync(d, flow, TurnSupport.NamedKey(actor.User.Id), deliveryKey, ct) == CommitOutcome.Duplicate
            ? TurnResult.AlreadyHandled
            : TurnResult.Reply(new Confirmation($"Closed \"{d.Title}\"."));
    }

    /// <summary>The deadline passed: the same close as the command, by DeliberationBot, once however many instances try.</summary>
    public Task CloseAtDeadlineAsync(Deliberation d, CancellationToken ct) =>
        turn.ChangeOpenAsync(d, async now => await CloseDeliberationAsync(now, await turn.FlowOfAsync(now, ct), null, $"deadline:{d.Id:N}", ct), ct);

    /// <summary>Closing: the card shows it, concerns are synced and sent to owners, the summary is posted, the facilitator is asked to decide, leaders get the page.</summary>
    private async Task<CommitOutcome> CloseDeliberationAsync(Deliberation d, FlowDefinition flow, string? actorKey, string deliveryKey, CancellationToken ct)
    {
        var closed = d with { Status = DeliberationStatus.Closed, ClosedAt = turn.Now };
        var given = (await turn.Store.TallyAsync(d.WorkspaceId, d.Id, ct)).Answers.Sum(a => a.Given);
        var published = concerns.Prepare(closed, flow, await ConcernSources.ReadAsync(turn.Store, d, flow, ct), deliveryKey, summaryAnswers: given);
        var request = DecisionRequest.For(closed, flow, published.All, await turn.HasPublicPageAsync(d, ct));
        var commit = new Commit(d.WorkspaceId, deliveryKey)
        {
            Deliberation = closed,
            Concerns = published.Concerns,
            Events = [new DeliberationEvent(d.Id, EventTypes.Closed, actorKey, null, actorKey is null ? "deadline" : null, turn.Now), .. published.Events],
            Outbox =
            [
                turn.CardUpdate(closed, flow, deliveryKey),
                .. published.Outbox,
                turn.Outbox(d.WorkspaceId, deliveryKey + "/decision-request", Destination.PrivatelyTo(d.Home, d.Facilitator), request),
                .. reports.LinksForLeaders(closed, deliveryKey),
            ],
        };
        return await turn.CommitAsync(commit, ct);
    }

    private async Task<(Deliberation, FlowDefinition)?> FindHereAsync(Actor actor, ConversationRef conversation, CancellationToken ct, bool includeClosed = false)
    {
        var d = await turn.FindHereAsync(actor, conversation, includeClosed, ct);
        return d is null ? null : (d, await turn.FlowOfAsync(d, ct));
    }
}
