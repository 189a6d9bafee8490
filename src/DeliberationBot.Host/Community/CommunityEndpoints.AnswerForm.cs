using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Forms;
using Microsoft.Extensions.Localization;

namespace DeliberationBot.Host.Community;

/// <summary>A question's form as it is posted: the answer and the words with it, or what to tell the reader, in their language.</summary>
internal static partial class CommunityEndpoints
{
    /// <summary>
    /// The answer the form carries, read by Core's answer form with its rules, or what to tell the reader in their
    /// language; the value is kept either way to fill the form in again.
    /// </summary>
    private static (AnswerValue? Value, string? Problem) ReadAnswer(Question question, IFormCollection form, int maxLength, IStringLocalizer text)
    {
        IEnumerable<string?> given = question.Kind switch
        {
            AnswerKind.FreeText => [One(form, "text")],
            AnswerKind.Number => [One(form, "number")],
            _ => form["choice"],
        };
        var (value, problem) = AnswerForm.Read(question, given, skip: One(form, "skip") == "true", maxLength);
        return (value, problem is null ? null : Localised(problem, question, text));
    }

    /// <summary>
    /// The words the reader added to a choice or a number (a written answer is all words already): none when the box
    /// was left empty; a problem in the reader's language when they are too long, the words kept to fill the box again.
    /// </summary>
    private static (string? Words, string? Problem) ReadWords(Question question, IFormCollection form, int maxLength, IStringLocalizer text)
    {
        if (question.Kind == AnswerKind.FreeText)
        {
            return (null, null);
        }

        var (words, problem) = AnswerForm.Words(One(form, "words"), maxLength);
        return (words, problem is null ? null : text["ErrorTooLong", problem.Limit!].Value);
    }

    /// <summary>A broken answer rule in the reader's language; a required question skipped asks for what its form asks for.</summary>
    private static string Localised(AnswerProblem? problem, Question question, IStringLocalizer text) => problem?.Rule switch
    {
        AnswerRule.WriteAnswer => text[question.Required ? "ErrorWriteRequired" : "ErrorWrite"],
        AnswerRule.Required when question.Kind == AnswerKind.FreeText => text["ErrorWriteRequired"],
        AnswerRule.Required when question.Kind == AnswerKind.Number => text["ErrorNumber"],
        AnswerRule.TooLong => text["ErrorTooLong", problem.Limit!],
        AnswerRule.GiveNumber => text["ErrorNumber"],
        _ => text["ErrorChoose"],
    };
}
