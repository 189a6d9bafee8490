using DeliberationBot.Core.Commands;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Privacy;
using DeliberationBot.Core.Summaries;
using Microsoft.Extensions.Options;

namespace DeliberationBot.Core.Concerns;

/// <summary>Keeps the concerns a summary suggested, and lets the facilitator confirm or dismiss each.</summary>
public sealed class SuggestionService(TurnSupport turn, ConcernService concerns, IOptions<GroupSizeOptions> groupSize)
{
    /// <summary>
    /// Stores a summary's suggestions once per summary message (<paramref name="summaryKey"/>); a suggestion with the
    /// same words as one already kept is not kept twice. Returns every suggestion of the deliberation, numbered.
    /// </summary>
    public async Task<IReadOnlyList<Suggestion>> KeepAsync(Deliberation d, IReadOnlyList<SuggestedConcern> suggested, string summaryKey, CancellationToken ct)
    {
        var kept = await turn.Store.ListSuggestionsAsync(d.WorkspaceId, d.Id, ct);
        var next = kept.Count == 0 ? 1 : kept.Max(s => s.Number) + 1;
        var fresh = suggested
            .Where(s => !string.IsNullOrWhiteSpace(s.Text))
            .DistinctBy(s => Normalise(s.Text))
            .Where(s => kept.All(k => Normalise(k.Text) != Normalise(s.Text)))
            .Select(s => new Suggestion(Guid.CreateVersion7(turn.Now), d.Id, next++, s.Text.Trim(), s.SectionId, s.QuestionId, s.Cites, SuggestionStatus.Suggested, null, turn.Now, turn.Now))
            .ToList();
        if (fresh.Count > 0)
        {
            await turn.CommitAsync(new Commit(d.WorkspaceId, summaryKey) { Suggestions = fresh }, ct);
        }

        return fresh.Count == 0 ? kept : await turn.Store.ListSuggestionsAsync(d.WorkspaceId, d.Id, ct);
    }

    /// <summary><c>confirm S3</c> / <c>dismiss S3</c>, or the buttons under a summary's suggestions.</summary>
    public async Task<TurnResult> SettleAsync(Actor actor, Guid deliberationId, int number, bool confirm, string deliveryKey, CancellationToken ct)
    {
        if (await turn.Store.WasDeliveredAsync(actor.WorkspaceId, deliveryKey, ct))
        {
            return TurnResult.AlreadyHandled;
        }

        if (await turn.LoadAsync(actor.WorkspaceId, deliberationId, ct) is not var (d, flow))
        {
            return TurnResult.Error(TurnSupport.NotFound);
        }

        if (d.Facilitator.Id != actor.User.Id)
        {
            return TurnResult.Error($"Only the facilitator ({d.Facilitator.Display}) can confirm or dismiss a suggested concern.");
        }

        var suggestion = (await turn.Store.ListSuggestionsAsync(d.WorkspaceId, d.Id, ct)).FirstOrDefault(s => s.Number == number);
        if (suggestion is null)
        {
            return TurnResult.Error($"\"{d.Title}\" has no suggested concern S{number}. The summary lists them as S1, S2, …", confirm ? Usage.Confirm : Usage.Dismiss);
        }

        if (suggestion.Status != SuggestionStatus.Suggested)
        {
            return TurnResult.Reply(new Confirmation(suggestion.Status == SuggestionStatus.Confirmed
                ? $"{suggestion.Label} is already concern #{suggestion.ConcernNumber}. Nothing changed."
                : $"{suggestion.Label} was already dismissed. Nothing changed."));
        }

        if (!confirm)
        {
            var dismissed = new Commit(d.WorkspaceId, deliveryKey)
            {
                Suggestions = [suggestion with { Status = SuggestionStatus.Dismissed, UpdatedAt = turn.Now }],
                Events = [new DeliberationEvent(d.Id, "suggestion.dismissed", TurnSupport.NamedKey(actor.User.Id), suggestion.QuestionId, $"{suggestion.Label} {suggestion.Text}", turn.Now)],
            };
            return await turn.CommitAsync(dismissed, ct) == CommitOutcome.Duplicate
                ? TurnResult.AlreadyHandled
                : TurnResult.Reply(new Confirmation($"Dismissed {suggestion.Label}; it stays in the record as a suggestion that was set aside."));
        }

        var question = suggestion.QuestionId is null ? null : flow.FindQuestion(suggestion.QuestionId);
        var cited = await CitedAsync(d, flow, suggestion, ct);
        var draft = await concerns.PrepareNewAsync(actor, d, flow, ConcernKind.Concern, ConcernOrigin.ConfirmedSuggestion, suggestion.Text, question, null, null, deliveryKey, ct, cited);
        var now = turn.Now;
        return await concerns.CommitNewAsync(d, number =>
        {
            var (concern, commit) = draft(number);
            return (concern, commit with
            {
                Suggestions = [suggestion with { Status = SuggestionStatus.Confirmed, ConcernNumber = concern.Number, UpdatedAt = now }],
                Events = [.. commit.Events, new DeliberationEvent(d.Id, "suggestion.confirmed", TurnSupport.NamedKey(actor.User.Id), suggestion.QuestionId, $"{suggestion.Label} became #{concern.Number}", now)],
            });
        }, ct);
    }

    /// <summary>
    /// The answers the summary cited for a suggestion, to be quoted in the concern it becomes: what the owners are asked
    /// to answer rests on people's words, which they read as written, not only on the summary's. Only what the summary
    /// itself may quote (<see cref="CitedAnswers.Quotable"/>), and as it quotes it, with the person's name when they
    /// answered by name, as any voice.
    /// </summary>
    private async Task<IReadOnlyList<ConcernVoice>> CitedAsync(Deliberation d, FlowDefinition flow, Suggestion suggestion, CancellationToken ct)
    {
        if (suggestion.Cites.Count == 0)
        {
            return [];
        }

        var (participants, inOrder) = await CitedAnswers.ReadAsync(turn.Store, d, ct);
        var set = SummaryAnswerSet.From(new SummaryInput(d.Id, d.Title, flow, CitedAnswers.ForSummary(participants, inOrder), groupSize.Value.MinGroupSize));
        var byId = inOrder.Select((a, i) => (a, i)).ToDictionary(x => CitedAnswers.Id(x.i), x => x.a, StringComparer.Ordinal);
        var names = participants.Where(p => !p.Anonymous).ToDictionary(p => p.Key, p => p.DisplayName ?? p.UserId, StringComparer.Ordinal);
        return [.. CitedAnswers.Quotable(set, suggestion.Cites, suggestion.SectionId)
            .Select(q => (q.Text, Answer: byId[q.Answer.Id]))
            .Select(x => new ConcernVoice(x.Answer.ParticipantKey, x.Answer.Group, names.GetValueOrDefault(x.Answer.ParticipantKey), x.Text, x.Answer.QuestionId) { Cited = true })];
    }

    private static string Normalise(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
}
