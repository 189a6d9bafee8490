namespace DeliberationBot.Summaries.Tests.Support;

/// <summary>Scripted model replies written from the request they answer, as a well-behaved model would.</summary>
internal static class ModelScripts
{
    public const string StatementPrefix = "Model statement about ";
    public const string SuggestionPrefix = "Model suggestion for ";

    /// <summary>One statement per question, citing all of its answers, and one suggested concern citing the first answer.</summary>
    public static ScriptedReply Valid(RecordedRequest request)
    {
        var answers = request.Answers;
        return ScriptedReply.Json(new
        {
            statements = answers.GroupBy(a => a.QuestionId).Select(g => new
            {
                question_id = g.Key,
                text = StatementPrefix + g.Key + ".",
                cites = g.Select(a => a.Id).ToArray(),
            }).ToArray(),
            suggested_concerns = new[]
            {
                new { question_id = answers[0].QuestionId, text = SuggestionPrefix + answers[0].QuestionId + ".", cites = new[] { answers[0].Id } },
            },
        });
    }

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
}
