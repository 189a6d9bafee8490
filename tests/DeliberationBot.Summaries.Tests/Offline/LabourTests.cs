using DeliberationBot.Core.Stakeholders;
using DeliberationBot.Core.Summaries;
using DeliberationBot.Summaries.Tests.Support;

namespace DeliberationBot.Summaries.Tests.Offline;

/// <summary>Added labour per stakeholder group: median, range and number of people, frontline first, never summed.</summary>
public sealed class LabourTests
{
    private const string Question = "added-minutes-per-case";

    /// <summary>The demo's situation: one anonymous caseworker says 20 minutes, the director 2.</summary>
    private static DeliberationBuilder LoneCaseworker()
    {
        var d = new DeliberationBuilder(Repo.QuickCheck, "Labour");
        d.Named("U1", StakeholderGroup.AgencyLeader, p => p.Number(Question, 2));
        d.Named("U2", StakeholderGroup.AgencyLeader, p => p.Number(Question, 3));
        d.Anonymous("anon:fw1", StakeholderGroup.FrontlineWorker, p => p.Number(Question, 20).Choice("can-override", "no"));
        d.Anonymous("anon:fl1", StakeholderGroup.FrontlineLeader, p => p.Number(Question, 10));
        d.Named("U3", StakeholderGroup.ResearchDevelopment, p => p.Number(Question, 5));
        return d;
    }

    [Fact]
    public void A_lone_frontline_workers_figure_is_shown_first_and_set_against_the_leaders_estimates()
    {
        var input = LoneCaseworker().Build(minGroupSize: 3);
        var summary = OfflineSummarizer.Summarize(input);

        var labour = Assert.Single(summary.AddedLabour);
        Assert.Equal(
            [StakeholderGroup.FrontlineWorker, StakeholderGroup.AgencyLeader, StakeholderGroup.ResearchDevelopment, StakeholderGroup.FrontlineLeader],
            labour.ByGroup.Select(g => g.Group));
        Assert.Equal(new NumberStats(1, 20, 20, 20), labour.ByGroup[0].Stats);
        Assert.Equal(new NumberStats(2, 2.5m, 2, 3), labour.ByGroup[1].Stats);
        Assert.Equal(
            "Frontline workers: 20 minutes per case (1 person); agency leaders estimate 2.5 minutes per case (median of 2 people, from 2 to 3); " +
            "frontline leaders estimate 10 minutes per case (1 person).",
            labour.Comparison.Text);
        Assert.Equal(["A1", "A2", "A3", "A5"], labour.Comparison.Cites);

        var text = SummaryText.Render(summary);
        Assert.Contains("  Frontline workers: 20 minutes per case (1 person); agency leaders estimate 2.5 minutes per case", text);

        // Each figure is read once: the groups the comparison names are not listed again beneath it; the others are.
        var labourText = text[text.IndexOf("ADDED FRONTLINE LABOUR", StringComparison.Ordinal)..text.IndexOf("\n\n", text.IndexOf("ADDED FRONTLINE LABOUR", StringComparison.Ordinal), StringComparison.Ordinal)];
        Assert.Equal(2, labourText.Split("20 minutes per case").Length);
        Assert.DoesNotContain("  Frontline worker:", labourText, StringComparison.Ordinal);
        Assert.DoesNotContain("  Agency leader:", labourText, StringComparison.Ordinal);
        Assert.DoesNotContain("  Frontline leader:", labourText, StringComparison.Ordinal);
        Assert.EndsWith("\n  Research & development: 5 minutes per case (1 person) [A6]", labourText, StringComparison.Ordinal);

        // Only the labour figure is exempt from the small-group rule: the caseworker's other anonymous answers stay withheld.
        var canOverride = SummaryAssertions.Question(summary, "can-override").Groups.Single(g => g.Group == StakeholderGroup.FrontlineWorker);
        Assert.Equal((1, 1), (canOverride.Answered, canOverride.Withheld));
        Assert.Empty(canOverride.Options);
    }

    [Fact]
    public void A_figure_typed_with_the_persons_words_is_counted_and_quoted_in_them()
    {
        var d = new DeliberationBuilder(Repo.QuickCheck, "Labour");
        d.Named("U1", StakeholderGroup.FrontlineWorker, p => p.Number(Question, 20, "20, but 45 for complex cases"));
        d.Named("U2", StakeholderGroup.FrontlineWorker, p => p.Number(Question, 30));
        d.Named("U3", StakeholderGroup.FrontlineWorker, p => p.Number(Question, 25));
        var summary = OfflineSummarizer.Summarize(d.Build(minGroupSize: 3));

        Assert.Equal(new NumberStats(3, 25, 20, 30), Assert.Single(summary.AddedLabour).ByGroup[0].Stats);
        var quote = Assert.Single(Assert.Single(SummaryAssertions.Question(summary, Question).Groups).Quotes);
        Assert.Equal(("A1", "20, but 45 for complex cases", "20 minutes per case"), (quote.AnswerId, quote.Text, quote.Answered));
        Assert.Contains("    \"20, but 45 for complex cases\" — answered 20 minutes per case [A1]\n", SummaryText.Render(summary), StringComparison.Ordinal);
    }

