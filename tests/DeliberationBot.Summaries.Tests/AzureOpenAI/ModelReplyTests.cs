using DeliberationBot.Summaries.AzureOpenAI;

namespace DeliberationBot.Summaries.Tests.AzureOpenAI;

public sealed class ModelReplyTests
{
    private static readonly SectionRequest Request = new(
        "safeguards", "Openness and safeguards", 1, 1, "prompt", 10,
        new HashSet<string> { "A1", "A2", "A10" }, new HashSet<string> { "can-appeal", "vendor-transparency" }, "key");

    [Fact]
    public void A_valid_reply_is_read_with_cites_in_order_and_without_repeats()
    {
        const string json = """
            ```json
            {"statements":[{"question_id":"can-appeal","text":" Leaders say yes; workers say no. ","cites":["A10","A2","A10"]}],
             "suggested_concerns":[{"question_id":null,"text":"Nobody knows how to appeal.","cites":["A1"]}]}
            ```
            """;

        Assert.True(ModelReply.TryRead(json, Request, out var reply, out var problem), problem);

        var statement = Assert.Single(reply.Statements);
        Assert.Equal(("can-appeal", "Leaders say yes; workers say no."), (statement.QuestionId, statement.Text));
        Assert.Equal(["A2", "A10"], statement.Cites);
        var suggestion = Assert.Single(reply.SuggestedConcerns);
        Assert.Equal(("safeguards", (string?)null, "A1"), (suggestion.SectionId, suggestion.QuestionId, suggestion.Cites.Single()));
    }

    [Theory]
    [InlineData("", "the reply was empty")]
    [InlineData("[1, 2]", "the reply must be one JSON object")]
    [InlineData("{\"summary\": \"fine\"}", "the reply has no \"statements\" array")]
    [InlineData("{\"statements\":[{\"question_id\":\"purpose\",\"text\":\"x\",\"cites\":[\"A1\"]}]}", "statement 1 names question purpose, which is not a question of this request")]
    [InlineData("{\"statements\":[{\"text\":\"x\",\"cites\":[\"A1\"]}]}", "statement 1 has no \"question_id\"")]
    [InlineData("{\"statements\":[{\"question_id\":\"can-appeal\",\"text\":\"\",\"cites\":[\"A1\"]}]}", "statement 1 needs a \"text\" of 1 to 1000 characters")]
    [InlineData("{\"statements\":[{\"question_id\":\"can-appeal\",\"text\":\"x\"}]}", "statement 1 cites no answers; every statement needs a non-empty \"cites\" list")]
    [InlineData("{\"statements\":[{\"question_id\":\"can-appeal\",\"text\":\"x\",\"cites\":[\"A3\"]}]}", "statement 1 cites A3, which is not an answer id of this request")]
    [InlineData("{\"statements\":[],\"suggested_concerns\":[{\"text\":\"x\",\"cites\":[]}]}", "suggested concern 1 cites no answers; every suggested concern needs a non-empty \"cites\" list")]
    [InlineData("{\"statements\":[],\"suggested_concerns\":{}}", "\"suggested_concerns\" must be an array")]
    public void An_invalid_reply_is_refused_with_the_reason(string json, string expected)
    {
        Assert.False(ModelReply.TryRead(json, Request, out _, out var problem));
        Assert.Equal(expected, problem);
    }

    [Fact]
    public void A_problem_never_repeats_free_text_from_the_reply()
    {
        const string json = "{\"statements\":[{\"question_id\":\"can-appeal\",\"text\":\"x\",\"cites\":[\"my family was flagged after asking for help\"]}]}";

        Assert.False(ModelReply.TryRead(json, Request, out _, out var problem));
        Assert.Equal("statement 1 cites (not an id), which is not an answer id of this request", problem);
    }

    [Fact]
    public void Malformed_json_is_refused()
    {
        Assert.False(ModelReply.TryRead("{\"statements\": [", Request, out _, out var problem));
        Assert.StartsWith("the reply is not valid JSON", problem, StringComparison.Ordinal);
    }
}
