using DeliberationBot.Core.Flows;

namespace DeliberationBot.Core.Tests.Flows;

public class FlowCatalogTests
{
    private const string Good = """
        id: good
        title: Good
        sections:
          - id: s1
            title: S1
            questions:
              - id: q1
                text: Q1?
                kind: free_text
        """;

    [Fact]
    public void Finds_flows_by_id_ignoring_case_and_lists_them_in_order()
    {
        var catalog = FlowCatalog.Parse([("good.yaml", Good), ("also-good.yaml", Good.Replace("id: good", "id: also-good", StringComparison.Ordinal))]);

        Assert.Equal(["also-good", "good"], catalog.All.Select(f => f.Id));
        Assert.Same(catalog.Find("good"), catalog.Find("GOOD"));
        Assert.Null(catalog.Find("missing"));
    }

    [Fact]
    public void Errors_of_every_file_are_reported_together_with_their_file_names()
    {
        var exception = Assert.Throws<FlowValidationException>(() => FlowCatalog.Parse(
        [
            ("good.yaml", Good),
            ("renamed.yaml", Good),
            ("broken.yaml", Good.Replace("id: good", "id: broken", StringComparison.Ordinal).Replace("free_text", "essay", StringComparison.Ordinal)),
        ]));

        Assert.Equal(2, exception.Errors.Count);
        Assert.Contains(exception.Errors, e => e.File == "renamed.yaml" && e.Line == 1 && e.Message.Contains("must match the file name 'renamed'", StringComparison.Ordinal));
        Assert.Contains(exception.Errors, e => e.File == "broken.yaml" && e.Line == 9 && e.Message.Contains("unknown kind 'essay'", StringComparison.Ordinal));
    }

    [Fact]
    public void No_files_is_an_error()
    {
        var exception = Assert.Throws<FlowValidationException>(() => FlowCatalog.Parse([]));

        Assert.Contains("no flow files", Assert.Single(exception.Errors).Message, StringComparison.Ordinal);
    }
}
