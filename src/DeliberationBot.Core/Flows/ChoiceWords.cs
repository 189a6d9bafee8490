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

        // The longest label first: "Not sure" before "No".
        var options = question.EffectiveOptions.OrderByDescending(o => o.Label.Length).ToList();
        var read = new List<string>();
        var rest = words;
        while (options.FirstOrDefault(o => rest.StartsWith(o.Label, StringComparison.Ordinal)) is { } option)
        {
            read.Add(label(option));
            rest = rest[option.Label.Length..];
            if (rest.Length == 0)
            {
                return string.Join(", ", read);
            }

            if (rest.StartsWith(" (\"", StringComparison.Ordinal) && rest.EndsWith("\")", StringComparison.Ordinal))
            {
                return string.Join(", ", read) + rest;
            }

            if (!rest.StartsWith(", ", StringComparison.Ordinal))
            {
                break;
            }

            rest = rest[2..];
        }

        return words;
    }
}
