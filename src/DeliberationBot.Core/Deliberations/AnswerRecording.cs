using System.Text.Json;
using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Stakeholders;

namespace DeliberationBot.Core.Deliberations;

/// <summary>
/// One answer (new or changed) as a commit: the answer, its history events, the person finishing, and the card update.
/// Shared by the chat and the public page, so an answer means the same thing wherever it was given.
/// </summary>
public static class AnswerRecording
{
    public sealed record Recorded(Commit Commit, Answer Answer, Answer? Previous, ParticipantProgress Progress, IReadOnlyDictionary<string, AnswerValue> Mine);

    /// <param name="flow">The flow as this person is asked it (the whole flow in chat, the community view on the public page).</param>
    /// <param name="answers">The person's answers so far (others' may be included; they are not read).</param>
    /// <param name="joining">The person is new: their participation is written in the same commit as their first answer.</param>
    /// <param name="source">What gave the answer, when not this delivery: the kept source of the answer an edit changed.</param>
    /// <param name="withWords">The form holds the words of a choice or a number too: what it sends is all of the answer, words left out included.</param>
    public static Recorded Build(
        TurnSupport turn, Deliberation d, FlowDefinition flow, Participant participant, Question question, AnswerValue value, bool flagConcern,
        IReadOnlyList<Answer> answers, string deliveryKey, bool joining = false, string? source = null, bool withWords = false)
    {
        var previous = answers.FirstOrDefault(a => a.ParticipantKey == participant.Key && a.QuestionId == question.Id);
        // A form that holds only the number or the option (one drawn before it had a box for words, or one whose words
        // were too long for its box): given again unchanged (to flag it, say), it keeps the words a typed reply gave with
        // it, and the reply stays their source, so editing the reply still changes them.
        if (!withWords && question.Kind != AnswerKind.FreeText && value.Text is null && previous?.Value is { Text: { } words } given && given.WithWords(null) == value)
        {
            value = value.WithWords(words);
            source ??= previous.Source;
        }
        else if (withWords && previous?.Value == value)
        {
            source ??= previous.Source; // given back as it was (to flag it, say): a reply that gave it stays its source
        }

        var answer = new Answer(d.Id, participant.Key, question.Id, participant.Group, value, flagConcern, (previous?.Revision ?? 0) + 1, turn.Now)
        {
            Source = source ?? turn.AnswerSource(d.WorkspaceId, participant.Anonymous, deliveryKey),
        };
        var mine = Overview.AnswersOf(answers, participant.Key).ToDictionary();
        mine[question.Id] = value;
        var progress = FlowEngine.Evaluate(flow, participant.Group, mine);

        var events = new List<DeliberationEvent>();
        if (joining)
        {
            events.Add(new(d.Id, EventTypes.Joined, participant.Key, null, participant.Group.Id(), turn.Now));
        }

        events.Add(new(d.Id, previous is null ? EventTypes.Answered : EventTypes.Edited, participant.Key, question.Id, JsonSerializer.Serialize(value), turn.Now));
        if (flagConcern && previous?.FlaggedConcern != true)
        {
            events.Add(new(d.Id, EventTypes.ConcernFlagged, participant.Key, question.Id, null, turn.Now));
        }
        else if (!flagConcern && previous?.FlaggedConcern == true)
        {
            events.Add(new(d.Id, EventTypes.ConcernUnflagged, participant.Key, question.Id, null, turn.Now));
        }

        var written = participant;
        if (progress.IsComplete && participant.FinishedAt is null)
        {
            written = participant with { FinishedAt = turn.Now };
            events.Add(new(d.Id, EventTypes.Finished, participant.Key, null, null, turn.Now));
        }

        var commit = new Commit(d.WorkspaceId, deliveryKey)
        {
            Participants = joining || written != participant ? [written] : [],
            Answer = answer,
            Events = events,
            // The card counts who joined and finished and the answers given: a first skip that changes neither leaves it as it is.
            Outbox = ChangesTheCard(joining, written != participant, value, previous) ? [turn.CardUpdate(d, flow, deliveryKey)] : [],
        };
        return new Recorded(commit, answer, previous, progress, mine);
    }

    private static bool ChangesTheCard(bool joining, bool finishing, AnswerValue value, Answer? previous) =>
        joining || finishing || !value.Skipped || previous is { Value.Skipped: false };
}
