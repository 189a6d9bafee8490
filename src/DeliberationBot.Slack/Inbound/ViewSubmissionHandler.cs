using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Forms;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Stakeholders;
using DeliberationBot.Slack.Concerns;
using DeliberationBot.Slack.Inbound.Payloads;
using DeliberationBot.Slack.People;
using DeliberationBot.Slack.Rendering;

namespace DeliberationBot.Slack.Inbound;

/// <summary>
/// Modal submissions, routed by callback id through an explicit table (a callback registered twice fails at
/// start-up). The reply is the synchronous answer (see <see cref="ViewReplies"/>). Where a submission keeps the person's
/// name (who started, joined or decided, and the owners picked), it is the name Slack shows, not the handle interactions
/// carry; an answer keeps none, so answering never waits for users.info.
/// </summary>
internal sealed class ViewSubmissionHandler
{
    private readonly Dictionary<string, (Func<Actor, string?, ViewState, string, CancellationToken, Task<SlackAck>> Handle, bool KeepsName)> _routes = new(StringComparer.Ordinal);
    private readonly AnsweringService _answering;
    private readonly ThreadAnswering _threads;
    private readonly DeliberationService _deliberations;
    private readonly TimeProvider _time;
    private readonly ViewReplies _replies;
    private readonly SlackPeople _people;
    private readonly BotPresence _presence;
    private readonly SlackLog _log;

    public ViewSubmissionHandler(
        AnsweringService answering, ThreadAnswering threads, DeliberationService deliberations, ConcernActions concerns, DecisionActions decisions,
        ViewReplies replies, SlackPeople people, BotPresence presence, TimeProvider time, SlackLog log)
    {
        (_answering, _threads, _deliberations, _replies, _people, _presence, _time, _log) = (answering, threads, deliberations, replies, people, presence, time, log);
        Register(SlackIds.StartCallback, StartAsync, keepsName: true);
        Register(SlackIds.GroupCallback, JoinAsync, keepsName: true);
        Register(SlackIds.QuestionCallback, (actor, metadata, state, key, ct) => AnswerAsync(actor, metadata, state, key, ct));
        Register(SlackIds.KeptAnswerCallback, (actor, metadata, state, key, ct) => AnswerAsync(actor, metadata, state, key, ct, keepWhenEmpty: true));
        Register(SlackIds.ConcernCallback, concerns.SubmitAsync);
        Register(SlackIds.DecisionCallback, decisions.SubmitAsync, keepsName: true);
    }

    public IReadOnlyCollection<string> Callbacks => _routes.Keys;

    public async Task<SlackAck> HandleAsync(InteractionPayload payload, CancellationToken ct)
    {
        var actor = InteractionHandler.ActorOf(payload);
        var view = payload.View ?? throw new SlackPayloadException("view_submission without view");
        var key = DeliveryKeys.View(actor.WorkspaceId, SlackPayload.Required(view.Id, "view id"), view.Hash, view.CallbackId, view.PrivateMetadata);
        if (view.CallbackId is not { } callback || !_routes.TryGetValue(callback, out var route))
        {
            _log.Ignored("view submission", view.CallbackId ?? "(no callback id)");
            return SlackAck.Empty;
        }

        if (route.KeepsName)
        {
            // As Slack shows them, and in their own time: joining keeps the time zone that keeps reminders out of their nights.
            var person = await _people.FindAsync(actor.WorkspaceId, actor.User.Id, ct);
            actor = actor with { User = person.Naming(actor.User), TimeZone = person.TimeZone ?? actor.TimeZone };
        }

        return await route.Handle(actor, view.PrivateMetadata, view.State ?? ViewState.Empty, key, ct);
    }

    private void Register(string callbackId, Func<Actor, string?, ViewState, string, CancellationToken, Task<SlackAck>> handler, bool keepsName = false)
    {
        if (!_routes.TryAdd(callbackId, (handler, keepsName)))
        {
            throw new InvalidOperationException($"Slack view callback '{callbackId}' is registered twice.");
        }
    }

