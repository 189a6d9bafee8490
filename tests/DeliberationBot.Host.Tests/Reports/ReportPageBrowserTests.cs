using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Stakeholders;
using Microsoft.Playwright;

namespace DeliberationBot.Host.Tests.Reports;

/// <summary>The page in a real browser: WCAG 2.2 AA by axe, keyboard order and focus, charts that match the record, weight.</summary>
[Collection(ReportPagesCollection.Name)]
public sealed class ReportPageBrowserTests(ReportPages pages)
{
    [Theory]
    [InlineData("small", 320)]
    [InlineData("small", 1280)]
    [InlineData("large", 320)]
    [InlineData("large", 1280)]
    [InlineData("answers", 320)]
    [InlineData("answers", 1280)]
    public async Task The_page_has_no_axe_violation_at_wcag_2_2_aa_and_asks_nothing_of_other_sites(string size, int width)
    {
        var sample = size == "small" ? pages.Small : pages.Large;
        var url = pages.PageUrl(sample, ReportPages.Facilitator) + (size == "answers" ? "&answers=1" : "");
        await using var context = await pages.Browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = 900 }, BaseURL = pages.BaseUrl });
        var page = await context.NewPageAsync();
        var requests = new List<string>();
        page.Request += (_, request) => requests.Add(request.Url);

        var response = await page.GotoAsync(url);
        Assert.Equal(200, response!.Status);
        if (size == "answers")
        {
            await page.Locator("details").First.Locator("summary").ClickAsync(); // one question opened, as a reader would
        }

        var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"] } });
        Assert.True(result.Violations.Length == 0, string.Join("\n", result.Violations.Select(v => $"{v.Id}: {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => n.Target?.ToString()))}")));
        Assert.All(requests, url => Assert.StartsWith(pages.BaseUrl, url, StringComparison.Ordinal));
        Assert.Equal(0, await page.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth")); // no sideways page scroll
        Assert.Empty(await page.EvaluateAsync<string[]>(WordsBrokenInTables)); // "Local businesses", never "businesse / s"
        Assert.Empty(await page.EvaluateAsync<string[]>( // a table that scrolls sideways keeps its caption readable on the screen
            "[...document.querySelectorAll('caption')].filter(c => c.getBoundingClientRect().right > document.documentElement.clientWidth + 1).map(c => c.textContent)"));

        await page.ScreenshotAsync(new() { Path = Path.Combine(ReportPages.ScreenshotFolder, $"{size}-{width}px.png"), FullPage = true, Timeout = 120_000 });
        if (width == 1280)
        {
            // What a printer gets, on both paper sizes: the print stylesheet, nothing cut at the edges.
            await page.EmulateMediaAsync(new() { Media = Media.Print });
            Assert.Equal(0, await page.EvaluateAsync<int>("[...document.querySelectorAll('svg.chart, table')].filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1).length"));
            foreach (var paper in new[] { "A4", "Letter" })
            {
                await page.PdfAsync(new() { Path = Path.Combine(ReportPages.ScreenshotFolder, $"{size}-{paper}.pdf"), Format = paper, PrintBackground = true });
            }
        }
    }

    /// <summary>Each word in a table's cells that the browser drew across more than one line.</summary>
    private const string WordsBrokenInTables = """
        [...document.querySelectorAll('th, td')].flatMap(cell => {
          const broken = [], texts = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
          for (let node; (node = texts.nextNode());) {
            for (const word of node.data.matchAll(/\S+/g)) {
              const range = document.createRange();
              range.setStart(node, word.index);
              range.setEnd(node, word.index + word[0].length);
              if (new Set([...range.getClientRects()].map(r => Math.round(r.top))).size > 1) broken.push(word[0]);
            }
          }
          return broken;
        })
        """;

    [Fact]
    public async Task Tab_follows_the_reading_order_and_every_stop_shows_a_visible_focus()
    {
        await using var context = await pages.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 }, BaseURL = pages.BaseUrl });
        var page = await context.NewPageAsync();
        await page.GotoAsync(pages.PageUrl(pages.Small, ReportPages.Facilitator));
        var expected = await page.EvaluateAsync<string[]>(
            "[...document.querySelectorAll('a[href], [tabindex=\"0\"]')].map(e => e.outerHTML.slice(0, 80))");

        var visited = new List<string>();
        for (var i = 0; i < expected.Length; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focus = await page.EvaluateAsync<string[]>(
                "(() => { const e = document.activeElement, s = getComputedStyle(e); return [e.outerHTML.slice(0, 80), s.outlineStyle, s.outlineWidth, s.boxShadow]; })()");
            visited.Add(focus[0]);
            Assert.True(focus[1] != "none" && focus[2] != "0px" || focus[3] != "none", $"No visible focus on {focus[0]}");
        }

        Assert.Equal(expected, visited);
        Assert.Contains(expected, e => e.Contains("Skip to the content", StringComparison.Ordinal));
        Assert.StartsWith("<a class=\"skip\"", expected[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_chart_shows_the_numbers_of_the_record()
    {
        var s = pages.Large;
        await using var context = await pages.Browser.NewContextAsync(new() { BaseURL = pages.BaseUrl });
        var page = await context.NewPageAsync();
        await page.GotoAsync(pages.PageUrl(s, ReportPages.Owner));

        // Voices heard: people of each group who answered each section (no group here is under the minimum size).
        var heat = await Rows(page, "table.heat");
        foreach (var group in new[] { StakeholderGroup.FrontlineWorker, StakeholderGroup.Vendor })
        {
            var row = heat.Single(r => r[0].StartsWith(group.Label() + " (", StringComparison.Ordinal));
            Assert.Equal($"{group.Label()} ({s.Participants.Count(p => p.Group == group)})", row[0]);
            var expected = s.Flow.Sections.Select(section => s.Answers
                .Where(a => a.Group == group && !a.Value.Skipped && s.Flow.FindQuestion(a.QuestionId)!.SectionId == section.Id)
                .Select(a => a.ParticipantKey).Distinct().Count()).ToList();
            Assert.Equal(expected, row.Skip(1).Select(c => c == "–" ? 0 : int.Parse(c, CultureInfo.InvariantCulture)));
        }

        // Added labour: frontline workers first, median and range of their minutes.
        var labourQuestion = s.Flow.Questions.First(q => q.Kind == Core.Flows.AnswerKind.Number && q.Unit?.Contains("minute", StringComparison.Ordinal) == true);
        var minutes = s.Answers.Where(a => a.QuestionId == labourQuestion.Id && a.Group == StakeholderGroup.FrontlineWorker).Select(a => a.Value.Number!.Value).Order().ToList();
        var median = minutes.Count % 2 == 1 ? minutes[minutes.Count / 2] : (minutes[(minutes.Count / 2) - 1] + minutes[minutes.Count / 2]) / 2;
        var labour = await Rows(page, "#labour ~ figure table");
        Assert.Equal([StakeholderGroup.FrontlineWorker.Label(), minutes.Count.ToString(CultureInfo.InvariantCulture), Number(median), Number(minutes[0]), Number(minutes[^1])], labour[0]);

        // Where groups disagree: the first chart's counts per group and option, from the answers.
        var chart = page.Locator("#disagreements ~ figure").First;
        var caption = await chart.Locator("figcaption").InnerTextAsync();
        var question = s.Flow.Questions.Single(q => caption.StartsWith(q.Text + " (", StringComparison.Ordinal));
        foreach (var row in await Rows(chart, "table"))
        {
            var group = StakeholderGroups.All.Single(g => g.Label == row[0]).Group;
            var counts = question.EffectiveOptions.Select(o => s.Answers.Count(a => a.QuestionId == question.Id && a.Group == group && a.Value.ComparableTokens().Contains(o.Id))).ToList();
            Assert.Equal([.. counts.Select(c => c.ToString(CultureInfo.InvariantCulture)), counts.Sum().ToString(CultureInfo.InvariantCulture)], row.Skip(1));
        }

        // Concerns over time: today's row is the concerns as they stand.
        var today = (await Rows(page, "#concerns-over-time ~ figure table"))[^1];
        Assert.Equal(
            [s.Concerns.Count(c => c.Status is ConcernStatus.Open or ConcernStatus.Acknowledged), s.Concerns.Count(c => c.IsAwaitingRaisers), s.Concerns.Count(c => !c.IsUnresolved)],
            today.Skip(1).Select(c => int.Parse(c, CultureInfo.InvariantCulture)));
        Assert.Equal(s.Concerns.Count, await page.Locator("#concerns ~ article").CountAsync());
    }

    [Fact]
    public async Task The_large_page_weighs_under_150_KB_as_HTML_and_far_less_as_sent()
    {
        using var handler = new HttpClientHandler { AutomaticDecompression = System.Net.DecompressionMethods.None };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(pages.BaseUrl) };
        http.DefaultRequestHeaders.AcceptEncoding.ParseAdd("br, gzip");
        using var page = await http.GetAsync(pages.PageUrl(pages.Large, ReportPages.Facilitator));
        using var css = await http.GetAsync("/d/report.css");
        var sent = (await page.Content.ReadAsByteArrayAsync()).Length + (await css.Content.ReadAsByteArrayAsync()).Length;
        Assert.Equal(["br", "br"], [.. page.Content.Headers.ContentEncoding, .. css.Content.Headers.ContentEncoding]);
        Assert.True(sent < 40 * 1024, $"{sent} bytes sent");

        // Uncompressed, as a browser holds it, the facilitator's page (the heaviest reader's) with every chart and concern.
        using var plain = pages.Factory.CreateClient();
        var html = await plain.GetByteArrayAsync(pages.PageUrl(pages.Large, ReportPages.Facilitator));
        await File.WriteAllBytesAsync(Path.Combine(ReportPages.ScreenshotFolder, "large.html"), html);
        Assert.True(html.Length < 150 * 1024, $"{html.Length} bytes of HTML");
    }

    [Fact]
    public async Task The_facilitator_finds_every_answer_the_rules_allow_on_the_pages_of_answers_and_no_anonymous_one_is_named()
    {
        var s = pages.Large;
        using var http = pages.Factory.CreateClient();
        var url = pages.PageUrl(s, ReportPages.Facilitator);
        var main = await http.GetStringAsync(url);
        var sections = Regex.Matches(main, "answers=(\\d+)\">([^<]+)</a>").Select(m => WebUtility.HtmlDecode(m.Groups[2].Value)).ToList();
        Assert.Equal(s.Flow.Sections.Select(x => x.Title), sections); // every section of the flow was answered, each has its link

        // From the first page of answers to the last, by "Next page", as a reader would.
        var shown = new List<(string Answer, string By)>();
        for (var number = 1; ; number++)
        {
            var html = await http.GetStringAsync($"{url}&answers={number}");
            Assert.True(html.Length < 150 * 1024, $"page {number} of answers: {html.Length} characters");
            shown.AddRange(Regex.Matches(html, "<li>(.*?)<span class=\"by\"> — (.*?)</span></li>")
                .Select(m => (WebUtility.HtmlDecode(m.Groups[1].Value), WebUtility.HtmlDecode(m.Groups[2].Value))));
            if (!html.Contains($"&amp;answers={number + 1}\">Next page</a>", StringComparison.Ordinal))
            {
                Assert.True(number > 1, "the answers of 200 people take several pages");
                break;
            }
        }

        // Every group here has at least three anonymous people, so every answer given is shown: by name, or by group only.
        Assert.All(s.Participants.Where(p => p.Anonymous).GroupBy(p => p.Group), g => Assert.True(g.Count() >= 3));
        var people = s.Participants.ToDictionary(p => p.Key);
        var expected = s.Answers.Where(a => !a.Value.Skipped).Select(a =>
        {
            var p = people[a.ParticipantKey];
            var by = (p.Anonymous ? "anonymous" : p.DisplayName) + ", " + a.Group.Label() + (a.FlaggedConcern ? ", flagged as a concern" : "");
            return (Core.Flows.AnswerParser.Describe(s.Flow.FindQuestion(a.QuestionId)!, a.Value), by);
        });
        Assert.Equal(expected.Order(), shown.Order());
    }

    [Fact]
    public async Task Answers_and_concerns_show_their_line_breaks_and_spacing_as_written()
    {
        var s = pages.Large;
        var written = s.Answers.Where(a => a.Value.Text?.Contains('\n', StringComparison.Ordinal) == true).Select(a => a.Value.Text!).ToHashSet();
        Assert.NotEmpty(written);
        await using var context = await pages.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 }, BaseURL = pages.BaseUrl });
        var page = await context.NewPageAsync();

        // innerText is the text as rendered: a line break the page collapsed would read as a space.
        await page.GotoAsync(pages.PageUrl(s, ReportPages.Facilitator) + "&answers=1");
        foreach (var summary in await page.Locator("details > summary").AllAsync())
        {
            await summary.ClickAsync();
        }

        var shown = (await page.Locator("ul.answers > li").AllInnerTextsAsync()).Select(t => t[..t.LastIndexOf(" — ", StringComparison.Ordinal)]).ToList();
        Assert.Contains(shown, written.Contains);

        var flagged = s.Concerns.Where(c => c.Text.Contains('\n', StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(flagged);
        await page.GotoAsync(pages.PageUrl(s, ReportPages.Facilitator));
        var quotes = await page.Locator("#concerns ~ article blockquote").AllInnerTextsAsync();
        Assert.All(flagged, c => Assert.Contains(quotes, q => q.StartsWith(c.Text + " — ", StringComparison.Ordinal)));

        // The summary's quotes (on the small page every answer of a group of one or two is quoted): each on its own line
        // under its group, as written (innerText has no CSS quotation marks).
        var small = pages.Small.Answers.Select(a => a.Value.Text).OfType<string>().ToHashSet();
        await page.GotoAsync(pages.PageUrl(pages.Small, ReportPages.Facilitator));
        var summaryQuotes = await page.Locator("#summary ~ * li > q").AllInnerTextsAsync();
        Assert.All(summaryQuotes, q => Assert.Contains(q, small));
        Assert.Contains(summaryQuotes, q => q.Contains('\n', StringComparison.Ordinal));
        var group = page.Locator("li:has(> q)").First;
        var firstQuote = await group.Locator("> q").First.InnerTextAsync();
        Assert.Equal(firstQuote.Split('\n')[0], (await group.InnerTextAsync()).Split('\n')[1]); // the group's label alone on the line above
    }

    private static async Task<List<string[]>> Rows(IPage page, string table) => await Rows(page.Locator(table).First, null);

    private static async Task<List<string[]>> Rows(ILocator scope, string? table)
    {
        var rows = (table is null ? scope : scope.Locator(table).First).Locator("tbody tr");
        var result = new List<string[]>();
        for (var i = 0; i < await rows.CountAsync(); i++)
        {
            result.Add([.. (await rows.Nth(i).Locator("th, td").AllInnerTextsAsync()).Select(t => t.Trim())]);
        }

        return result;
    }

    private static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
