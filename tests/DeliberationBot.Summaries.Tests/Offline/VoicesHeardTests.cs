using DeliberationBot.Core.Stakeholders;
using DeliberationBot.Core.Summaries;
using DeliberationBot.Summaries.Tests.Support;

namespace DeliberationBot.Summaries.Tests.Offline;

public sealed class VoicesHeardTests
{
    [Fact]
    public void The_matrix_counts_participants_and_answers_per_group_and_section()
    {
        var voices = OfflineSummarizer.Summarize(Fixtures.ScreeningTool().Build()).VoicesHeard;

        Assert.Equal(Repo.AiProposal.Sections.Select(s => s.Id), voices.Sections.Select(s => s.SectionId));
        Assert.Equal(Enum.GetValues<StakeholderGroup>(), voices.Rows.Select(r => r.Group));
        Assert.Equal([2, 1, 0, 4, 1, 2, 0, 0], voices.Rows.Select(r => r.Participants));

        var frontline = voices.Rows.Single(r => r.Group == StakeholderGroup.FrontlineWorker);
        var daily = frontline.Cells.Single(c => c.SectionId == "frontline-work");
        Assert.Equal((4, 32, true), (daily.Participants, daily.Answers, daily.Asked));
        var legal = frontline.Cells.Single(c => c.SectionId == "legal-exposure");
        Assert.Equal((0, 0, false), (legal.Participants, legal.Answers, legal.Asked));

        var community = voices.Rows.Single(r => r.Group == StakeholderGroup.Community);
        Assert.Equal([0, 0, 0, 0, 0, 0, 5, 2], community.Cells.Select(c => c.Answers));
        Assert.Equal([0, 0, 0, 0, 0, 0, 2, 2], community.Cells.Select(c => c.Participants));
    }

    [Fact]
    public void Gaps_name_absent_groups_and_sections_meant_for_a_group_it_left_unanswered()
    {
        var voices = OfflineSummarizer.Summarize(Fixtures.ScreeningTool().Build()).VoicesHeard;

        Assert.Equal(
        [
            "No frontline leader has taken part.",
            "No vendor has taken part.",
            "No agency leader has answered any question in \"The vendor and the contract\".",
            "No agency leader has answered any question in \"Data and how the model is built\".",
            "No research & development staff member has answered any question in \"People affected by the tool\".",
        ], voices.Gaps.Select(g => g.Text));
        Assert.Equal((VoiceGapKind.GroupAbsent, StakeholderGroup.FrontlineLeader, (string?)null), (voices.Gaps[0].Kind, voices.Gaps[0].Group, voices.Gaps[0].SectionId));
        Assert.Equal((VoiceGapKind.SectionUnanswered, "vendor-and-contract"), (voices.Gaps[2].Kind, voices.Gaps[2].SectionId));
    }

    [Fact]
    public void A_missing_community_and_skipped_frontline_questions_are_named()
    {
        var summary = OfflineSummarizer.Summarize(Fixtures.BenefitsChatbot().Build());

        Assert.Equal(
        [
            "No frontline leader has taken part.",
            "No community member or advocate has taken part.",
            "No frontline worker has answered any question in \"Daily work\".",
        ], summary.VoicesHeard.Gaps.Select(g => g.Text));
        var daily = summary.VoicesHeard.Rows.Single(r => r.Group == StakeholderGroup.FrontlineWorker).Cells.Single(c => c.SectionId == "daily-work");
        Assert.Equal((0, 0, true), (daily.Participants, daily.Answers, daily.Asked));
        Assert.Contains("- No community member or advocate has taken part.", SummaryText.Render(summary));
    }

    [Fact]
    public void Nobody_at_all_means_every_expected_group_is_a_gap()
    {
        var summary = OfflineSummarizer.Summarize(new DeliberationBuilder(Repo.QuickCheck, "Empty").Build());

        Assert.Equal(
        [
            "No agency leader has taken part.",
            "No research & development staff member has taken part.",
            "No frontline leader has taken part.",
            "No frontline worker has taken part.",
            "No community member or advocate has taken part.",
        ], summary.VoicesHeard.Gaps.Select(g => g.Text));
        Assert.Empty(summary.Sections);
        Assert.Empty(summary.Disagreements);
        Assert.Empty(summary.AddedLabour);
    }
}
