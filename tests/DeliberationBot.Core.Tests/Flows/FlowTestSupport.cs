using DeliberationBot.Core.Flows;

namespace DeliberationBot.Core.Tests.Flows;

/// <summary>Helpers for asserting on located flow validation errors.</summary>
internal static class FlowTestSupport
{
    public const string TestFile = "test.yaml";

    public static IReadOnlyList<FlowError> ErrorsOf(string yaml, string fileName = TestFile, string? expectedId = null)
    {
        var exception = Assert.Throws<FlowValidationException>(() => FlowParser.Parse(yaml, fileName, expectedId));
        Assert.NotEmpty(exception.Errors);
        return exception.Errors;
    }

    /// <summary>Asserts the flow has exactly one error, in <see cref="TestFile"/>, on the given line, mentioning the fragment.</summary>
    public static FlowError AssertSingleError(string yaml, int line, string fragment)
    {
        var errors = ErrorsOf(yaml);
        var error = Assert.Single(errors);
        AssertError(error, line, fragment);
        return error;
    }

    public static void AssertError(FlowError error, int line, string fragment, string file = TestFile)
    {
        Assert.Equal(file, error.File);
        Assert.Equal(line, error.Line);
        Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
        Assert.True(error.Column >= 1, $"column should be 1-based, was {error.Column}");
    }

    /// <summary>Asserts some error (among possibly several) sits on the line and mentions the fragment.</summary>
    public static void AssertHasError(IReadOnlyList<FlowError> errors, int line, string fragment) =>
        Assert.Contains(errors, e => e.File == TestFile && e.Line == line && e.Message.Contains(fragment, StringComparison.Ordinal));
}
