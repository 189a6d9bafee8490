using DeliberationBot.Core.Stakeholders;
using DeliberationBot.Core.Summaries;
using DeliberationBot.Summaries.Tests.Support;

namespace DeliberationBot.Summaries.Tests.Offline;

/// <summary>A group's anonymous answers are shown only once MinGroupSize distinct people of it have answered.</summary>
public sealed class SmallGroupTests
{
    private static readonly string[] Worries =
    [
        "My family could be flagged because we once asked the county for help with rent.",
        "Neighborhoods like mine get reported more, so the score will learn to suspect us.",
        "Nobody will tell us why we were visited.",
    ];

    private static DeliberationBuilder Community(int anonymous, bool withNamed = false)
    {
        var d = new DeliberationBuilder(Repo.AiProposal, "Small groups");
        d.Named("U01LEAD", StakeholderGroup.AgencyLeader, p => p.Choice("communities-asked", "yes").Number("overall-readiness", 5));
        for (var i = 0; i < anonymous; i++)
        {
            var n = i;
            d.Anonymous($"anon:community{n}", StakeholderGroup.Community, p => p
                .Choice("communities-asked", "no")
                .Text("community-worries", Worries[n], flagged: n == 0)
                .Number("overall-readiness", 1));
        }

        if (withNamed)
        {
            d.Named("U09ADVOCATE", StakeholderGroup.Community, p => p.Text("community-worries", "As an advocate: families are never told a score exists.", flagged: true));
        }

        return d;
    }

    [Fact]
    public void Below_the_minimum_the_summary_says_the_group_answered_but_not_what()
    {
        var input = Community(2).Build(minGroupSize: 3);
        var summary = OfflineSummarizer.Summarize(input);
        var text = SummaryText.Render(summary);

        var worries = SummaryAssertions.Question(summary, "community-worries");
        var group = Assert.Single(worries.Groups);
        Assert.Equal((2, 2, 0), (group.Answered, group.Withheld, group.Shown));
        Assert.Empty(group.Quotes);
        Assert.Empty(worries.Concerns);
        Assert.Equal(1, worries.WithheldConcerns);
        Assert.Empty(worries.Statements);

        var asked = SummaryAssertions.Question(summary, "communities-asked").Groups.Single(g => g.Group == StakeholderGroup.Community);
        Assert.Empty(asked.Options);
        Assert.Null(SummaryAssertions.Question(summary, "overall-readiness").Groups.Single(g => g.Group == StakeholderGroup.Community).Numbers);

        Assert.Contains("Community member or advocate (2 answered)", text);
        Assert.Contains("2 anonymous answers not shown: fewer than 3 people in this group have answered.", text);
        Assert.All(Worries.Take(2), worry => Assert.DoesNotContain(worry, text));
        var anonymousIds = input.Answers.Where(a => a.Anonymous).Select(a => a.Id).ToHashSet();
        Assert.Empty(SummaryAssertions.CitedIds(summary).Intersect(anonymousIds));
        Assert.Empty(summary.Disagreements);
    }

    [Fact]
    public void At_the_minimum_the_group_is_shown()
    {
        var summary = OfflineSummarizer.Summarize(Community(3).Build(minGroupSize: 3));

        var worries = SummaryAssertions.Question(summary, "community-worries");
        var group = Assert.Single(worries.Groups);
        Assert.Equal((3, 0), (group.Answered, group.Withheld));
        Assert.Equal(Worries[0], Assert.Single(worries.Concerns).Text);
        Assert.Equal(2, group.Quotes.Count);
        Assert.Equal(0, worries.WithheldConcerns);
        var disagreement = Assert.Single(summary.Disagreements, d => d.QuestionId == "communities-asked");
        Assert.Equal(
            "Agency leaders answered \"Yes\" (1 of 1); community members and advocates all answered \"No\" (3 of 3).",
            disagreement.Statement.Text);
    }

    [Fact]
    public void Named_answers_of_a_small_group_are_shown_and_count_towards_its_size()
    {
        var small = OfflineSummarizer.Summarize(Community(1, withNamed: true).Build(minGroupSize: 3));
        var worries = SummaryAssertions.Question(small, "community-worries");
        var group = Assert.Single(worries.Groups);
        Assert.Equal((2, 1, 1), (group.Answered, group.Withheld, group.Shown));
        Assert.Equal("As an advocate: families are never told a score exists.", Assert.Single(worries.Concerns).Text);
        Assert.Equal(1, worries.WithheldConcerns);

        var enough = OfflineSummarizer.Summarize(Community(2, withNamed: true).Build(minGroupSize: 3));
        Assert.Equal(2, SummaryAssertions.Question(enough, "community-worries").Concerns.Count);
    }

    [Fact]
    public void Withheld_numbers_are_left_out_of_totals()
    {
        var d = new DeliberationBuilder(Repo.QuickCheck, "Labour");
        d.Named("U1", StakeholderGroup.AgencyLeader, p => p.Number("added-minutes-per-case", 2));
        d.Anonymous("anon:fl1", StakeholderGroup.FrontlineLeader, p => p.Number("added-minutes-per-case", 30));
        d.Anonymous("anon:fl2", StakeholderGroup.FrontlineLeader, p => p.Number("added-minutes-per-case", 40));

        var labour = Assert.Single(OfflineSummarizer.Summarize(d.Build()).AddedLabour);
        Assert.Equal(new NumberStats(1, 2, 2, 2, 2, 2), labour.All);
        Assert.Equal(2, labour.Withheld);
        Assert.Equal([StakeholderGroup.AgencyLeader], labour.ByGroup.Select(g => g.Group));
    }
}
