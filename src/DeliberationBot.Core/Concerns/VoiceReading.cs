using System.Globalization;
using DeliberationBot.Core.Flows;

namespace DeliberationBot.Core.Concerns;

/// <summary>
/// A voice as people read it. A concern keeps an option or a number given with words as the answer reads in a message
/// (<see cref="AnswerParser.Describe"/>: <c>1 ("They refused to share validation data.")</c>); read, the person's words
/// are what is quoted, and what they chose goes with their name: “They refused to share validation data.” — Frontline
/// worker (Ana), who answered 1.
/// </summary>
public static class VoiceReading
{
    public static ConcernVoice Of(ConcernVoice v, FlowDefinition flow) =>
        v.QuestionId is { } id && flow.FindQuestion(id) is { } question ? Of(v, question) : v;

    /// <param name="question">The question <paramref name="v"/> answers.</param>
    public static ConcernVoice Of(ConcernVoice v, Question question) =>
        v.Answered is null && Apart(question, v.Text) is var (answered, words) ? v with { Text = words, Answered = answered } : v;

    /// <summary>The answer and the words of <c>answer ("words")</c>, when that is how <paramref name="text"/> answers <paramref name="question"/>.</summary>
    public static (string Answered, string Words)? Apart(Question question, string text)
    {
        const string open = AnswerParser.WordsOpen, close = AnswerParser.WordsClose;
        var cut = text.IndexOf(open, StringComparison.Ordinal);
        if (question.Kind == AnswerKind.FreeText || cut <= 0 || !text.EndsWith(close, StringComparison.Ordinal) || text.Length < cut + open.Length + close.Length)
        {
            return null;
        }

        var answered = text[..cut];
        var isAnswer = question.Kind is AnswerKind.Number or AnswerKind.Scale
            ? decimal.TryParse(answered.Split(' ')[0], NumberStyles.Number, CultureInfo.InvariantCulture, out _)
            : ChoiceWords.Chosen(question, answered) is not null;
        return isAnswer ? (answered, text[(cut + open.Length)..^close.Length]) : null;
    }
}
