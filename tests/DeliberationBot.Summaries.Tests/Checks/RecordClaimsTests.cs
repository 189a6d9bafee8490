using DeliberationBot.Core.Summaries;

namespace DeliberationBot.Summaries.Tests.Checks;

public sealed class RecordClaimsTests
{
    [Theory]
    [InlineData("All groups agree this proposal has no concerns; every concern is resolved [A222]")]
    [InlineData("The data-entry concern has been addressed by the vendor.")]
    [InlineData("Overrides are no longer a concern for frontline workers.")]
    [InlineData("Worries about appeals were dealt with in training.")]
    [InlineData("The privacy risk is now MITIGATED.")]
    public void Resolution_is_recognised(string sentence) => Assert.True(RecordClaims.ClaimsResolved(sentence), sentence);

    [Theory]
    [InlineData("The data-entry concern has not been resolved.")]
    [InlineData("Nothing has been resolved since the last review.")]
    [InlineData("Frontline workers describe \"six new fields typed in by hand\".")]
    [InlineData("Concerns about appeals remain unresolved.")]
    public void Its_negation_or_absence_is_not_resolution(string sentence) => Assert.False(RecordClaims.ClaimsResolved(sentence), sentence);

    [Theory]
    [InlineData("All groups agree this proposal has no concerns.")]
    [InlineData("Nobody raised any concern about overrides.")]
    [InlineData("Leaders see no real problems with the tool.")]
    [InlineData("The tool can go ahead without objections.")]
    [InlineData("No one is worried about the data entry.")]
    public void Saying_there_are_no_concerns_is_recognised(string sentence) => Assert.True(RecordClaims.ClaimsNoConcerns(sentence), sentence);

    [Theory]
    [InlineData("Frontline workers raise concerns about \"six new fields typed in by hand\".")]
    [InlineData("Legal staff describe \"scores kept in the case file\".")]
    public void Describing_concerns_is_not_saying_there_are_none(string sentence) => Assert.False(RecordClaims.ClaimsNoConcerns(sentence), sentence);

    [Theory]
    [InlineData("All groups agree this proposal has no concerns.", true)]
    [InlineData("There is a broad consensus on overrides.", true)]
    [InlineData("Everyone shares the same view on training.", true)]
    [InlineData("There is no disagreement across groups.", true)]
    [InlineData("Leaders and frontline workers agree that training is needed.", false)]
    public void Agreement_is_recognised_and_whether_it_is_about_everyone(string sentence, bool universal)
    {
        Assert.True(RecordClaims.ClaimsAgreement(sentence), sentence);
        Assert.Equal(universal, RecordClaims.IsUniversal(sentence));
    }

    [Theory]
    [InlineData("Leaders and frontline workers do not agree on overrides.")]
    [InlineData("Frontline workers disagree with leaders on the added minutes.")]
    [InlineData("Groups don't agree about appeals.")]
    public void Disagreement_is_not_agreement(string sentence) => Assert.False(RecordClaims.ClaimsAgreement(sentence), sentence);
}
