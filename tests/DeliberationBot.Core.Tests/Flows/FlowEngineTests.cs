using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Stakeholders;
using static DeliberationBot.Core.Tests.Flows.TestFlows;

namespace DeliberationBot.Core.Tests.Flows;

public class FlowEngineTests
{
    private static readonly AnswerValue Text = AnswerValue.FromText("some text");

    private static ParticipantProgress Evaluate(StakeholderGroup group, Dictionary<string, AnswerValue> answers) =>
        FlowEngine.Evaluate(Engine, group, answers);

    private static IEnumerable<string> Ids(IEnumerable<Question> questions) => questions.Select(q => q.Id);

    [Fact]
    public void Next_question_follows_document_order()
    {
        var answers = new Dictionary<string, AnswerValue>();
        var seen = new List<string>();
        for (var progress = Evaluate(StakeholderGroup.Community, answers); !progress.IsComplete; progress = Evaluate(StakeholderGroup.Community, answers))
        {
            var next = progress.Next!;
            seen.Add(next.Id);
            answers[next.Id] = next.Kind switch
            {
                AnswerKind.Number => AnswerValue.FromNumber(1),
                AnswerKind.Scale => AnswerValue.FromNumber(5),
                AnswerKind.YesNoUnsure => AnswerValue.FromChoices("yes"),
                AnswerKind.FreeText => Text,
                _ => AnswerValue.FromChoices(next.EffectiveOptions[0].Id),
            };
        }

        Assert.Equal(["intro", "minutes", "readiness", "appeal", "pick", "many"], seen);
    }

    [Fact]
    public void Next_skips_over_answered_questions_even_when_answered_out_of_order()
    {
        var answers = new Dictionary<string, AnswerValue> { ["minutes"] = AnswerValue.FromNumber(1) };

        Assert.Equal("intro", Evaluate(StakeholderGroup.Community, answers).Next!.Id);
        answers["intro"] = Text;
        Assert.Equal("readiness", Evaluate(StakeholderGroup.Community, answers).Next!.Id);
    }

    [Theory]
    [InlineData(StakeholderGroup.FrontlineWorker, true)]
    [InlineData(StakeholderGroup.FrontlineLeader, true)]
    [InlineData(StakeholderGroup.LegalPolicy, false)]
    [InlineData(StakeholderGroup.Community, false)]
    [InlineData(StakeholderGroup.Vendor, false)]
    public void Asked_of_targets_questions_at_groups(StakeholderGroup group, bool seesWorkersOnly)
    {
        var progress = Evaluate(group, new() { ["intro"] = Text });

        Assert.Equal(seesWorkersOnly ? "workers-only" : "minutes", progress.Next!.Id);
        Assert.Equal(seesWorkersOnly, Ids(progress.Applicable).Contains("workers-only"));
        Assert.Equal(seesWorkersOnly ? 7 : 6, progress.Applicable.Count);
    }

    [Theory]
    [InlineData(9, false)]
    [InlineData(10, true)]
    [InlineData(240, true)]
    public void At_least_follow_up_opens_from_the_bound(int minutes, bool opens)
    {
        var progress = Evaluate(StakeholderGroup.Community, new() { ["intro"] = Text, ["minutes"] = AnswerValue.FromNumber(minutes) });

        Assert.Equal(opens, Ids(progress.Applicable).Contains("why-slow"));
        Assert.Equal(opens ? "why-slow" : "readiness", progress.Next!.Id);
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(2, true)]
    [InlineData(3, false)]
    public void At_most_follow_up_opens_up_to_the_bound(int readiness, bool opens)
    {
        var progress = Evaluate(StakeholderGroup.Community, new() { ["readiness"] = AnswerValue.FromNumber(readiness) });

        Assert.Equal(opens, Ids(progress.Applicable).Contains("what-change"));
        Assert.Equal(opens, Ids(progress.RequiredRemaining).Contains("what-change"));
    }

