using System.Text.RegularExpressions;
using DeliberationBot.Core.Summaries;
using DeliberationBot.Teams.Cards;
using DeliberationBot.Teams.Tests.Infrastructure;

namespace DeliberationBot.Teams.Tests.Cards;

/// <summary>The summary card: its key parts, in order, and a long summary cut within Teams' message size.</summary>
public sealed class SummaryCardTests
{
    [Fact]
    public void The_key_parts_come_in_the_order_a_decision_maker_needs_them()
    {
        var text = Texts.Of(AdaptiveCardRenderer.Render(Samples.Summary("Hotline screening")));

        string[] order =
        [
            "Hotline screening", "12 participants, 80 answers", SummaryText.SourceLine(Samples.Summary("x").Summary),
            "Where groups disagree", "Disagreed: Hotline screening", "Frontline workers mostly said no",
            "Voices heard", "No community member or advocate has taken part.", "answered 1 of the 2 sections meant for them",
            "Added frontline labour", "Frontline workers: 9 minutes (median of 4 people, from 5 to 15); agency leaders estimate 2 minutes (1 person).",
            "Vendor", "3 minutes (1 person)",
            "Flagged concerns", "Goals Hotline screening", "Question 1: Hotline screening", "Concern 1.1: Hotline screening", "Concern 1.2: Hotline screening",
            "Question 2: Hotline screening",
            "What each group said", "Goals Hotline screening", "Question 1: Hotline screening", "Agency leader (7 answered)", "“Said 1.1: Hotline screening” \\[A150\\]",
            "Least like the others: “Apart 1.1: Hotline screening” \\[A160\\]", "3 more answers in their own words, in the whole record.", "Frontline worker (7 answered): 2 flagged as concerns, above", "“Said 1.2: Hotline screening”",
            "Most agency leaders said 1.", "Question 2: Hotline screening", "Said 2.1",
            "Suggested by the AI", @"\[suggested\] Error rates are unknown",
        ];
        var at = 0;
        foreach (var part in order)
        {
            var next = text.IndexOf(part, at, StringComparison.Ordinal);
            Assert.True(next >= 0, $"\"{part}\" missing or out of order in:\n{text}");
            at = next + part.Length;
        }

        // The comparison gives frontline workers' and leaders' figures; only the other groups are listed beneath it.
        Assert.Single(Regex.Matches(text, Regex.Escape("9 minutes (median of 4 people")));
        Assert.Single(Regex.Matches(text, Regex.Escape("2 minutes (1 person)")));
    }

