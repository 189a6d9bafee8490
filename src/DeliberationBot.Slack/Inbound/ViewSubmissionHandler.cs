using System.Globalization;
using System.Text.Json;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Stakeholders;
using DeliberationBot.Slack.Rendering;

namespace DeliberationBot.Slack.Inbound;

/// <summary>
/// Modal submissions. The reply is the synchronous answer: the next step replaces the modal (response_action update),
/// a problem is shown next to the input it concerns (response_action errors), a repeated submission changes nothing.
/// </summary>
internal sealed class ViewSubmissionHandler(AnsweringService answering, DeliberationService deliberations, TimeProvider time, SlackLog log)
{
    public async Task<SlackAck> HandleAsync(JsonElement payload, CancellationToken ct)
    {
        var actor = InteractionHandler.ActorOf(payload);
        var view = payload.Get("view") ?? throw new SlackPayloadException("view_submission without view");
        var callback = view.Str("callback_id");
        var metadata = view.Str("private_metadata");
        var key = DeliveryKeys.View(actor.WorkspaceId, view.Required("id"), view.Str("hash"), callback, metadata);
        var state = new ViewState(view);
        return callback switch
        {
            SlackIds.StartCallback => await StartAsync(actor, metadata, state, key, ct),
            SlackIds.GroupCallback => await JoinAsync(actor, metadata, state, key, ct),
            SlackIds.QuestionCallback => await AnswerAsync(actor, metadata, state, key, ct),
            _ => SlackAck.Empty,
        };
    }

    private async Task<SlackAck> StartAsync(Actor actor, string? channelId, ViewState state, string key, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(channelId))
        {
            throw new SlackPayloadException("start form without its channel");
        }

        var title = state.Text(SlackIds.TitleBlock)?.Trim();
        if (string.IsNullOrEmpty(title))
        {
            return SlackAck.Json(Replies.Errors(SlackIds.TitleBlock, "The proposal needs a title."));
        }

        DateOnly? due = null;
        if (state.Text(SlackIds.DueBlock) is { Length: > 0 } dueText)
        {
            if (!DateOnly.TryParseExact(dueText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return SlackAck.Json(Replies.Errors(SlackIds.DueBlock, "Pick the deadline from the calendar."));
            }

            if (date < DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime))
            {
                return SlackAck.Json(Replies.Errors(SlackIds.DueBlock, "That date has already passed. Pick a date from today on."));
            }

            due = date;
        }

        var anonymity = state.Selected(SlackIds.AnonymityBlock) switch
        {
            "anonymous_allowed" => AnonymityPolicy.AnonymousAllowed,
            "anonymous_only" => AnonymityPolicy.AnonymousOnly,
            _ => AnonymityPolicy.Named,
        };
        var description = state.Text(SlackIds.DescriptionBlock)?.Trim();
        var request = new StartRequest(
            state.Selected(SlackIds.FlowBlock) ?? "",
            title,
            string.IsNullOrEmpty(description) ? null : description,
            [.. state.Users(SlackIds.OwnersBlock).Distinct().Select(id => new UserRef(id))],
            due,
            anonymity);
        var home = new ConversationRef(SlackChannel.Name, actor.WorkspaceId, channelId);
        return Respond(await deliberations.StartAsync(actor, home, request, key, ct), SlackIds.FlowBlock, actor, key);
    }

    private async Task<SlackAck> JoinAsync(Actor actor, string? metadata, ViewState state, string key, CancellationToken ct)
    {
        if (!Guid.TryParse(metadata, out var deliberationId))
        {
            throw new SlackPayloadException("group modal without its deliberation");
        }

        if (!StakeholderGroups.TryParse(state.Selected(SlackIds.GroupBlock), out var group))
        {
            return SlackAck.Json(Replies.Errors(SlackIds.GroupBlock, "Choose the group you answer as."));
        }

        var result = await answering.JoinAsync(actor, deliberationId, group, state.Checked(SlackIds.AnonymousBlock), key, ct);
        return Respond(result, SlackIds.GroupBlock, actor, key);
    }

    private async Task<SlackAck> AnswerAsync(Actor actor, string? metadata, ViewState state, string key, CancellationToken ct)
    {
        if (!SlackIds.TryParseQuestionMetadata(metadata, out var deliberationId, out var kind, out var questionId))
        {
            throw new SlackPayloadException("question modal without its deliberation and question");
        }

        if (state.Answer(kind) is not { } value)
        {
            return SlackAck.Json(Replies.Errors(SlackIds.AnswerBlock, "Please give a number, for example 15."));
        }

        var result = await answering.AnswerAsync(actor, deliberationId, questionId, value, state.Checked(SlackIds.ConcernBlock), key, ct);
        return Respond(result, SlackIds.AnswerBlock, actor, key);
    }

    private SlackAck Respond(TurnResult result, string errorBlock, Actor actor, string key)
    {
        if (result.Duplicate)
        {
            log.Duplicate("view submission", actor.WorkspaceId, key);
            return SlackAck.Empty;
        }

        return (result.Replies.Count > 0 ? result.Replies[0] : null) switch
        {
            null => SlackAck.Empty,
            ErrorMessage e => SlackAck.Json(Replies.Errors(errorBlock, e.Usage is null ? e.Text : $"{e.Text} ({e.Usage})")),
            var reply => SlackAck.Json(Replies.UpdateView(ModalRenderer.Render(reply))),
        };
    }
}
