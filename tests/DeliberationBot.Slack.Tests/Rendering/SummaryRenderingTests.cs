using System.Text.Json;
using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Summaries;
using DeliberationBot.Slack.Rendering;
using DeliberationBot.Slack.Tests.Infrastructure;

namespace DeliberationBot.Slack.Tests.Rendering;

/// <summary>What the summary tells a Slack channel about the model's left-out statements and about added labour.</summary>
public sealed class SummaryRenderingTests
{
    private static string Rendered(SummaryReport report)
    {
        var payload = MessageRenderer.Render(report).ToPayload();
        SlackLimitsAssert.Message(payload);
        return string.Join("\n", RecordedCall.StringsOf(JsonDocument.Parse(payload.ToJsonString()).RootElement));
    }

    [Fact]
    public void The_message_says_how_many_AI_statements_were_left_out()
    {
        var report = Samples.Summary("Predictive screening", 3);
        var model = report with { Summary = report.Summary with { Source = SummarySource.Model, DroppedStatements = 3, DroppedSuggestions = 1 } };

        Assert.Contains("3 AI statements and 1 AI suggestion were left out: they did not quote, word for word, at least 5 words of an answer they cite, " +
            "or they contradicted the record.", Rendered(model), StringComparison.Ordinal);
        Assert.Contains("Every AI statement quotes an answer it cites, word for word.",
            Rendered(report with { Summary = report.Summary with { Source = SummarySource.Model } }), StringComparison.Ordinal);
    }

    [Fact]
    public void How_many_people_and_answers_it_rests_on_is_shown_in_the_message_not_only_in_its_notification()
    {
        var report = Samples.Summary("Predictive screening", 3);

        // Slack shows a message's blocks; its text only in notifications.
        var blocks = MessageRenderer.Render(report).ToPayload()["blocks"]!.ToJsonString();
        var shown = RecordedCall.StringsOf(JsonDocument.Parse(blocks).RootElement).ToList();

        Assert.Contains(shown, s => s.Contains(SummaryText.CountsLine(report.Summary), StringComparison.Ordinal));
    }

    [Fact]
    public void Added_labour_is_given_per_group_with_frontline_workers_first_and_never_summed()
    {
        var text = Rendered(Samples.Summary("Predictive screening", 3));

        Assert.Contains("Frontline workers: 2 minutes per case (median of 3 people, from 1 to 3); agency leaders estimate 2 minutes per case", text, StringComparison.Ordinal);
        Assert.DoesNotContain("total", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Who_was_heard_is_a_grid_in_a_code_block_so_its_columns_line_up()
    {
        var report = Samples.Summary("Predictive screening", 3);
        var texts = Blocks.TextObjects(JsonDocument.Parse(MessageRenderer.Render(report).ToPayload().ToJsonString()).RootElement).ToList();

        var heading = texts.FindIndex(t => t.Text == SummaryText.VoicesHeading);
        Assert.True(heading >= 0);
        var (type, grid) = texts[heading + 1];
        Assert.Equal("mrkdwn", type);
        Assert.StartsWith("```\n  S1 = ", grid, StringComparison.Ordinal);
        Assert.EndsWith("\n```", grid, StringComparison.Ordinal);
        // Every row of the grid has its counts in the same columns.
        var rows = grid.Split('\n').Where(l => l.StartsWith("Frontline worker", StringComparison.Ordinal) || l.StartsWith("Agency leader", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal(rows[0].Length, rows[1].Length);
        var gaps = texts[heading + 2];
        Assert.Equal("plain_text", gaps.Type);
        Assert.Equal(string.Join("\n", SummaryText.VoicesGaps(report.Summary.VoicesHeard)), gaps.Text);
    }

    [Fact]
    public void A_section_title_that_would_end_the_code_block_early_is_shown_as_plain_text_instead()
    {
        var report = Samples.Summary("Predictive screening", 3);
        var voices = report.Summary.VoicesHeard;
        voices = voices with { Sections = [voices.Sections[0] with { Title = "Costs ``` and *who* pays" }, .. voices.Sections.Skip(1)] };
        report = report with { Summary = report.Summary with { VoicesHeard = voices } };
        var texts = Blocks.TextObjects(JsonDocument.Parse(MessageRenderer.Render(report).ToPayload().ToJsonString()).RootElement).ToList();

        var (type, grid) = texts[texts.FindIndex(t => t.Text == SummaryText.VoicesHeading) + 1];
        Assert.Equal("plain_text", type);
        Assert.Equal(SummaryText.VoicesGrid(voices).TrimEnd(), grid);
    }

    [Fact]
    public void A_suggested_concern_says_which_answers_it_rests_on_and_can_be_confirmed_or_dismissed()
    {
        var report = Samples.Summary("Predictive screening", 1) with
        {
            Suggestions = [new Suggestion(Guid.Empty, Samples.Id, 1, "Night staff <were> never told.", null, null, ["A1", "A4"], SuggestionStatus.Suggested, null, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch)],
            RestingOn = [new SuggestionQuotes(1, [new QuotedAnswer("A1", Core.Stakeholders.StakeholderGroup.FrontlineWorker, "Nights *differ* & <nobody> asked", false, false)])],
        };
        var texts = MessageRenderer.RenderPages(report).SelectMany(m => Blocks.TextObjects(JsonDocument.Parse(m.ToPayload().ToJsonString()).RootElement)).ToList();

        Assert.Contains(("mrkdwn", "*Suggested concern S1* (by the AI, not raised by anyone)\nNight staff &lt;were&gt; never told. [A1, A4]"), texts);
        Assert.Contains(("plain_text", "The answers it cites:\n\u201CNights *differ* & <nobody> asked\u201D — Frontline worker [A1]"), texts);
        Assert.Contains(texts, t => t.Text == "Confirm as a concern");
    }
}
