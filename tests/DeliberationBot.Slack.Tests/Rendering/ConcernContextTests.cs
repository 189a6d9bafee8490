using System.Text.Json;
using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Flows;
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

    [Fact]
    public void Words_given_with_an_option_are_quoted_alone_with_the_option_beside_the_persons_name()
    {
        var path = Path.Combine(Repository.FlowsDirectory, "quick-check.yaml");
        var flow = FlowParser.Parse(File.ReadAllText(path), path);
        var question = flow.Questions.First(q => q.Kind == AnswerKind.YesNoUnsure);
        const string kept = "No (\"Only with a supervisor, who is never there at night.\")";
        var at = DateTimeOffset.UnixEpoch;
        var concern = new Concern(Guid.NewGuid(), Samples.Id, 2, ConcernKind.Concern, ConcernOrigin.FlaggedAnswer, question.SectionId, question.Id, kept,
            [StakeholderGroup.FrontlineWorker], ["user:U0ANA"], ConcernStatus.Open, null, null, null, [], at, at)
        {
            Voices = [new ConcernVoice("user:U0ANA", StakeholderGroup.FrontlineWorker, "Ana", kept, question.Id)],
        };

        var text = Blocks.Text(JsonDocument.Parse(MessageRenderer.Render(new OwnerConcerns(Samples.Id, "Screening", [ConcernView.ForOwners(concern, flow, [])])).ToPayload().ToJsonString()).RootElement);

        Assert.Contains($"“Only with a supervisor, who is never there at night.”\n— Frontline worker (Ana), who answered No\nOn: {question.TextWithScale}", text, StringComparison.Ordinal);
    }
}