    private async Task<SlackAck> StartAsync(Actor actor, string? channelId, ViewState state, string key, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(channelId))
        {
            throw new SlackPayloadException("start form without its channel");
        }

        var fields = new StartFormFields(
            state.Selected(SlackIds.FlowBlock),
            state.Text(SlackIds.TitleBlock),
            state.Text(SlackIds.DescriptionBlock),
            await Task.WhenAll(state.Users(SlackIds.OwnersBlock).Select(id => _people.NamedAsync(actor.WorkspaceId, new UserRef(id), ct))),
            state.Text(SlackIds.DueBlock),
            state.Selected(SlackIds.AnonymityBlock));
        var (request, problem) = StartInput.Read(fields, DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime));
        if (request is null)
        {
            return SlackAck.Json(Replies.Errors(problem!));
        }

        var home = new ConversationRef(SlackChannel.Name, actor.WorkspaceId, channelId);
        var started = await _deliberations.StartAsync(actor, home, request, key, ct);
        var ack = await _replies.RespondAsync(started, SlackIds.FlowBlock, actor, key, ct);
        // Once started, the bot joins a public channel it only posts in, so that replies in the card's thread reach it.
        return started.Duplicate || started.Replies.OfType<ErrorMessage>().Any() ? ack : ack.AndThen(async token =>
        {
            if (await _presence.CheckAsync(actor.WorkspaceId, channelId, token) == Presence.PostsOnly)
            {
                await _presence.JoinAsync(actor.WorkspaceId, channelId, actor.User.Id, key, token);
            }
        });
    }

    private async Task<SlackAck> JoinAsync(Actor actor, string? metadata, ViewState state, string key, CancellationToken ct)
    {
        if (!SlackIds.TryParseAnswerValue(metadata, out var deliberationId, out var waiting))
        {
            throw new SlackPayloadException("group modal without its deliberation");
        }

        var (group, problem) = ChoiceForms.Group(state.Selected(SlackIds.GroupBlock));
        if (group is not { } chosen)
        {
            return SlackAck.Json(Replies.Errors(problem!));
        }

        var result = await _threads.JoinAsync(actor, deliberationId, chosen, state.Checked(SlackIds.AnonymousBlock), waiting, key, ct);
        return await _replies.RespondAsync(result, SlackIds.GroupBlock, actor, key, ct);
    }

    /// <param name="keepWhenEmpty">
    /// The form showed an answer too long for its input: left empty, the answer stays and only the concern box counts.
    /// </param>
    private async Task<SlackAck> AnswerAsync(Actor actor, string? metadata, ViewState state, string key, CancellationToken ct, bool keepWhenEmpty = false)
    {
        if (!SlackIds.TryParseQuestionMetadata(metadata, out var deliberationId, out var kind, out var questionId))
        {
            throw new SlackPayloadException("question modal without its deliberation and question");
        }

        var given = state.Answer(kind);
        var flagged = state.Checked(SlackIds.ConcernBlock);
        TurnResult result;
        if (keepWhenEmpty && given.All(string.IsNullOrWhiteSpace))
        {
            result = await _answering.FlagConcernAsync(actor, deliberationId, questionId, flagged, key, ct);
        }
        else
        {
            var (value, problem) = AnswerParser.FromForm(kind, given);
            if (value is null)
            {
                return SlackAck.Json(Replies.Errors(problem!));
            }

            var (shown, typed) = state.Words();
            var (words, tooLong) = AnswerForm.Words(typed);
            if (tooLong is not null)
            {
                return SlackAck.Json(Replies.Errors(SlackIds.WordsBlock, tooLong.Text));
            }

            var answer = shown ? AnswerForm.WithBoxWords(value, kind, words) : value;
            result = await _answering.AnswerAsync(actor, deliberationId, questionId, answer, flagged, key, ct, withWords: shown);
        }

        return await _replies.RespondAsync(result, SlackIds.AnswerBlock, actor, key, ct);
    }
}
