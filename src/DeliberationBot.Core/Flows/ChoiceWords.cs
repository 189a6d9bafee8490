namespace DeliberationBot.Core.Flows;

/// <summary>
/// Words kept from an answer of options, read in another language: a concern keeps an answer's words as the owners read
/// them (<see cref="AnswerParser.Describe"/>: "Not sure", "Yes, No", <c>No ("…")</c>), in the agency's wording of the
/// options; the person who gave it, reading the public page in their own language, reads the options in that language
/// and the words they added as they wrote them.
/// </summary>
public static class ChoiceWords
{
    /// <param name="words">The kept words.</param>
    /// <param name="question">The question they answered, in the agency's wording.</param>
    /// <param name="label">An option's label in the reader's language.</param>
    /// <returns>The words with each option read in the reader's language; words that are not options (or begin with one, as typed) as they are.</returns>
    public static string In(string words, Question question, Func<ChoiceOption, string> label)
    {
        if (question.Kind is not (AnswerKind.YesNoUnsure or AnswerKind.SingleChoice or AnswerKind.MultipleChoice))
        {
            return words;
        }

        var (said, added) = Concerns.VoiceReading.Apart(question, words) is var (answered, given) ? (answered, given) : (words, null);
        if (Chosen(question, said) is not { } options)
        {
            return words;
        }

        var read = string.Join(", ", options.Select(label));
        return added is null ? read : AnswerParser.WithWords(read, added);
    }

    /// <summary>
    /// The options <paramref name="said"/> names, joined by ", " as an answer of options reads (a label may hold ", "
    /// itself); null when it is anything else.
    /// </summary>
    public static IReadOnlyList<ChoiceOption>? Chosen(Question question, string said)
    {
        // The longest label first: "Not sure" before "No".
        var options = question.EffectiveOptions.OrderByDescending(o => o.Label.Length).ToList();
        var chosen = new List<ChoiceOption>();
        var rest = said;
        while (options.FirstOrDefault(o => rest.StartsWith(o.Label, StringComparison.Ordinal)) is { } option)
        {
            chosen.Add(option);
            rest = rest[option.Label.Length..];
            if (rest.Length == 0)
            {
                return chosen;
            }

            if (!rest.StartsWith(", ", StringComparison.Ordinal))
            {
                return null;
            }

            rest = rest[2..];
        }

        return null;
    }
}
