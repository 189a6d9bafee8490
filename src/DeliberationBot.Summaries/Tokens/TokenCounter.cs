using Microsoft.ML.Tokenizers;

namespace DeliberationBot.Summaries.Tokens;

/// <summary>Counts prompt tokens so a section request stays within Summaries:SectionTokenBudget.</summary>
internal interface ITokenCounter
{
    /// <summary>What is counting: "o200k_base" or "chars/4 estimate".</summary>
    string Method { get; }

    int Count(string text);

    /// <summary>The longest start of <paramref name="text"/> that fits in <paramref name="maxTokens"/>.</summary>
    string Truncate(string text, int maxTokens);
}

internal static class TokenCounters
{
    /// <summary>
    /// The o200k_base encoding (GPT-4o and later) from the Microsoft.ML.Tokenizers.Data.O200kBase package, which ships
    /// the vocabulary inside the assembly, so no download happens. If it cannot be loaded, a chars/4 estimate.
    /// </summary>
    public static ITokenCounter Create()
    {
        try
        {
            return new TiktokenCounter(TiktokenTokenizer.CreateForEncoding("o200k_base"));
        }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException or IOException or ArgumentException)
        {
            return new CharEstimateCounter();
        }
    }
}

internal sealed class TiktokenCounter(Tokenizer tokenizer) : ITokenCounter
{
    public string Method => "o200k_base";

    public int Count(string text) => tokenizer.CountTokens(text);

    public string Truncate(string text, int maxTokens)
    {
        var index = tokenizer.GetIndexByTokenCount(text, Math.Max(0, maxTokens), out _, out _);
        return text[..index];
    }
}

/// <summary>About four characters per token for English text; rounds up, so it errs towards smaller requests.</summary>
internal sealed class CharEstimateCounter : ITokenCounter
{
    public string Method => "chars/4 estimate";

    public int Count(string text) => (text.Length + 3) / 4;

    public string Truncate(string text, int maxTokens) => text.Length <= maxTokens * 4 ? text : text[..(Math.Max(0, maxTokens) * 4)];
}
