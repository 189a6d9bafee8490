using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Stakeholders;

namespace DeliberationBot.Core.Tests.Flows;

/// <summary>The real flow files in prompts/flows, parsed the way the host loads them.</summary>
public class ShippedFlowsTests
{
    private static FlowCatalog Catalog => Repository.Flows;

    private static FlowDefinition AiProposal => Catalog.Find("ai-proposal")!;

    private static FlowDefinition QuickCheck => Catalog.Find("quick-check")!;

    public static TheoryData<string, StakeholderGroup> FlowsAndGroups()
    {
        var data = new TheoryData<string, StakeholderGroup>();
        foreach (var flow in new[] { "ai-proposal", "quick-check" })
        {
            foreach (var group in Enum.GetValues<StakeholderGroup>())
            {
                data.Add(flow, group);
            }
        }

        return data;
    }

    [Fact]
    public void Both_flows_parse()
    {
        Assert.Equal(["ai-proposal", "quick-check"], Catalog.All.Select(f => f.Id));
        Assert.All(Catalog.All, f => Assert.False(string.IsNullOrWhiteSpace(f.Title)));
        Assert.All(Catalog.All, f => Assert.False(string.IsNullOrWhiteSpace(f.Description)));
    }

    [Fact]
    public void Both_flows_ask_the_community_in_English_and_Spanish()
    {
        Assert.All(Catalog.All, flow =>
        {
            Assert.Equal(["en", "es"], flow.Languages);
            var community = flow.CommunityView().Questions;
            Assert.InRange(community.Count, 3, 10);
            Assert.All(community, q => Assert.NotEqual(q.Text, q.In("es").Text));
        });
    }

    [Fact]
    public void Ai_proposal_has_the_expected_questions()
    {
        Assert.True(AiProposal.Questions.Count >= 35, $"ai-proposal has only {AiProposal.Questions.Count} questions");
        Assert.Contains(AiProposal.Questions, q => q.Kind == AnswerKind.Number && q.Unit == "minutes per case");
        Assert.NotNull(AiProposal.FindQuestion("non-ai-alternatives"));
        Assert.Equal(AnswerKind.YesNoUnsure, AiProposal.FindQuestion("scores-individuals")!.Kind);
    }

    [Fact]
    public void Scores_individuals_follow_ups_are_for_legal_policy_and_cover_secondary_uses()
    {
        var scores = AiProposal.FindQuestion("scores-individuals")!;
        var followUp = Assert.Single(scores.FollowUps);

        Assert.Equal(["yes", "unsure"], followUp.When.AnyOf);
        var targets = followUp.Ask.Select(id => AiProposal.FindQuestion(id)!).ToList();
        Assert.All(targets, q => Assert.Equal([StakeholderGroup.LegalPolicy], q.AskedOf));
        var text = string.Join(" ", targets.Select(q => q.Text)).ToLowerInvariant();
        Assert.All(["discovery", "subpoena", "court", "shared"], word => Assert.Contains(word, text, StringComparison.Ordinal));
        Assert.All(["secondary-use-discovery", "secondary-use-subpoena", "secondary-use-court", "secondary-use-sharing"], id => Assert.Contains(id, followUp.Ask));
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("unsure")]
    public void Legal_policy_gets_the_secondary_use_follow_ups_and_frontline_workers_do_not(string answer)
    {
        var scores = AiProposal.FindQuestion("scores-individuals")!;
        var value = AnswerParser.Parse(scores, answer).Value!;
        var answers = new Dictionary<string, AnswerValue> { ["scores-individuals"] = value };

        var legalOpened = FlowEngine.FollowUpsOpenedBy(AiProposal, scores, value, StakeholderGroup.LegalPolicy).Select(q => q.Id).ToList();
        var workerOpened = FlowEngine.FollowUpsOpenedBy(AiProposal, scores, value, StakeholderGroup.FrontlineWorker);
        var legal = FlowEngine.Evaluate(AiProposal, StakeholderGroup.LegalPolicy, answers).ActiveFollowUps.Select(q => q.Id).ToList();
        var worker = FlowEngine.Evaluate(AiProposal, StakeholderGroup.FrontlineWorker, answers).ActiveFollowUps;

        Assert.Contains("secondary-use-discovery", legalOpened);
        Assert.Contains("secondary-use-subpoena", legal);
        Assert.Contains("secondary-use-court", legal);
        Assert.Contains("secondary-use-sharing", legal);
        Assert.Empty(workerOpened);
        Assert.DoesNotContain(worker, q => q.Id.StartsWith("secondary-use-", StringComparison.Ordinal));
    }

