using DeliberationBot.Core.Stakeholders;
using DeliberationBot.Core.Summaries;
using DeliberationBot.Summaries.Tests.Support;

namespace DeliberationBot.Summaries.Tests.Offline;

public sealed class DisagreementTests
{
    [Fact]
    public void Questions_where_groups_answered_differently_are_found_in_flow_order()
    {
        var summary = OfflineSummarizer.Summarize(Fixtures.ScreeningTool().Build());

        Assert.Equal(
        [
            "goal-clarity", "harm-if-wrong", "people-told", "can-appeal", "capacity-to-comply", "added-minutes-per-case",
            "new-data-entry", "can-override", "training-time", "communities-asked", "overall-readiness",
        ], summary.Disagreements.Select(d => d.QuestionId));
    }

    [Fact]
    public void Leaders_low_and_frontline_high_added_minutes_is_a_disagreement()
    {
        var summary = OfflineSummarizer.Summarize(Fixtures.ScreeningTool().Build());

        var minutes = summary.Disagreements.Single(d => d.QuestionId == "added-minutes-per-case");
        Assert.Equal(DisagreementKind.Numbers, minutes.Kind);
        Assert.Equal(
            "Agency leaders: 2.5 minutes per case (median of 2 people, from 2 to 3); frontline workers: 17.5 minutes per case (median of 4 people, from 12 to 25).",
            minutes.Statement.Text);
        Assert.Equal(["A10", "A24", "A38", "A54", "A70", "A87"], minutes.Statement.Cites);
        Assert.Equal(
            [(StakeholderGroup.AgencyLeader, 2.5m), (StakeholderGroup.ResearchDevelopment, 5m), (StakeholderGroup.FrontlineWorker, 17.5m)],
            minutes.Positions.Select(p => (p.Group, p.Median!.Value)));
    }

    [Fact]
    public void Majority_yes_against_majority_no_is_a_disagreement()
    {
        var summary = OfflineSummarizer.Summarize(Fixtures.ScreeningTool().Build());

        var training = summary.Disagreements.Single(d => d.QuestionId == "training-time");
        Assert.Equal(DisagreementKind.Majority, training.Kind);
        Assert.Equal("Agency leaders all answered \"Yes\" (2 of 2); frontline workers mostly answered \"No\" (3 of 4).", training.Statement.Text);
        Assert.Equal([("yes", 2), ("no", 4)], training.Positions.Select(p => (p.OptionId!, p.Answers)));
    }

    [Fact]
    public void Groups_that_agree_or_are_split_are_not_a_disagreement()
    {
        var d = new DeliberationBuilder(Repo.QuickCheck, "Agreement");
        d.Named("U1", StakeholderGroup.AgencyLeader, p => p.Choice("can-appeal", "yes").Number("added-minutes-per-case", 10).Number("overall-readiness", 3));
        d.Named("U2", StakeholderGroup.FrontlineWorker, p => p.Choice("can-appeal", "yes").Number("added-minutes-per-case", 12).Number("overall-readiness", 4));
        d.Named("U3", StakeholderGroup.LegalPolicy, p => p.Choice("can-appeal", "no"));
        d.Named("U4", StakeholderGroup.LegalPolicy, p => p.Choice("can-appeal", "yes"));

        var summary = OfflineSummarizer.Summarize(d.Build());

        Assert.Empty(summary.Disagreements);
    }

    [Fact]
    public void Disagreements_are_listed_before_everything_else_in_the_text()
    {
        var text = SummaryText.Render(OfflineSummarizer.Summarize(Fixtures.ScreeningTool().Build()));

        var disagree = text.IndexOf("WHERE GROUPS DISAGREE", StringComparison.Ordinal);
        Assert.True(disagree > 0);
        Assert.True(disagree < text.IndexOf("VOICES HEARD", StringComparison.Ordinal));
        Assert.True(text.IndexOf("VOICES HEARD", StringComparison.Ordinal) < text.IndexOf("ADDED FRONTLINE LABOUR", StringComparison.Ordinal));
        Assert.True(text.IndexOf("ADDED FRONTLINE LABOUR", StringComparison.Ordinal) < text.IndexOf("GOALS AND INTENDED USE", StringComparison.Ordinal));
    }

    [Fact]
    public void Added_frontline_labour_is_given_per_group_frontline_workers_first()
    {
        var labour = Assert.Single(OfflineSummarizer.Summarize(Fixtures.ScreeningTool().Build()).AddedLabour);

        Assert.Equal(("added-minutes-per-case", "minutes per case"), (labour.QuestionId, labour.Unit));
        Assert.Equal(
            [(StakeholderGroup.FrontlineWorker, 4, 17.5m, 12m, 25m), (StakeholderGroup.AgencyLeader, 2, 2.5m, 2m, 3m), (StakeholderGroup.ResearchDevelopment, 1, 5m, 5m, 5m)],
            labour.ByGroup.Select(g => (g.Group, g.Stats.Count, g.Stats.Median, g.Stats.Min, g.Stats.Max)));
    }
}
