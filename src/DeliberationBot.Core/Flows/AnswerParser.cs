using System.Globalization;
using System.Text.RegularExpressions;
using DeliberationBot.Core.Forms;

namespace DeliberationBot.Core.Flows;

/// <summary>Turns typed text (a thread reply, a chat message) into an answer for a question of any kind.</summary>
public static partial class AnswerParser
{
    public const int MaxTextLength = 4000;

    private static readonly Dictionary<string, string> YesNoWords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["yes"] = "yes", ["y"] = "yes", ["yeah"] = "yes", ["yep"] = "yes", ["true"] = "yes",
        ["no"] = "no", ["n"] = "no", ["nope"] = "no", ["false"] = "no",
        ["unsure"] = "unsure", ["not sure"] = "unsure", ["don't know"] = "unsure", ["dont know"] = "unsure", ["maybe"] = "unsure", ["?"] = "unsure",
    };

    /// <summary>
    /// Answers to a yes/no question said with how sure the person is, and the option they lean to. Counted as that
    /// option, the person's words always kept with it: "probably not" is not the same answer as "no".
    /// </summary>
    private static readonly (string Phrase, string Option)[] LeaningPhrases =
    [
        ("probably yes", "yes"), ("probably not", "no"), ("probably", "yes"), ("i think so", "yes"), ("mostly", "yes"), ("usually", "yes"),
        ("always", "yes"), ("not really", "no"), ("i don't think so", "no"), ("i dont think so", "no"), ("not usually", "no"), ("rarely", "no"),
        ("hardly", "no"), ("never", "no"), ("not yet", "no"), ("no way", "no"), ("sometimes", "unsure"), ("partly", "unsure"),
        ("it depends", "unsure"), ("depends", "unsure"), ("hard to say", "unsure"), ("no idea", "unsure"), ("not sure yet", "unsure"),
    ];

    /// <summary>The option a reply leans to when it starts with one of <see cref="LeaningPhrases"/>, alone or followed by more words.</summary>
    private static string? Leaning(string text)
    {
        var said = text.Replace('’', '\'').ToLowerInvariant();
        return LeaningPhrases
            .Where(p => said.StartsWith(p.Phrase, StringComparison.Ordinal) && (said.Length == p.Phrase.Length || !char.IsLetterOrDigit(said[p.Phrase.Length])))
            .OrderByDescending(p => p.Phrase.Length)
            .Select(p => p.Option)
            .FirstOrDefault();
    }

    /// <summary>Returns the answer, or an error that says what to type.</summary>
    public static (AnswerValue? Value, string? Error) Parse(Question question, string input)
    {
        var text = input.Trim();
        if (text.Length == 0)
        {
            return (null, "Please type an answer.");
        }

        if (text.Equals("skip", StringComparison.OrdinalIgnoreCase))
        {
            return Checked(question, AnswerValue.Skip());
        }

        switch (question.Kind)
        {
            case AnswerKind.FreeText:
                return Checked(question, AnswerValue.FromText(text));
            case AnswerKind.YesNoUnsure:
                var word = text.TrimEnd('.', '!', ',', ';', ':', '-', ' ');
                if (YesNoWords.TryGetValue(word, out var option))
                {
                    return Checked(question, AnswerValue.FromChoices(option));
                }

                // "No, and nobody told us why": the answer, then the person's words after a comma, dash, colon, full
                // stop or line break, kept with it. Without one ("no way to tell") it is no answer.
                if (YesNoThenWords().Match(text) is { Success: true } said && YesNoWords.TryGetValue(said.Groups["word"].Value.Trim(), out var stated))
                {
                    return Checked(question, AnswerValue.FromChoices(stated).WithWords(text));
                }

                // "Probably not, the supervisor signs off": the way the person leans, with all they said.
                return Leaning(text) is { } leaning
                    ? Checked(question, AnswerValue.FromChoices(leaning).WithWords(text))
                    : (null, "Please answer yes, no or unsure.");
            case AnswerKind.SingleChoice:
                if (MatchOption(question, text) is { } single)
                {
                    return Checked(question, AnswerValue.FromChoices(single));
                }

                // "2 - the score follows the child": the option, then the person's words, kept with it.
                return OptionThenWords(question, text, commaStartsWords: true) is { } chosen
                    ? Checked(question, AnswerValue.FromChoices(chosen).WithWords(text))
                    : (null, "Please pick one of: " + OptionList(question));
            case AnswerKind.MultipleChoice:
                return MultipleChoices(question, text);
            case AnswerKind.Scale:
            case AnswerKind.Number:
                if (LeadingNumber(text) is { } n)
                {
                    // "15 minutes" is the number; "15-20, but 45 for complex cases" is the number and the person's words,
                    // which are kept with it: the owners read what was said, the tallies count the number.
                    return Checked(question, AnswerValue.FromNumber(n, SaysMore(question, text) ? text : null));
                }

                // "About 20 minutes", "close to 20", "twenty": the number, and the words, which say how sure the person is.
                return HedgedOrSpelledNumber(question, text) is { } hedged
                    ? Checked(question, AnswerValue.FromNumber(hedged.Number, hedged.Plain ? null : text))
                    : (null, NumberError(question.Kind));
            default:
                throw new InvalidOperationException($"Unhandled answer kind {question.Kind}");
        }
    }

    /// <summary>
    /// An answer form's input (a Slack modal, a Teams card): the text typed or the option ids chosen, as the platform
    /// sent them. Nothing given is a skip (Core refuses it for a required question); a number that isn't one is a problem.
    /// </summary>
    public static (AnswerValue? Value, FormProblem? Problem) FromForm(AnswerKind kind, IEnumerable<string?> given) =>
        AnswerForm.Parse(kind, given) is var (value, problem) && problem is not null ? (null, new FormProblem(FormField.Answer, problem.Text)) : (value, null);

    /// <summary>How an answer reads in a message: option labels, the number with its unit, or the text.</summary>
    public static string Describe(Question question, AnswerValue value)
    {
        if (value.Skipped)
        {
            return "(skipped)";
        }

        if (value.Number is { } n)
        {
            var number = n.ToString(CultureInfo.InvariantCulture);
            var read = question.Unit is null ? number : $"{number} {question.Unit}";
            return value.Text is { } words ? WithWords(read, words) : read;
        }

        if (value.Choices.Count > 0)
        {
            var chosen = string.Join(", ", value.Choices.Select(c => question.EffectiveOptions.FirstOrDefault(o => o.Id == c)?.Label ?? c));
            // Words that begin with the answer ("No, nobody told us") say it already; "Not yet" does not say "No".
            return value.Text is not { } said ? chosen
                : said.StartsWith(chosen, StringComparison.OrdinalIgnoreCase) && (said.Length == chosen.Length || !char.IsLetterOrDigit(said[chosen.Length])) ? said
                : WithWords(chosen, said);
        }

        return value.Text ?? "";
    }

    /// <summary>Before and after the words a person gave with an option or a number: <c>No ("…")</c> (<see cref="Concerns.VoiceReading.Apart"/> reads them apart).</summary>
    public const string WordsOpen = " (\"", WordsClose = "\")";

    /// <summary>An option or a number and the words given with it, as <see cref="Describe"/> reads them.</summary>
    public static string WithWords(string answer, string words) => answer + WordsOpen + words + WordsClose;

    private static string NumberError(AnswerKind kind) => kind == AnswerKind.Scale ? FormTexts.GiveScale : FormTexts.GiveNumber;

    /// <summary>A form field that is a number and nothing else, read as typed replies are: "1,000" a thousand, "1,5" 1.5.</summary>
    internal static decimal? NumberOnly(string text) =>
        NumberPrefix().Match(text) is { Success: true } match && match.Length == text.Length ? LeadingNumber(text) : null;

    private static (AnswerValue?, string?) Checked(Question question, AnswerValue value) =>
        FlowEngine.Validate(question, value) is { } problem ? (null, problem.Text) : (value, null);

    private const string PickSome = "Please pick one or more of (separate with commas): ";

    /// <summary>
    /// Options separated by commas or semicolons; words may follow the last one after a dash, colon, full stop or line
    /// break ("1, 3 - both follow the family"). A comma cannot start them: it separates the options, and a mistyped
    /// option must be refused rather than kept as words.
    /// </summary>
    private static (AnswerValue?, string?) MultipleChoices(Question question, string text)
    {
        var chosen = new List<string>();
        string? words = null;
        for (var rest = text; rest.Length > 0;)
        {
            var cut = rest.IndexOfAny([',', ';']);
            var part = (cut < 0 ? rest : rest[..cut]).Trim();
            var fromHere = rest.Trim(); // this part and all after it: the words of the last option may hold commas
            rest = cut < 0 ? "" : rest[(cut + 1)..];
            if (part.Length == 0)
            {
                continue;
            }

            if (MatchOption(question, part) is { } option)
            {
                chosen.Add(option);
            }
            else if (OptionThenWords(question, fromHere, commaStartsWords: false) is { } last)
            {
                chosen.Add(last);
                words = text;
                break;
            }
            else
            {
                // "1, 2, because it scores children": words after a comma; say how to add them.
                return (null, PickSome + OptionList(question)
                    + (chosen.Count > 0 && part.Contains(' ', StringComparison.Ordinal) ? ". To say why, write it after a dash: 1, 2 - why." : ""));
            }
        }

        return chosen.Count == 0 ? (null, PickSome + OptionList(question)) : Checked(question, AnswerValue.FromChoices(chosen.Distinct()).WithWords(words));
    }

    /// <summary>An option by its number in the list, its id or its label; "2. Blue", as the list shows it, is Blue too.</summary>
    private static string? MatchOption(Question question, string text)
    {
        var options = question.EffectiveOptions;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index >= 1 && index <= options.Count)
        {
            return options[index - 1].Id;
        }

        if (NumberedOption().Match(text) is { Success: true } numbered
            && int.TryParse(numbered.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= options.Count
            && options[n - 1].Label.Equals(numbered.Groups["label"].Value.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            return options[n - 1].Id;
        }

        return options.FirstOrDefault(o => o.Id.Equals(text, StringComparison.OrdinalIgnoreCase) || o.Label.Equals(text, StringComparison.OrdinalIgnoreCase))?.Id;
    }

    /// <summary>
    /// The option a reply begins with (its number, id or label, the longest that fits) when words follow it after a
    /// separator: "2 - the score follows the child". Never when what follows is itself an option or a list of them.
    /// </summary>
    private static string? OptionThenWords(Question question, string text, bool commaStartsWords)
    {
        var options = question.EffectiveOptions;
        string? found = null;
        var longest = 0;
        for (var i = 0; i < options.Count; i++)
        {
            foreach (var name in (string[])[(i + 1).ToString(CultureInfo.InvariantCulture), options[i].Id, options[i].Label])
            {
                if (name.Length > longest && text.StartsWith(name, StringComparison.OrdinalIgnoreCase)
                    && SeparatorThenWords().Match(text, name.Length) is { Success: true } after
                    && (commaStartsWords || after.Groups["sep"].Value.IndexOfAny([',', ';']) < 0)
                    && !IsOptionList(question, text[(name.Length + after.Length)..]))
                {
                    (found, longest) = (options[i].Id, name.Length);
                }
            }
        }

        return found;
    }

    private static bool IsOptionList(Question question, string text) =>
        text.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) is { Length: > 0 } parts
        && parts.All(p => MatchOption(question, p) is not null);

    private static string OptionList(Question question) =>
        string.Join(", ", question.EffectiveOptions.Select((o, i) => $"{i + 1}. {o.Label}"));

    [GeneratedRegex(@"^(?<word>[\p{L}' ]{1,12}?|\?)\s*(?:[-–—:,;.!]+|\r?\n)\s*\S")]
    private static partial Regex YesNoThenWords();

    /// <summary>A separator, then words that begin with a letter (so "1, 2" is no option with words).</summary>
    [GeneratedRegex(@"\G\s*(?<sep>[-–—:,;.!(]+|\r?\n)\s*(?=\p{L})")]
    private static partial Regex SeparatorThenWords();

    [GeneratedRegex(@"^(?<n>\d{1,3})[.)]\s*(?<label>.+)$")]
    private static partial Regex NumberedOption();

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();
}
