using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Summaries;

namespace DeliberationBot.Core.Concerns;

/// <summary>
/// Keeps what a concern says of each person true to what they answer now. A voice keeps the words that raised the
/// concern; once the person's answer no longer raises it (changed to one outside the question's rule, unflagged, or
/// withdrawn), the voice says so (<see cref="ConcernVoice.Since"/>), and it counts as edited: the owners are sent the
/// concern again, rather than go on reading the words as that person's answer.
/// </summary>
public static class LaterAnswers
{
    /// <summary>
    /// Whether a voice stands for a person's answer to a question and so follows it: not words given on reopening,
    /// an answer the summary cited (kept as it stood when the facilitator confirmed it), the summary's own words, or the
    /// answer to a follow-up (<see cref="ConcernVoice.FollowUpOf"/>), which raises nothing itself and stands with the answer it follows.
    /// </summary>
    public static bool Follows(ConcernVoice v) => v.QuestionId is not null && !v.Reopening && !v.Cited && !v.Suggested && v.FollowUpOf is null;

    /// <summary>The concern with its voices marked as their answers now stand; null when none changes.</summary>
    /// <param name="answers">People's current answers by participant key and question id; a voice without one is left as it is.</param>
    public static Concern? Marked(Concern c, FlowDefinition flow, IReadOnlyDictionary<(string, string), Answer> answers, DateTimeOffset now)
    {
        List<ConcernVoice>? voices = null;
        var edited = new List<ConcernVoice>();
        for (var i = 0; i < c.Voices.Count; i++)
        {
            var v = c.Voices[i];
            AnswerSince? since;
            if (v.FollowUpOf is not null && answers.TryGetValue((v.RaiserKey, v.QuestionId!), out var followUp))
            {
                // A follow-up's answer raises nothing itself: its words stand until it is withdrawn (answered again, ConcernSync
                // brings them up to date).
                since = followUp.Value.Skipped ? new AnswerSince(AnswerSinceKind.Withdrawn) : null;
            }
            else if (!Follows(v) || flow.FindQuestion(v.QuestionId!) is not { } question || !answers.TryGetValue((v.RaiserKey, question.Id), out var answer))
            {
                continue;
            }
            else
            {
                since = SinceOf(question, answer, v);
            }

            if (since == v.Since)
            {
                continue;
            }

            voices ??= [.. c.Voices];
            voices[i] = v with { Since = since };
            edited.Add(voices[i]);
        }

        return voices is null ? null : c with { Voices = voices, UpdatedAt = now, OwnersHeardAt = null, VoiceChanges = c.ChangedBy([], [], answers: edited) };
    }

    /// <summary>Whether a change of answer takes it out of the concerns it raised: the answer before did raise one, and this one does not.</summary>
    public static bool NoLongerRaises(Question question, Answer? previous, Answer answer) =>
        previous is not null && Raises(question, previous) && !Raises(question, answer);

    /// <summary>Whether an answer raises a concern: flagged, or meeting its question's rule.</summary>
    public static bool Raises(Question question, Answer answer) =>
        !answer.Value.Skipped && (answer.FlaggedConcern || question.RaisesConcern(answer.Value));

    /// <summary>
    /// When a person changed an answer so that it no longer raises the concerns holding its words: those concerns, the
    /// words as they stay, and what the owners will read became of the answer. Null when no concern holds them, or the
    /// answer still raises them.
    /// </summary>
    public static KeptWords? Kept(IReadOnlyList<Concern> concerns, Question question, Answer answer)
    {
        var holding = concerns
            .Where(c => !c.IsMerged)
            .Select(c => (Concern: c, Voice: c.Voices.FirstOrDefault(v => Follows(v) && v.RaiserKey == answer.ParticipantKey && v.QuestionId == question.Id)))
            .Where(x => x.Voice is not null)
            .ToList();
        return holding.Count > 0 && SinceOf(question, answer, holding[0].Voice!) is { } since
            ? new KeptWords([.. holding.Select(x => x.Concern)], holding[0].Voice!.Text, since)
            : null;
    }

    private static AnswerSince? SinceOf(Question question, Answer answer, ConcernVoice v)
    {
        if (answer.Value.Skipped)
        {
            return new(AnswerSinceKind.Withdrawn);
        }

        if (Raises(question, answer))
        {
            return null; // it raises a concern still; its words are brought up to date where it does (ConcernSync)
        }

        // Words typed without a flag are not shown to the owners; an option, rating or number is what the rule reads.
        return SummaryAnswerSet.TextOf(question, answer.Value) == v.Text
            ? new(AnswerSinceKind.Unflagged)
            : new(AnswerSinceKind.Changed, question.Kind == AnswerKind.FreeText ? null : AnswerParser.Describe(question, answer.Value.WithWords(null)));
    }
}

/// <summary>
/// The words of a changed answer that stay in the concerns they raised (<see cref="LaterAnswers.Kept"/>), and what the
/// owners read became of the answer since.
/// </summary>
public sealed record KeptWords(IReadOnlyList<Concern> Concerns, string Words, AnswerSince Since)
{
    /// <summary>
    /// What the person is told when they save the answer, in chat: "Concern #2 keeps your earlier words, “No”, as you gave
    /// them; the proposal's owners will read that you have since changed this answer to “Yes”." and, while one is open,
    /// whom to ask to close it.
    /// </summary>
    public string Told(UserRef facilitator)
    {
        var which = GroupWords.Listed([.. Concerns.Select(c => c.Kind.Named(c.Number))]) + (Concerns.Count == 1 ? " keeps" : " keep");
        return $"{which} your earlier words, \u201C{Words}\u201D, as you gave them; the proposal's owners will read that {Since.ToThePerson}." +
            (Concerns.Any(c => c.IsUnresolved) ? $" If it no longer concerns you, you can ask the facilitator ({facilitator.Display}) to close it." : "");
    }
}