    [Fact]
    public void A_small_groups_anonymous_figure_is_shown_but_not_the_words_typed_with_it()
    {
        const string Words = "Close to 20, more since my team lost two screeners in March";
        var d = LoneCaseworkerWith(Words);
        var summary = OfflineSummarizer.Summarize(d.Build(minGroupSize: 3));

        Assert.Equal(new NumberStats(1, 20, 20, 20), Assert.Single(summary.AddedLabour).ByGroup[0].Stats);
        Assert.Empty(SummaryAssertions.Question(summary, Question).Groups.Single(g => g.Group == StakeholderGroup.FrontlineWorker).Quotes);
        Assert.DoesNotContain("lost two screeners", SummaryText.Render(summary), StringComparison.Ordinal);
        Assert.Equal("20 minutes per case", RecordFacts.From(summary, d.Build(minGroupSize: 3)).Quotable.Values.Single(v => v.StartsWith("20 ", StringComparison.Ordinal)));

        // Once the group is large enough, the words are quoted like any written answer.
        var larger = OfflineSummarizer.Summarize(d.Build(minGroupSize: 1));
        Assert.Contains("lost two screeners", SummaryText.Render(larger), StringComparison.Ordinal);
    }

    internal static DeliberationBuilder LoneCaseworkerWith(string words)
    {
        var d = new DeliberationBuilder(Repo.QuickCheck, "Labour");
        d.Named("U1", StakeholderGroup.AgencyLeader, p => p.Number(Question, 2));
        d.Anonymous("anon:fw1", StakeholderGroup.FrontlineWorker, p => p.Number(Question, 20, words));
        return d;
    }

    [Fact]
    public void Figures_are_never_summed_across_people_or_groups()
    {
        var summary = OfflineSummarizer.Summarize(Fixtures.ScreeningTool().Build());
        var text = SummaryText.Render(summary);
        var section = text[text.IndexOf("ADDED FRONTLINE LABOUR", StringComparison.Ordinal)..text.IndexOf("GOALS AND INTENDED USE", StringComparison.Ordinal)];

        var labour = Assert.Single(summary.AddedLabour);
        Assert.Equal(
            "Frontline workers: 17.5 minutes per case (median of 4 people, from 12 to 25); agency leaders estimate 2.5 minutes per case (median of 2 people, from 2 to 3).",
            labour.Comparison.Text);
        Assert.DoesNotContain("total", section, StringComparison.OrdinalIgnoreCase);
        // The sums a total would show: frontline workers 72, agency leaders 5, everyone 82.
        Assert.DoesNotMatch(@"(?<![\d.])(72|82) minutes", section);
        Assert.DoesNotContain("leaders estimate 5 minutes", section, StringComparison.Ordinal);
        Assert.DoesNotContain("Agency leader: 5 minutes", section, StringComparison.Ordinal);

        Assert.Contains("  Research & development: 5 minutes per case (1 person)", section);
    }

    [Fact]
    public void Without_a_frontline_figure_or_a_leaders_estimate_the_sentence_says_so()
    {
        var leadersOnly = new DeliberationBuilder(Repo.QuickCheck, "Leaders only");
        leadersOnly.Named("U1", StakeholderGroup.AgencyLeader, p => p.Number(Question, 1));
        leadersOnly.Named("U2", StakeholderGroup.AgencyLeader, p => p.Number(Question, 4));
        leadersOnly.Named("U3", StakeholderGroup.AgencyLeader, p => p.Number(Question, 9));
        Assert.Equal("No frontline worker has given a figure; agency leaders estimate 4 minutes per case (median of 3 people, from 1 to 9).",
            Assert.Single(OfflineSummarizer.Summarize(leadersOnly.Build()).AddedLabour).Comparison.Text);

        var workersOnly = new DeliberationBuilder(Repo.QuickCheck, "Workers only");
        workersOnly.Anonymous("anon:1", StakeholderGroup.FrontlineWorker, p => p.Number(Question, 30));
        workersOnly.Anonymous("anon:2", StakeholderGroup.FrontlineWorker, p => p.Skip(Question));
        Assert.Equal("Frontline workers: 30 minutes per case (1 person); no leader has given an estimate.",
            Assert.Single(OfflineSummarizer.Summarize(workersOnly.Build()).AddedLabour).Comparison.Text);
    }
}
