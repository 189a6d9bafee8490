using System.Text.Json;
using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Stakeholders;
using DeliberationBot.Slack.Rendering;
using DeliberationBot.Slack.Tests.Infrastructure;

namespace DeliberationBot.Slack.Tests.Rendering;

/// <summary>Each person's words in a concern are read with the question they answered.</summary>
public sealed class ConcernContextTests
{
    [Fact]
    public void Words_merged_in_from_a_concern_about_another_question_are_followed_by_that_question()
    {
        var concern = Samples.Concern("x", 1, ConcernStatus.Open, []) with
        {
            QuestionText = "What changes for you?",
            SectionTitle = "Daily work",
            Voices =
            [
                new ConcernVoice("user:U1", StakeholderGroup.FrontlineWorker, "Sam", "It adds twenty minutes a case.", "impact"),
                new ConcernVoice("anon:2", StakeholderGroup.Community, null, "25", "minutes"),
            ],
            OtherQuestions = new Dictionary<string, string> { ["minutes"] = "On: Minutes added per case? (Daily work)" },
        };

        var text = Blocks.Text(JsonDocument.Parse(MessageRenderer.Render(new OwnerConcerns(Samples.Id, "Screening", [concern])).ToPayload().ToJsonString()).RootElement);

        Assert.Contains(
            "“It adds twenty minutes a case.”\n— Frontline worker (Sam)\nOn: What changes for you? (Daily work)\n" +
            "“25”\n— Community member or advocate (anonymous)\nOn: Minutes added per case? (Daily work)\n",
            text, StringComparison.Ordinal);
    }
}
