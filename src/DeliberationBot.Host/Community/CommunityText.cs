using DeliberationBot.Core.Flows;
using Microsoft.Extensions.Localization;

namespace DeliberationBot.Host.Community;

/// <summary>The public page's own words, in <c>CommunityText.resx</c> (English) and one <c>CommunityText.{language}.resx</c> per language.</summary>
public sealed class CommunityText
{
    /// <summary>
    /// An option of <paramref name="question"/> as the reader reads it: yes, no and not sure in the page's words, a
    /// flow's options as the flow words them in the reader's language (<paramref name="words"/>), a rating's ends with
    /// what they mean.
    /// </summary>
    public static string OptionLabel(IStringLocalizer<CommunityText> t, Question question, QuestionWording words, string optionId)
    {
        if (question.Kind == AnswerKind.YesNoUnsure)
        {
            return t[$"Option_{optionId}"].Value;
        }

        var index = words.Options.ToList().FindIndex(o => o.Id == optionId);
        var label = index < 0 ? optionId : words.Options[index].Label;
        return question.Kind switch
        {
            // A rating's ends say what they mean: "1 – Minor and easy to fix".
            AnswerKind.Scale when index == 0 && words.LowLabel is { } low => $"{label} – {low}",
            AnswerKind.Scale when index == words.Options.Count - 1 && words.HighLabel is { } high => $"{label} – {high}",
            _ => label,
        };
    }

    /// <summary>Words kept from an answer (a concern's), with its options in the reader's language (<see cref="ChoiceWords"/>).</summary>
    public static string KeptWords(IStringLocalizer<CommunityText> t, string kept, Question? question, string language)
    {
        if (question is null)
        {
            return kept;
        }

        var words = question.In(language);
        return ChoiceWords.In(kept, question, o => OptionLabel(t, question, words, o.Id));
    }
}
