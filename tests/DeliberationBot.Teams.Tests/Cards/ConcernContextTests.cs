using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Stakeholders;
using DeliberationBot.Teams.Cards;

namespace DeliberationBot.Teams.Tests.Cards;

/// <summary>Each person's words in a concern are read with the question they answered.</summary>
public sealed class ConcernContextTests
{
    [Fact]
    public void Words_merged_in_from_a_concern_about_another_question_are_followed_by_that_question()
    {
        var concern = new ConcernView(Samples.Id, 1, ConcernKind.Concern, "Daily work", "x", [StakeholderGroup.FrontlineWorker, StakeholderGroup.Community], 2,
            ConcernStatus.Open, null, null, null, [])
        {
            QuestionText = "What changes for you?",
            Origin = ConcernOrigin.FlaggedAnswer,
            Voices =
            [
                new ConcernVoice("user:U1", StakeholderGroup.FrontlineWorker, "Sam", "It adds twenty minutes a case.", "impact"),
                new ConcernVoice("anon:2", StakeholderGroup.Community, null, "25", "minutes"),
            ],
            OtherQuestions = new Dictionary<string, string> { ["minutes"] = "On: Minutes added per case? (Daily work)" },
        };

        var lines = RendererTests.TextBlocks(AdaptiveCardRenderer.Render(new OwnerConcerns(Samples.Id, "Screening", [concern]))).ToList();

        var first = lines.IndexOf("“It adds twenty minutes a case.”");
        Assert.Equal(
            ["— Frontline worker (Sam)", "On: What changes for you? (Daily work)", "“25”", "— Community member or advocate (anonymous)", "On: Minutes added per case? (Daily work)"],
            lines.Skip(first + 1).Take(5));
    }
}
