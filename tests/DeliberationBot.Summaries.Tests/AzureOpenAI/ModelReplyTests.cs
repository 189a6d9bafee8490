using DeliberationBot.Summaries.AzureOpenAI;

namespace DeliberationBot.Summaries.Tests.AzureOpenAI;

public sealed class ModelReplyTests
{
    private static readonly SectionRequest Request = new("safeguards", "Openness and safeguards", 1, 1, "prompt", 10, "key");

    [Fact]
    public void A_valid_reply_is_read_as_written_for_the_record_checks()
    {
        const string json = """
            ```json
            {"statements":[{"question_id":"can-appeal","text":" Leaders say yes; workers say no. ","cites":["A10","A2","A10"]}],
             "suggested_concerns":[{"question_id":null,"text":"Nobody knows how to appeal.","cites":["A1"]}]}
            ```
            """;

        Assert.True(ModelReply.TryRead(json, Request, out var reply, out var problem), problem);

        var statement = Assert.Single(reply.Statements);
        Assert.Equal(("can-appeal", " Leaders say yes; workers say no. "), (statement.QuestionId, statement.Text));
        Assert.Equal(["A10", "A2", "A10"], statement.Cites);
        var suggestion = Assert.Single(reply.SuggestedConcerns);
        Assert.Equal(("safeguards", (string?)null, "A1"), (suggestion.SectionId, suggestion.QuestionId, suggestion.Cites.Single()));
    }

    [Fact]
    public void Items_with_missing_or_mistyped_fields_are_kept_empty_so_the_record_checks_drop_and_count_them()
    {
        const string json = """
            {"statements":[{"text":"x","cites":["A1"]},{"question_id":"can-appeal","text":3,"cites":"A1"},{"question_id":"can-appeal","text":"x","cites":[7]}]}
            """;

        Assert.True(ModelReply.TryRead(json, Request, out var reply, out var problem), problem);

        Assert.Equal(
            [(null, "x", "A1"), ("can-appeal", "", ""), ("can-appeal", "x", "")],
            reply.Statements.Select(s => (s.QuestionId, s.Text, string.Join(",", s.Cites))));
    }

    [Theory]
    [InlineData("", "the reply was empty")]
    [InlineData("[1, 2]", "the reply must be one JSON object")]
    [InlineData("{\"summary\": \"fine\"}", "the reply has no \"statements\" array")]
    [InlineData("{\"statements\":[\"Everyone agrees.\"]}", "statement 1 is not an object")]
    [InlineData("{\"statements\":[],\"suggested_concerns\":{}}", "\"suggested_concerns\" must be an array")]
    public void A_reply_of_the_wrong_shape_is_refused_with_the_reason(string json, string expected)
    {
        Assert.False(ModelReply.TryRead(json, Request, out _, out var problem));
        Assert.Equal(expected, problem);
    }

    [Fact]
    public void Malformed_json_is_refused()
    {
        Assert.False(ModelReply.TryRead("{\"statements\": [", Request, out _, out var problem));
        Assert.StartsWith("the reply is not valid JSON", problem, StringComparison.Ordinal);
    }
}
