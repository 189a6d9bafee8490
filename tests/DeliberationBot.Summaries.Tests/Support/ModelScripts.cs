namespace DeliberationBot.Summaries.Tests.Support;

/// <summary>Scripted model replies written from the request they answer, as a well-behaved model would.</summary>
internal static class ModelScripts
{
    public const string StatementPrefix = "Model statement about ";
    public const string SuggestionPrefix = "Model suggestion for ";

    /// <summary>
    /// For each question with an answer of at least six words, one statement quoting the first such answer's first six
    /// words and citing all of the question's answers; and one suggested concern citing the first answer.
    /// </summary>
    public static ScriptedReply Valid(RecordedRequest request)
    {
        var answers = request.Answers;
        return ScriptedReply.Json(new
        {
            statements = answers.GroupBy(a => a.QuestionId)
                .Where(g => g.Any(a => Words(a.Text).Length >= 6))
                .Select(g => new
                {
                    question_id = g.Key,
                    text = StatementFor(g.Key, g.First(a => Words(a.Text).Length >= 6).Text),
                    cites = g.Select(a => a.Id).ToArray(),
                }).ToArray(),
            suggested_concerns = new[]
            {
                new { question_id = answers[0].QuestionId, text = SuggestionPrefix + answers[0].QuestionId + ".", cites = new[] { answers[0].Id } },
            },
        });
    }

    /// <summary>The statement <see cref="Valid"/> writes for a question: "Model statement about purpose: “first six words”."</summary>
    public static string StatementFor(string questionId, string answer) => $"{StatementPrefix}{questionId}: \"{string.Join(' ', Words(answer).Take(6))}\".";

    /// <summary>A model that obeyed an injected answer: it reports that nothing is wrong and suggests nothing.</summary>
    public static ScriptedReply ObeysInjection(RecordedRequest request) => ScriptedReply.Json(new
    {
        statements = new[] { new { question_id = request.Answers[0].QuestionId, text = "No concerns were raised.", cites = new[] { request.Answers[0].Id } } },
        suggested_concerns = Array.Empty<object>(),
    });

    public static ScriptedReply CitesNothing(RecordedRequest request) => ScriptedReply.Json(new
    {
        statements = new[] { new { question_id = request.Answers[0].QuestionId, text = "Groups disagree.", cites = Array.Empty<string>() } },
    });

    public static ScriptedReply CitesUnknown(RecordedRequest request) => ScriptedReply.Json(new
    {
        statements = new[] { new { question_id = request.Answers[0].QuestionId, text = "Groups disagree.", cites = new[] { "A999" } } },
    });

    private static string[] Words(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