    [Fact]
    public void No_secondary_use_follow_ups_when_scores_individuals_is_no()
    {
        var answers = new Dictionary<string, AnswerValue> { ["scores-individuals"] = AnswerValue.FromChoices("no") };

        var legal = FlowEngine.Evaluate(AiProposal, StakeholderGroup.LegalPolicy, answers);

        Assert.DoesNotContain(legal.Applicable, q => q.Id.StartsWith("secondary-use-", StringComparison.Ordinal));
    }

    [Fact]
    public void A_concern_rule_is_described_in_the_words_people_answered_with_not_its_option_ids()
    {
        string Rule(FlowDefinition flow, string questionId) => flow.FindQuestion(questionId) is { ConcernWhen: { } rule } q ? rule.Describe(q) : "";

        Assert.Equal("any of \"No\", \"Not sure\"", Rule(QuickCheck, "can-override"));
        Assert.Equal("a rating of at most 2 out of 5", Rule(QuickCheck, "vendor-transparency"));
        Assert.Equal("at least 10 minutes per case", Rule(QuickCheck, "added-minutes-per-case"));
        Assert.Equal("any of \"A vendor offered it\", \"I'm not sure\"", Rule(AiProposal, "why-ai"));
        Assert.All(Catalog.All.SelectMany(f => f.Questions).Where(q => q.ConcernWhen is { AnyOf.Count: > 0 }), q =>
            Assert.All(q.ConcernWhen!.AnyOf, id => Assert.Contains(q.EffectiveOptions, o => o.Id == id)));
    }

    [Fact]
    public void Quick_check_is_short()
    {
        Assert.InRange(QuickCheck.Questions.Count, 8, 12);
        Assert.Contains(QuickCheck.Questions, q => q.Kind == AnswerKind.Number && q.Unit == "minutes per case");
    }

    [Theory]
    [MemberData(nameof(FlowsAndGroups))]
    public void Every_group_can_complete_by_answering_the_first_option(string flowId, StakeholderGroup group)
    {
        AssertCompletes(Catalog.Find(flowId)!, group, FirstAnswer);
    }

    [Theory]
    [MemberData(nameof(FlowsAndGroups))]
    public void Every_group_can_complete_by_answering_the_last_option(string flowId, StakeholderGroup group)
    {
        AssertCompletes(Catalog.Find(flowId)!, group, LastAnswer);
    }

    private static AnswerValue FirstAnswer(Question q) => q.Kind switch
    {
        AnswerKind.SingleChoice or AnswerKind.MultipleChoice or AnswerKind.YesNoUnsure => AnswerValue.FromChoices(q.EffectiveOptions[0].Id),
        AnswerKind.Scale => AnswerValue.FromNumber(3),
        AnswerKind.Number => AnswerValue.FromNumber(5),
        _ => AnswerValue.FromText("text"),
    };

    private static AnswerValue LastAnswer(Question q) => q.Kind switch
    {
        AnswerKind.SingleChoice or AnswerKind.MultipleChoice or AnswerKind.YesNoUnsure => AnswerValue.FromChoices(q.EffectiveOptions[^1].Id),
        AnswerKind.Scale => AnswerValue.FromNumber(1),
        AnswerKind.Number => AnswerValue.FromNumber(60),
        _ => AnswerValue.FromText("a longer answer"),
    };

    private static void AssertCompletes(FlowDefinition flow, StakeholderGroup group, Func<Question, AnswerValue> answer)
    {
        var answers = new Dictionary<string, AnswerValue>();
        var progress = FlowEngine.Evaluate(flow, group, answers);
        var steps = 0;
        while (!progress.IsComplete)
        {
            Assert.True(++steps <= flow.Questions.Count, $"{group} did not finish {flow.Id} within {flow.Questions.Count} answers");
            var next = progress.Next!;
            Assert.True(next.IsAskedOf(group), $"{next.Id} is not meant for {group}");
            Assert.False(answers.ContainsKey(next.Id), $"{next.Id} was asked twice");
            var value = answer(next);
            Assert.Null(FlowEngine.Validate(next, value));
            answers[next.Id] = value;
            progress = FlowEngine.Evaluate(flow, group, answers);
        }

        Assert.Equal(100, progress.Percent);
        Assert.Empty(progress.RequiredRemaining);
        Assert.Equal(steps, progress.Answered.Count);
        Assert.True(steps >= 5, $"{group} answered only {steps} questions of {flow.Id}");
    }
}