    [Fact]
    public void Concerns_keep_their_group_and_the_answer_they_cite()
    {
        var text = Texts.Of(AdaptiveCardRenderer.Render(Samples.Summary("Hotline screening")));
        Assert.Contains("“Concern 2.2: Hotline screening” — Frontline worker \\[A202\\]", text, StringComparison.Ordinal);
        Assert.Contains("\\[A1, A2, A3\\]", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Words_given_with_an_option_are_quoted_as_written_and_the_option_said_beside_them()
    {
        var report = Samples.Summary("Hotline screening");
        var section = report.Summary.Sections[0];
        var question = section.Questions[0];
        var frontline = question.Groups[1];
        question = question with
        {
            Concerns = [question.Concerns[0] with { Text = "Not on nights; nobody there may.", Answered = "No" }],
            Groups = [question.Groups[0], frontline with { Quotes = [frontline.Quotes[0] with { Text = "The memo says otherwise.", Answered = "Not sure" }] }],
        };
        var text = Texts.Of(AdaptiveCardRenderer.Render(report with { Summary = report.Summary with { Sections = [section with { Questions = [question, .. section.Questions.Skip(1)] }] } }));

        Assert.Contains("“Not on nights; nobody there may.” — Frontline worker, who answered No \\[A101\\]", text, StringComparison.Ordinal);
        Assert.Contains("“The memo says otherwise.” — answered Not sure \\[A151\\]", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SummarySource.Offline, "Offline summary")]
    [InlineData(SummarySource.Model, "AI-assisted summary")]
    [InlineData(SummarySource.OfflineFallback, "The AI summary was unavailable (timeout)")]
    public void The_source_line_says_where_the_summary_comes_from(SummarySource source, string expected)
    {
        var text = Texts.Of(AdaptiveCardRenderer.Render(Samples.Summary("T", source: source)));
        Assert.Contains(expected, text, StringComparison.Ordinal);
        Assert.Equal(source == SummarySource.Model, text.Contains("Suggested by the AI", StringComparison.Ordinal));
    }

    [Fact]
    public void The_card_says_how_many_AI_statements_were_left_out()
    {
        var text = Texts.Of(AdaptiveCardRenderer.Render(Samples.Summary("T", dropped: 3)));
        Assert.Contains("3 AI statements were left out: they did not quote, word for word, at least 5 words of an answer they cite, or they contradicted the record.", text, StringComparison.Ordinal);

        var none = Texts.Of(AdaptiveCardRenderer.Render(Samples.Summary("T", dropped: 0)));
        Assert.Contains("Every AI statement quotes an answer it cites, word for word.", none, StringComparison.Ordinal);
    }

    [Fact]
    public void What_a_model_wrote_is_marked_as_such()
    {
        var report = Samples.Summary("T");
        var disagreement = report.Summary.Disagreements[0];
        var modelWritten = report with
        {
            Summary = report.Summary with { Disagreements = [disagreement with { Statement = disagreement.Statement with { Origin = StatementOrigin.Model } }] },
        };

        Assert.Contains("(AI) Frontline workers mostly said no", Texts.Of(AdaptiveCardRenderer.Render(modelWritten)), StringComparison.Ordinal);
        Assert.DoesNotContain("(AI) Frontline workers", Texts.Of(AdaptiveCardRenderer.Render(report)), StringComparison.Ordinal);
    }

    [Fact]
    public void Nobody_flagging_anything_is_said_rather_than_left_out()
    {
        var text = Texts.Of(AdaptiveCardRenderer.Render(Samples.Summary("T", concernsEach: 0)));
        Assert.Contains("Nobody flagged an answer as a concern.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_summary_is_split_into_parts_within_the_size_limit_with_every_quote_in_full()
    {
        var report = Samples.Summary("Hotline screening", questions: 40, concernsEach: 6, quoteLength: 1500);
        var activities = AdaptiveCardRenderer.Activities(report);

        Assert.True(activities.Count > 1);
        Assert.All(activities, a => Assert.InRange(CardPager.Bytes(a), 1, CardPager.MaxActivityBytes - CardPager.EnvelopeReserve + 200)); // + the summary line
        var lines = activities.SelectMany(a => RendererTests.TextBlocks(a)).ToList();
        foreach (var kept in new[] { "Where groups disagree", "Voices heard", "Added frontline labour", "Flagged concerns", "What each group said", "Suggested by the AI", "comes with **export**" })
        {
            Assert.Contains(lines, l => l.Contains(kept, StringComparison.Ordinal));
        }

        // Every flagged concern, word for word, under its question, and every group's quotes.
        var quote = "Hotline screening" + new string('x', 1500 - "Hotline screening".Length);
        foreach (var q in Enumerable.Range(1, 40))
        {
            foreach (var c in Enumerable.Range(1, 6))
            {
                Assert.Contains(lines, l => l.Contains($"Concern {q}.{c}: {quote}” — Frontline worker", StringComparison.Ordinal));
            }

            Assert.Contains(lines, l => l.Contains($"“Said {q}.1: {quote}”", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.Contains($"“Said {q}.2: {quote}”", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.Contains($"Least like the others: “Apart {q}.2: {quote}”", StringComparison.Ordinal));
        }

        Assert.All(activities.Skip(1), a => Assert.Equal("Summary of Hotline screening (continued)", RendererTests.TextBlocks(a).ElementAt(1)));
    }

    [Fact]
    public void A_kept_suggestion_has_Confirm_and_Dismiss_for_the_facilitator()
    {
        var now = TimeProvider.System.GetUtcNow();
        var report = Samples.Summary("T") with
        {
            Suggestions = [new Core.Concerns.Suggestion(Guid.NewGuid(), Samples.Id, 3, "Error rates are unknown", "goals", "q1", ["A4"], Core.Concerns.SuggestionStatus.Suggested, null, now, now)],
            RestingOn = [new SuggestionQuotes(3, [new QuotedAnswer("A4", Core.Stakeholders.StakeholderGroup.Vendor, "We never *measured* them", false, false)])],
        };

        var card = AdaptiveCardRenderer.Render(report);

        var lines = RendererTests.TextBlocks(card).ToList();
        var suggestion = lines.FindIndex(l => l.StartsWith("**S3** Error rates are unknown", StringComparison.Ordinal));
        Assert.True(suggestion >= 0);
        // What it rests on, before confirming it: the answer it cites, as the summary quotes it.
        Assert.Equal(["The answers it cites:", "\u201CWe never \\*measured\\* them\u201D — Vendor \\[A4\\]"], lines.Skip(suggestion + 1).Take(2));
        var buttons = RendererTests.Actions(card).Where(a => a["verb"]?.GetValue<string>() == "suggestion").ToList();
        Assert.Equal([("Confirm as a concern", "3", "true"), ("Dismiss", "3", "false")],
            buttons.Select(b => (b["title"]!.GetValue<string>(), b["data"]!["suggestion"]!.GetValue<string>(), b["data"]!["confirm"]!.GetValue<string>())));
    }
}
