using DeliberationBot.Core.Stakeholders;
using DeliberationBot.Core.Summaries;
using DeliberationBot.Summaries.Tests.Support;

namespace DeliberationBot.Summaries.Tests.Offline;

/// <summary>
/// A group's anonymous answers are shown only once MinGroupSize distinct people of it have answered anonymously; a flagged
/// concern is always shown, with its group.
/// </summary>
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
    public void Below_the_minimum_the_summary_says_the_group_answered_but_not_what_except_its_flagged_concern()
    {
        var input = Community(2).Build(minGroupSize: 3);
        var summary = OfflineSummarizer.Summarize(input);
        var text = SummaryText.Render(summary);

        var worries = SummaryAssertions.Question(summary, "community-worries");
        var group = Assert.Single(worries.Groups);
        Assert.Equal((2, 1, 1), (group.Answered, group.Withheld, group.Shown));
        Assert.Empty(group.Quotes);
        var concern = Assert.Single(worries.Concerns);
        Assert.Equal((Worries[0], StakeholderGroup.Community), (concern.Text, concern.Group));
        Assert.Empty(worries.Statements);

        var asked = SummaryAssertions.Question(summary, "communities-asked").Groups.Single(g => g.Group == StakeholderGroup.Community);
        Assert.Empty(asked.Options);
        Assert.Null(SummaryAssertions.Question(summary, "overall-readiness").Groups.Single(g => g.Group == StakeholderGroup.Community).Numbers);

        Assert.Contains("Community member or advocate (2 answered)", text);
        Assert.Contains($"! \"{Worries[0]}\" (Community member or advocate) [{concern.AnswerId}]", text);
        Assert.Contains("1 anonymous answer not shown: fewer than 3 people in this group have answered anonymously.", text);
        Assert.DoesNotContain(Worries[1], text);
        Assert.DoesNotContain("too small to show", text);
        var unflaggedAnonymous = input.Answers.Where(a => a.Anonymous && !a.FlaggedConcern).Select(a => a.Id).ToHashSet();
        Assert.Empty(SummaryAssertions.CitedIds(summary).Intersect(unflaggedAnonymous));
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
        var disagreement = Assert.Single(summary.Disagreements, d => d.QuestionId == "communities-asked");
        Assert.Equal(
            "Agency leaders answered \"Yes\" (1 of 1); community members and advocates all answered \"No\" (3 of 3).",
            disagreement.Statement.Text);
    }

    [Fact]
    public void Named_answers_of_a_small_group_are_shown_and_do_not_count_towards_showing_its_anonymous_ones()
    {
        var small = OfflineSummarizer.Summarize(Community(1, withNamed: true).Build(minGroupSize: 3));
        var worries = SummaryAssertions.Question(small, "community-worries");
        var group = Assert.Single(worries.Groups);
        Assert.Equal((2, 0, 2), (group.Answered, group.Withheld, group.Shown));
        Assert.Equal([Worries[0], "As an advocate: families are never told a score exists."], worries.Concerns.Select(c => c.Text));
        Assert.Equal(1, SummaryAssertions.Question(small, "communities-asked").Groups.Single(g => g.Group == StakeholderGroup.Community).Withheld);

        // Three people of the group answered, two of them anonymously: beside the named advocate's answers, theirs could be
        // told apart by whoever knows who took part, so they stay withheld, as in the record.
        var beside = OfflineSummarizer.Summarize(Community(2, withNamed: true).Build(minGroupSize: 3));
        Assert.Equal(2, SummaryAssertions.Question(beside, "communities-asked").Groups.Single(g => g.Group == StakeholderGroup.Community).Withheld);
        Assert.Equal((3, 1), SummaryAssertions.Question(beside, "community-worries").Groups.Single() is var g ? (g.Answered, g.Withheld) : default);
        Assert.DoesNotContain(Worries[1], SummaryText.Render(beside));

        var enough = OfflineSummarizer.Summarize(Community(3, withNamed: true).Build(minGroupSize: 3));
        Assert.Equal(0, SummaryAssertions.Question(enough, "communities-asked").Groups.Single(g => g.Group == StakeholderGroup.Community).Withheld);
        Assert.Contains(Worries[1], SummaryText.Render(enough));
    }
}
