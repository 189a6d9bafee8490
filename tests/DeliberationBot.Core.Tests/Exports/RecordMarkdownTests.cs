using System.Net;
using System.Text.RegularExpressions;
using DeliberationBot.Core.Exports;

namespace DeliberationBot.Core.Tests.Exports;

/// <summary>The Markdown export read by a CommonMark parser, as a viewer would show it.</summary>
public sealed partial class RecordMarkdownTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private const string Answer = "We enter every call twice.\r\n\r\n1. First in the case system,  then\n=== again on paper.";
    private const string Concern = "Nobody asked the night shift.\n- Who checks the score?";
    private const string Response = "We will ask them.\n2. Then decide.";
    private const string Rationale = "Go, with conditions.\nSee #3.";

    private static DeliberationRecord Record() => new(
        Guid.NewGuid(), "Hotline screening", null, "Closed", At, At.AddDays(3), null, "AnonymousAllowed", "Fiona", ["Maria"],
        new RecordFlow("ai-proposal", "1", "AI proposal"),
        [new RecordQuestion("Workload", "q1", "What does it add?", [new RecordAnswer("Frontline worker", "Ana", Answer, FlaggedConcern: false)], [])],
        [new RecordConcern(1, "Concern", Concern, null, ["Frontline worker"], 1, "Addressed", Response, null, null, []) { Voices = [new RecordVoice(Concern, "Frontline worker (Ana)")] }],
        new RecordDecision("Go", Rationale, "Dana", At.AddDays(3)),
        null);

    [Fact]
    public void A_persons_line_breaks_are_kept_without_changing_the_documents_structure()
    {
        var html = Markdig.Markdown.ToHtml(RecordMarkdown.Render(Record()));

        // Each text is in its one place, its lines joined by hard breaks: no list, heading or quote came out of its words.
        Assert.Contains("<li>Ana, Frontline worker: We enter every call twice.<br />\n<br />\n1. First in the case system,  then<br />\n=== again on paper.</li>", html, StringComparison.Ordinal);
        Assert.Contains("<blockquote>\n<p>\u201CNobody asked the night shift.<br />\n- Who checks the score?\u201D — Frontline worker (Ana)</p>\n</blockquote>", html, StringComparison.Ordinal);
        Assert.Contains("<li>Response: We will ask them.<br />\n2. Then decide.</li>", html, StringComparison.Ordinal);
        Assert.Contains("<p><strong>Go</strong>, by Dana on 2026-12-04 09:00 UTC: Go, with conditions.<br />\nSee #3.</p>", html, StringComparison.Ordinal);
        Assert.Equal(["Hotline screening", "Decision", "Concerns", "Concern #1", "Answers", "Workload"], Headings().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)));
        Assert.Single(Blockquotes().Matches(html));
    }

    [Fact]
    public void The_decision_is_read_with_its_conditions()
    {
        var record = Record() with
        {
            Concerns = [.. Record().Concerns, new RecordConcern(2, "Condition", "Pilot in one office.\n- Then decide.", null, [], 1, "Open", null, "Maria", new DateOnly(2027, 1, 15), [])],
        };

        var html = Markdig.Markdown.ToHtml(RecordMarkdown.Render(record));

        var decision = html[html.IndexOf("<h2", StringComparison.Ordinal)..html.IndexOf("Concerns</h2>", StringComparison.Ordinal)];
        Assert.Contains("<li>#2: Pilot in one office.<br />\n- Then decide. — owner Maria, due 2027-01-15; Open</li>", decision, StringComparison.Ordinal);
        Assert.DoesNotContain("#1", decision, StringComparison.Ordinal);
    }

    [Fact]
    public void Words_given_on_reopening_follow_the_question_and_the_earlier_response_is_labelled_so()
    {
        var reopened = new RecordConcern(1, "Concern", "No", "Daily work", ["Frontline worker"], 1, "Open", "Workers can always override.", null, null, [])
        {
            Question = "Can workers set aside the tool's score?",
            Voices = [new RecordVoice("No", "Frontline worker (Ana)"), new RecordVoice("Not on the night shift: nobody there may.", "Frontline worker (Ana), on reopening it") { Reopening = true }],
        };
        var html = Markdig.Markdown.ToHtml(RecordMarkdown.Render(Record() with { Concerns = [reopened] }));

        var said = html.IndexOf("\u201CNo\u201D — Frontline worker (Ana)</p>", StringComparison.Ordinal);
        var question = html.IndexOf("<li>On: Can workers set aside the tool's score?</li>", StringComparison.Ordinal);
        var onReopening = html.IndexOf("\u201CNot on the night shift: nobody there may.\u201D — Frontline worker (Ana), on reopening it</p>", StringComparison.Ordinal);
        var response = html.IndexOf("<li>Response, before it was reopened: Workers can always override.</li>", StringComparison.Ordinal);
        Assert.True(said >= 0 && said < question && question < onReopening && onReopening < response, html);
    }

    [Fact]
    public void Each_earlier_response_stays_in_its_step_of_the_history_with_its_line_breaks()
    {
        var concern = Record().Concerns[0] with
        {
            History =
            [
                new RecordEvent(At, "concern.addressed", "Maria") { Words = Response },
                new RecordEvent(At.AddHours(1), "concern.reopened", "Ana"),
                new RecordEvent(At.AddHours(2), "concern.addressed", "Maria") { Words = "Asked, and answered." },
            ],
            Response = "Asked, and answered.",
        };
        var html = Markdig.Markdown.ToHtml(RecordMarkdown.Render(Record() with { Concerns = [concern] }));

        Assert.Contains("<li>2026-12-01 09:00 UTC concern.addressed — Maria: We will ask them.<br />\n2. Then decide.</li>", html, StringComparison.Ordinal);
        Assert.Contains("<li>2026-12-01 10:00 UTC concern.reopened — Ana</li>", html, StringComparison.Ordinal);
        // The latest is the concern's response, given once above the history.
        Assert.Contains("<li>2026-12-01 11:00 UTC concern.addressed — Maria</li>", html, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(html, "Asked, and answered"));
    }

    [Fact]
    public void Words_merged_in_from_another_question_say_which_question_they_answered()
    {
        var merged = new RecordConcern(1, "Concern", Concern, "Daily work", ["Frontline worker"], 2, "Open", null, null, null, [])
        {
            Question = "What changes for you?",
            Voices = [new RecordVoice("It adds twenty minutes.", "Frontline worker (Ana)"), new RecordVoice("25", "Frontline worker (anonymous)") { Answering = "Minutes added per case?" }],
        };
        var html = Markdig.Markdown.ToHtml(RecordMarkdown.Render(Record() with { Concerns = [merged] }));

        Assert.Contains("\u201CIt adds twenty minutes.\u201D — Frontline worker (Ana)</p>", html, StringComparison.Ordinal);
        Assert.Contains("\u201C25\u201D — Frontline worker (anonymous), answering \u201CMinutes added per case?\u201D</p>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_summary_is_shown_exactly_as_written_columns_and_quotes_included()
    {
        const string summary = "VOICES HEARD\n                    S1   S2\nFrontline worker   3/3    0\n  \"Typed ```twice``` by <b>hand</b>,  * not bold *\n\n  second line\"";
        var html = Markdig.Markdown.ToHtml(RecordMarkdown.Render(Record() with { Summary = summary }));

        var code = Assert.Single(CodeBlocks().Matches(html));
        Assert.Equal(summary + "\n", WebUtility.HtmlDecode(code.Groups[1].Value));
    }

    [Fact]
    public void A_heading_stays_on_one_line()
    {
        var markdown = RecordMarkdown.Render(Record() with { Title = "Hotline\nscreening" });
        Assert.StartsWith("# Hotline screening\n", markdown.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [GeneratedRegex("<h[1-6][^>]*>(.*?)</h[1-6]>")]
    private static partial Regex Headings();

    [GeneratedRegex("<pre><code class=\"language-text\">(.*?)</code></pre>", RegexOptions.Singleline)]
    private static partial Regex CodeBlocks();

    [GeneratedRegex("<blockquote>")]
    private static partial Regex Blockquotes();
}