    [Theory]
    [InlineData("yes", false)]
    [InlineData("no", true)]
    [InlineData("unsure", true)]
    public void Any_of_follow_up_opens_for_listed_options(string choice, bool opens)
    {
        var progress = Evaluate(StakeholderGroup.Community, new() { ["appeal"] = AnswerValue.FromChoices(choice) });

        Assert.Equal(opens, Ids(progress.Applicable).Contains("appeal-how"));
        string[] expected = opens ? ["appeal-how"] : [];
        Assert.Equal(expected, Ids(progress.ActiveFollowUps));
    }

    [Fact]
    public void Follow_ups_stay_closed_until_the_trigger_is_answered_or_when_it_is_skipped()
    {
        var unanswered = Evaluate(StakeholderGroup.LegalPolicy, []);
        var skipped = Evaluate(StakeholderGroup.LegalPolicy, new() { ["minutes"] = AnswerValue.Skip(), ["appeal"] = AnswerValue.Skip() });

        Assert.Empty(unanswered.ActiveFollowUps);
        Assert.Empty(skipped.ActiveFollowUps);
        Assert.DoesNotContain("why-slow", Ids(skipped.Applicable));
    }

    [Fact]
    public void Follow_up_disappears_and_stops_counting_when_the_trigger_answer_changes()
    {
        var answers = new Dictionary<string, AnswerValue>
        {
            ["intro"] = Text,
            ["minutes"] = AnswerValue.FromNumber(30),
            ["why-slow"] = Text,
        };
        var before = Evaluate(StakeholderGroup.Community, answers);

        answers["minutes"] = AnswerValue.FromNumber(5);
        var after = Evaluate(StakeholderGroup.Community, answers);

        Assert.Equal(["intro", "minutes", "why-slow"], Ids(before.Answered));
        Assert.Equal(7, before.Applicable.Count);
        Assert.Equal(43, before.Percent);
        Assert.Equal(["intro", "minutes"], Ids(after.Answered));
        Assert.Equal(6, after.Applicable.Count);
        Assert.Equal(33, after.Percent);
        Assert.DoesNotContain("why-slow", Ids(after.Applicable));
        Assert.Empty(after.ActiveFollowUps);
    }

    [Fact]
    public void Required_follow_up_stops_being_required_when_the_trigger_changes()
    {
        var answers = new Dictionary<string, AnswerValue> { ["intro"] = Text, ["readiness"] = AnswerValue.FromNumber(1) };
        Assert.Equal(["what-change"], Ids(Evaluate(StakeholderGroup.Vendor, answers).RequiredRemaining));

        answers["readiness"] = AnswerValue.FromNumber(4);
        Assert.Empty(Evaluate(StakeholderGroup.Vendor, answers).RequiredRemaining);
    }

    [Fact]
    public void Follow_up_whose_asked_of_excludes_the_group_is_never_asked()
    {
        var answers = new Dictionary<string, AnswerValue> { ["appeal"] = AnswerValue.FromChoices("no") };

        var community = Evaluate(StakeholderGroup.Community, answers);
        var legal = Evaluate(StakeholderGroup.LegalPolicy, answers);

        Assert.Equal(["appeal-how"], Ids(community.ActiveFollowUps));
        Assert.DoesNotContain("appeal-legal", Ids(community.Applicable));
        Assert.Equal(["appeal-how", "appeal-legal"], Ids(legal.ActiveFollowUps));
    }

    [Fact]
    public void Required_remaining_lists_unanswered_and_skipped_required_questions()
    {
        Assert.Equal(["intro", "readiness"], Ids(Evaluate(StakeholderGroup.Other, []).RequiredRemaining));

        var answers = new Dictionary<string, AnswerValue> { ["intro"] = Text, ["readiness"] = AnswerValue.Skip() };
        Assert.Equal(["readiness"], Ids(Evaluate(StakeholderGroup.Other, answers).RequiredRemaining));

        answers["readiness"] = AnswerValue.FromNumber(5);
        Assert.Empty(Evaluate(StakeholderGroup.Other, answers).RequiredRemaining);
    }

