using DeliberationBot.Core.Summaries;

namespace DeliberationBot.Summaries.Tests.Checks;

/// <summary>Word for word, after typography only: never a paraphrase.</summary>
public sealed class VerbatimQuoteTests
{
    private const string Answer = "We'd have six new fields typed in by hand — another 20 minutes a case, and nobody asked us.";

    [Theory]
    [InlineData("Workers say \"six new fields typed in by hand\".")]
    [InlineData("Workers say “Six NEW fields   typed\nin by hand”.")]
    [InlineData("A worker: “we’d have six new fields”.")]
    [InlineData("Workers say: ‘we`d have six new fields’")]
    [InlineData("“typed in by hand... another 20 minutes”")]
    [InlineData("Ｓｉｘ ｎｅｗ ｆｉｅｌｄｓ ｔｙｐｅｄ ｉｎ")]
    [InlineData("they said by hand, another 20 minutes a case")]
    public void Typography_case_and_spacing_do_not_matter(string sentence) =>
        Assert.True(VerbatimQuote.Quotes(sentence, Answer), sentence);

    [Theory]
    [InlineData("Workers say \"six new fields typed\" matter.")]
    [InlineData("Workers report six new fields entered by hand.")]
    [InlineData("Six fields typed by hand, another 20.")]
    [InlineData("We would need six new fields typed.")]
    [InlineData("another 20 minute a case")]
    [InlineData("Nobody asked us about it at all.")]
    [InlineData("")]
    public void A_paraphrase_or_fewer_than_five_words_in_a_row_is_not_a_quote(string sentence) =>
        Assert.False(VerbatimQuote.Quotes(sentence, Answer), sentence);

    [Fact]
    public void An_answer_of_fewer_than_five_words_cannot_be_quoted()
    {
        Assert.False(VerbatimQuote.Quotes("The answer was \"Yes\", clearly: yes yes yes yes.", "Yes"));
        Assert.False(VerbatimQuote.Quotes("Leaders say \"20 minutes per case\".", "20 minutes per case"));
    }

    [Fact]
    public void Words_keep_apostrophes_inside_and_drop_them_around()
    {
        Assert.Equal(["we'd", "review", "any", "not", "eligible", "answer"], VerbatimQuote.Words("We’d review any 'not eligible' answer"));
    }
}
