using System.Text.RegularExpressions;

namespace DeliberationBot.Core.Summaries;

/// <summary>
/// The claims about the record a model must not make on its own: that a concern is resolved, that there are no concerns,
/// or that groups agree. Read from the sentence's words (as <see cref="VerbatimQuote.Words"/> gives them), so quotes,
/// case and punctuation make no difference, and quoted words count as much as the model's own: an answer that says
/// "every concern is resolved" does not make it true. A claim preceded closely by a negation ("have not been resolved",
/// "do not agree") is not one. Wide on purpose: a sound sentence dropped costs less than a false one published.
/// </summary>
public static partial class RecordClaims
{
    private static readonly HashSet<string> Negations = new(StringComparer.Ordinal)
    {
        "not", "never", "no", "nor", "neither", "without", "nothing", "yet", "hardly", "barely",
    };

    public static bool ClaimsResolved(string sentence) => Claims(sentence, Resolved());

    public static bool ClaimsNoConcerns(string sentence) => Claims(sentence, NoConcerns(), negatable: false);

    public static bool ClaimsAgreement(string sentence) => Claims(sentence, Agreement()) || Claims(sentence, NoDisagreement(), negatable: false);

    /// <summary>An agreement claim about everyone ("all groups agree", "a consensus"), not about two named groups.</summary>
    public static bool IsUniversal(string sentence) => Universal().IsMatch(Joined(sentence));

    private static bool Claims(string sentence, Regex pattern, bool negatable = true)
    {
        var text = Joined(sentence);
        foreach (Match match in pattern.Matches(text))
        {
            var before = text[..match.Index].Split(' ', StringSplitOptions.RemoveEmptyEntries).TakeLast(3);
            if (!negatable || !before.Any(w => Negations.Contains(w) || w.EndsWith("n't", StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }

    private static string Joined(string sentence) => " " + string.Join(' ', VerbatimQuote.Words(sentence)) + " ";

    [GeneratedRegex(@" (resolved|settled|mitigated|solved|dealt with|taken care of|cleared up|(been|was|were|is|are|now) (addressed|handled|answered|closed|withdrawn|dropped)|no longer (an? )?(\w+ )?(concern|concerns|issue|issues|problem|problems|worry|worries|risk|risks|relevant)) ", RegexOptions.CultureInvariant)]
    private static partial Regex Resolved();

    [GeneratedRegex(@" (no (\w+ ){0,3}(concern|concerns|issue|issues|objection|objections|problem|problems|risk|risks|worry|worries|reservation|reservations)|(nobody|no one|none|not one) (\w+ ){0,6}(concern|concerns|concerned|object|objects|objected|objection|objections|worried|worry|worries|issue|issues|problem|problems|flagged|raised)|without (any )?(concern|concerns|objection|objections|reservation|reservations)|nothing (\w+ ){0,2}(concern|concerning|to worry)|concern free|unconcerned) ", RegexOptions.CultureInvariant)]
    private static partial Regex NoConcerns();

    [GeneratedRegex(@" (agree|agrees|agreed|agreeing|agreement|consensus|unanimous|unanimously|in accord|aligned|see eye to eye|(share|shared|hold|held) (the same|a common|one) (view|views|opinion|opinions|position|positions)|same (view|opinion|position)) ", RegexOptions.CultureInvariant)]
    private static partial Regex Agreement();

    [GeneratedRegex(@" (no (\w+ ){0,2}(disagreement|disagreements|dissent|divide|division|differences)|(nobody|no one|none) (\w+ ){0,3}(disagree|disagrees|disagreed|dissent|dissents|objects|objected)) ", RegexOptions.CultureInvariant)]
    private static partial Regex NoDisagreement();

    [GeneratedRegex(@" ((all|every|each) (the )?(groups?|participants?|stakeholders?|respondents?|people|parties|sides)|everyone|everybody|across (all )?(the )?groups|consensus|unanimous|unanimously|broad agreement|general agreement|widely agreed) ", RegexOptions.CultureInvariant)]
    private static partial Regex Universal();
}