    [Fact]
    public void Skipping_a_required_question_is_rejected_but_an_optional_one_is_allowed()
    {
        Assert.Equal("This question is required, so it can't be skipped.", FlowEngine.Validate(Q("intro"), AnswerValue.Skip())?.Text);
        Assert.NotNull(FlowEngine.Validate(Q("readiness"), AnswerValue.Skip()));
        Assert.Null(FlowEngine.Validate(Q("minutes"), AnswerValue.Skip()));
        Assert.Null(FlowEngine.Validate(Q("pick"), AnswerValue.Skip()));
    }

    [Fact]
    public void Skipped_optional_question_counts_as_answered_and_moves_on()
    {
        var progress = Evaluate(StakeholderGroup.Community, new() { ["intro"] = Text, ["minutes"] = AnswerValue.Skip() });

        Assert.Equal("readiness", progress.Next!.Id);
        Assert.Equal(["intro", "minutes"], Ids(progress.Answered));
    }

    [Fact]
    public void Percent_and_is_complete_track_answered_applicable_questions()
    {
        var answers = new Dictionary<string, AnswerValue>();
        var empty = Evaluate(StakeholderGroup.Community, answers);
        Assert.Equal(0, empty.Percent);
        Assert.False(empty.IsComplete);

        answers["intro"] = Text;
        answers["minutes"] = AnswerValue.FromNumber(1);
        answers["readiness"] = AnswerValue.FromNumber(4);
        var half = Evaluate(StakeholderGroup.Community, answers);
        Assert.Equal(50, half.Percent);
        Assert.False(half.IsComplete);

        answers["appeal"] = AnswerValue.FromChoices("yes");
        answers["pick"] = AnswerValue.FromChoices("red");
        answers["many"] = AnswerValue.FromChoices("alpha", "gamma");
        var done = Evaluate(StakeholderGroup.Community, answers);
        Assert.Equal(100, done.Percent);
        Assert.True(done.IsComplete);
        Assert.Null(done.Next);
        Assert.Empty(done.RequiredRemaining);
    }

    [Fact]
    public void Answers_to_questions_not_asked_of_the_group_are_ignored()
    {
        var progress = Evaluate(StakeholderGroup.Community, new() { ["workers-only"] = AnswerValue.FromChoices("yes"), ["appeal-legal"] = Text });

        Assert.Empty(progress.Answered);
        Assert.Equal(0, progress.Percent);
    }

    [Fact]
    public void Follow_ups_opened_by_lists_only_met_conditions_and_the_groups_questions()
    {
        var appeal = Q("appeal");

        Assert.Equal(["appeal-how"], Ids(FlowEngine.FollowUpsOpenedBy(Engine, appeal, AnswerValue.FromChoices("no"), StakeholderGroup.Community)));
        Assert.Equal(["appeal-how", "appeal-legal"], Ids(FlowEngine.FollowUpsOpenedBy(Engine, appeal, AnswerValue.FromChoices("unsure"), StakeholderGroup.LegalPolicy)));
        Assert.Empty(FlowEngine.FollowUpsOpenedBy(Engine, appeal, AnswerValue.FromChoices("yes"), StakeholderGroup.LegalPolicy));
        Assert.Empty(FlowEngine.FollowUpsOpenedBy(Engine, appeal, AnswerValue.Skip(), StakeholderGroup.LegalPolicy));
        Assert.Equal(["why-slow"], Ids(FlowEngine.FollowUpsOpenedBy(Engine, Q("minutes"), AnswerValue.FromNumber(10), StakeholderGroup.Vendor)));
        Assert.Empty(FlowEngine.FollowUpsOpenedBy(Engine, Q("minutes"), AnswerValue.FromNumber(9.5m), StakeholderGroup.Vendor));
        Assert.Empty(FlowEngine.FollowUpsOpenedBy(Engine, Q("pick"), AnswerValue.FromChoices("red"), StakeholderGroup.Vendor));
    }
}
