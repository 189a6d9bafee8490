using DeliberationBot.Core.Community;
using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Stakeholders;
using Microsoft.Playwright;
using static DeliberationBot.Host.Tests.Community.CommunityPages;

namespace DeliberationBot.Host.Tests.Community;

/// <summary>The public page in a real browser: a resident's whole visit by keyboard at 320 px, axe on every page, no JavaScript needed.</summary>
[Collection(CommunityPagesCollection.Name)]
public sealed class CommunityPageBrowserTests(CommunityPages pages)
{
    // Markup, an ampersand, a line break and a double space: all shown and stored as typed.
    private const string Words = "Necesitamos una oficina para reclamar <b>ya</b> & sin esperar.\nY que alguien conteste,  en persona.";

    [Fact]
    public async Task A_resident_answers_in_Spanish_at_320px_by_keyboard_flags_one_answer_leaves_and_comes_back_to_change_it()
    {
        var (room, link) = await pages.InviteAsync();
        await using var context = await pages.NewContextAsync(new() { ViewportSize = new() { Width = 320, Height = 640 }, BaseURL = pages.BaseUrl, Locale = "es-MX" });
        var page = await context.NewPageAsync();
        var requests = new List<string>();
        page.Request += (_, request) => requests.Add(request.Url);

        Assert.Equal(200, (await page.GotoAsync(link.Page.PathAndQuery))!.Status);
        Assert.Equal("es", await page.GetAttributeAsync("html", "lang"));
        Assert.Contains("Dé su opinión", await page.TitleAsync(), StringComparison.Ordinal);
        Assert.Contains("2099", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        await Step(page, "es-intro");
        await TabToAsync(page, "a.button");
        await page.Keyboard.PressAsync("Enter");

        // 1 of 3: may people appeal? "No", flagged as a concern.
        await CommunityPages.ArriveAtAsync(page, "**/q/can-appeal?lang=es");
        Assert.Equal("¿Pueden las personas reclamar o apelar una decisión en la que influyó la herramienta?", await page.InnerTextAsync("h1"));
        Assert.Contains("Pregunta 1 de 2", await page.InnerTextAsync(".progress"), StringComparison.Ordinal);
        await Step(page, "es-question-choice");
        await TabToAsync(page, "input[name=choice]");
        await page.Keyboard.PressAsync("Space");
        await page.Keyboard.PressAsync("ArrowDown");
        await TabToAsync(page, "#flag");
        await page.Keyboard.PressAsync("Space");
        await TabToAsync(page, "button[type=submit]");
        await page.Keyboard.PressAsync("Enter");

        await CommunityPages.ArriveAtAsync(page, "**/flagged/can-appeal?lang=es");
        Assert.Equal("No", (await page.InnerTextAsync("blockquote p")).Trim());
        await Step(page, "es-flagged");
        await TabToAsync(page, "a.button");
        await page.Keyboard.PressAsync("Enter");

        // The follow-up opened by "No", in the resident's own words.
        await CommunityPages.ArriveAtAsync(page, "**/q/appeal-what-would-change?lang=es");
        Assert.Contains("Pregunta 2 de 3", await page.InnerTextAsync(".progress"), StringComparison.Ordinal);
        await TabToAsync(page, "button[type=submit]");
        await page.Keyboard.PressAsync("Enter"); // nothing written: the error summary says what to do
        await page.WaitForSelectorAsync(".error-summary");
        Assert.StartsWith("Error:", await page.TitleAsync(), StringComparison.Ordinal);
        await Step(page, "es-question-error");
        await TabToAsync(page, "#answer");
        await page.Keyboard.TypeAsync(Words);
        await TabToAsync(page, "button[type=submit]");
        await page.Keyboard.PressAsync("Enter");

        await CommunityPages.ArriveAtAsync(page, "**/q/communities-asked?lang=es");
        await TabToAsync(page, "input[name=choice]");
        await page.Keyboard.PressAsync("Space");
        await TabToAsync(page, "button[type=submit]");
        await page.Keyboard.PressAsync("Enter");

        await CommunityPages.ArriveAtAsync(page, "**/answers?lang=es");
        var review = await page.InnerTextAsync("dl.answers");
        Assert.Contains(Words, review, StringComparison.Ordinal); // shown as text, not markup, with its line break and spacing
        Assert.Contains("Enviada como preocupación", review, StringComparison.Ordinal);
        await Step(page, "es-answers");
        await TabToAsync(page, "a.button");
        await page.Keyboard.PressAsync("Enter");

        await CommunityPages.ArriveAtAsync(page, "**/done?lang=es");
        Assert.Contains("2099", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        await Step(page, "es-done");
        await TabToAsync(page, "#contact");
        await page.Keyboard.TypeAsync("vecina@example.org");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync(".confirmation");

        // Leaves, comes back later on the same phone, and changes the first answer to "Sí".
        await page.CloseAsync();
        page = await context.NewPageAsync();
        await page.GotoAsync(link.Page.PathAndQuery);
        await TabToAsync(page, "a.button");
        await page.Keyboard.PressAsync("Enter");
        await CommunityPages.ArriveAtAsync(page, "**/answers?lang=es");
        await TabToAsync(page, "a[href*='/q/can-appeal']");
        await page.Keyboard.PressAsync("Enter");
        await CommunityPages.ArriveAtAsync(page, "**/q/can-appeal?lang=es");
        Assert.True(await page.IsCheckedAsync("input[value=no]"));
        await TabToAsync(page, "input[name=choice]:checked");
        await page.Keyboard.PressAsync("ArrowUp");
        await TabToAsync(page, "button[type=submit]");
        await page.Keyboard.PressAsync("Enter");
        await CommunityPages.ArriveAtAsync(page, "**/flagged/can-appeal?lang=es");
        Assert.Equal("Yes", (await page.InnerTextAsync("blockquote p")).Trim()); // the owners read the agency's own wording

        Assert.All(requests, url => Assert.StartsWith(pages.BaseUrl, url, StringComparison.Ordinal));

        // What the agency holds: one anonymous community member from the public page, the changed answer, the address apart.
        var d = link.DeliberationId;
        var visitor = Assert.Single(await pages.Store.ListParticipantsAsync(Ws, d, default));
        Assert.Equal((StakeholderGroup.Community, true, true, (string?)null), (visitor.Group, visitor.Anonymous, visitor.ViaPublicPage, visitor.UserId));
        var answers = await pages.Store.ListAnswersAsync(Ws, d, default);
        var appeal = answers.Single(a => a.QuestionId == "can-appeal");
        Assert.Equal(["yes"], appeal.Value.Choices);
        Assert.Equal((2, true), (appeal.Revision, appeal.FlaggedConcern));
        Assert.Equal(Words, answers.Single(a => a.QuestionId == "appeal-what-would-change").Value.Text);
        Assert.Equal(("vecina@example.org", "es"), (await pages.Store.ListContactsAsync(Ws, d, default)) is [var c] ? (c.Address, c.Language) : default);

        // The facilitator sees them in status and in the summary.
        var status = Assert.IsType<StatusReport>(await pages.RunAsync(room, "status"));
        Assert.Equal(new CommunityStatus(InvitationState.Open, 1, 3), status.Community);
        Assert.Contains(status.Progress.ByGroup, g => g.Group == StakeholderGroup.Community && g.Participants == 1);
        var concerns = (await pages.Commands.HandleAsync(Dana, room, "concerns", null, "concerns-" + d, default)).Replies.OfType<ConcernList>().Single();
        Assert.Contains(concerns.Concerns, c => c.Voices.Any(v => v.Group == StakeholderGroup.Community && v.Name is null && v.Text == "Yes"));
        var reportPage = await (await context.APIRequest.GetAsync(pages.BaseUrl + ReportPath(d))).TextAsync();
        Assert.Contains($"{StakeholderGroup.Community.Label()} (1)", reportPage, StringComparison.Ordinal); // a row of the voices-heard heat map
        Assert.Contains("1 of the people who took part answered on the public community page", reportPage, StringComparison.Ordinal);
        await pages.RunAsync(room, "close");
        await pages.Factory.DeliverAsync();
        var summary = (Core.Summaries.SummaryReport)pages.Factory.Channel.Sent.Last(s => s.Message.Message is Core.Summaries.SummaryReport r && r.DeliberationId == d).Message.Message;
        Assert.Contains(summary.Summary.VoicesHeard.Rows, r => r.Group == StakeholderGroup.Community && r.Participants == 1);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("es")]
    public async Task Every_page_has_no_axe_violation_at_wcag_2_2_aa(string language)
    {
        var (_, link) = await pages.InviteAsync();
        await using var context = await pages.NewContextAsync(new() { ViewportSize = new() { Width = 320, Height = 640 }, BaseURL = pages.BaseUrl });
        var page = await context.NewPageAsync();
        var requests = new List<string>();
        page.Request += (_, request) => requests.Add(request.Url);
        await page.GotoAsync($"{link.Page.PathAndQuery}?lang={language}");
        Assert.Equal(language, await page.GetAttributeAsync("html", "lang"));
        await AssertAccessibleAsync(page);

        await page.ClickAsync("a.button");
        await AssertAccessibleAsync(page);
        await page.ClickAsync("button[type=submit]:not([name])"); // nothing chosen: the error state
        await page.WaitForSelectorAsync(".error-summary");
        await AssertAccessibleAsync(page);
        await page.CheckAsync("input[value=unsure]");
        await page.CheckAsync("#flag");
        await page.ClickAsync("button[type=submit]:not([name])");
        await page.WaitForSelectorAsync("blockquote");
        await AssertAccessibleAsync(page);
        await page.ClickAsync("a.button");
        await page.WaitForSelectorAsync("textarea");
        await AssertAccessibleAsync(page);
        await page.ClickAsync("button[name=skip]");
        await CommunityPages.ArriveAtAsync(page, "**/q/communities-asked**");
        await page.CheckAsync("input[value=yes]");
        await page.ClickAsync("button[type=submit]:not([name])");
        await CommunityPages.ArriveAtAsync(page, "**/answers**");
        await AssertAccessibleAsync(page);
        await page.ClickAsync("a.button");
        await CommunityPages.ArriveAtAsync(page, "**/done**");
        await AssertAccessibleAsync(page);
        await page.ClickAsync("button[type=submit]"); // an empty address: the error state
        await page.WaitForSelectorAsync("#contact-error");
        await AssertAccessibleAsync(page);

        // The owners' response on the reader's own page, with Accept and Reopen, and words too long for reopening.
        var home = (await pages.Store.FindAsync(Ws, link.DeliberationId, default))!.Home;
        await pages.Commands.HandleAsync(Dana, home, "concerns", null, "community-test:concerns:" + language, default);
        var flagged = (await pages.Store.ListConcernsAsync(Ws, link.DeliberationId, default)).Single(c => c.Origin == ConcernOrigin.FlaggedAnswer);
        var maria = new Actor("test", Ws, new UserRef("U-MARIA", "Maria"));
        await Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<ConcernService>(pages.Factory.Services)
            .ActAsync(maria, flagged.Id, ConcernAction.MarkAddressed, "An appeals desk opens in March.", "community-test:addressed:" + language, default);
        await page.GotoAsync($"{link.Page.PathAndQuery}/concerns?lang={language}");
        await page.WaitForSelectorAsync("blockquote.response");
        await AssertAccessibleAsync(page);
        await page.FillAsync("textarea", new string('x', 2001));
        await page.ClickAsync("button.secondary");
        await page.WaitForSelectorAsync(".error-summary");
        await AssertAccessibleAsync(page);

        // The flagged answer changed to "Yes", unflagged: its earlier words stay with the owners, and the page says so.
        await page.GotoAsync($"{link.Page.PathAndQuery}/q/can-appeal?lang={language}");
        await page.CheckAsync("input[value=yes]");
        await page.UncheckAsync("#flag");
        await page.ClickAsync("button[type=submit]:not([name])");
        await CommunityPages.ArriveAtAsync(page, "**/kept/can-appeal**");
        Assert.Equal(language == "es" ? "No estoy seguro/a" : "Not sure", (await page.InnerTextAsync("blockquote p")).Trim()); // as the visitor chose it
        await AssertAccessibleAsync(page);

        await pages.RunAsync(home, "invite pause");
        await page.GotoAsync($"{link.Page.PathAndQuery}?lang={language}");
        await page.WaitForSelectorAsync("p.notice"); // the response waiting for the reader's word, said first
        await AssertAccessibleAsync(page);
        await page.GotoAsync($"/c/no-such-link?lang={language}");
        await AssertAccessibleAsync(page);
        Assert.All(requests, url => Assert.StartsWith(pages.BaseUrl, url, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_long_answer_pasted_into_the_page_is_never_cut_and_the_page_says_how_long_it_may_be()
    {
        var (_, link) = await pages.InviteAsync();
        await using var context = await pages.NewContextAsync(new() { BaseURL = pages.BaseUrl, Locale = "en-US" });
        var page = await context.NewPageAsync();
        await page.GotoAsync(link.Page.PathAndQuery);
        await page.ClickAsync("a.button");
        await page.CheckAsync("input[value=no]");
        await page.ClickAsync("button[type=submit]:not([name])");
        await page.WaitForSelectorAsync("textarea");

        // Pasted as a person pastes: a maxlength attribute would cut it here, without a word, to what the page allows.
        var words = "A person should review every case before the score is used. " + string.Join(" ", Enumerable.Repeat("Nobody asked us.", 120));
        await page.FocusAsync("textarea");
        await page.Keyboard.InsertTextAsync(words);
        await page.ClickAsync("button[type=submit]:not([name])");
        await page.WaitForSelectorAsync(".error-summary");

        Assert.Contains("Keep your answer under 2000 characters", await page.InnerTextAsync(".error-summary"), StringComparison.Ordinal);
        Assert.Equal(words.Replace("\r\n", "\n", StringComparison.Ordinal), (await page.InputValueAsync("textarea")).Replace("\r\n", "\n", StringComparison.Ordinal));
        Assert.DoesNotContain((await pages.Store.ListAnswersAsync(Ws, link.DeliberationId, default)), a => a.QuestionId == "appeal-what-would-change");
    }

    [Fact]
    public async Task The_whole_visit_works_with_JavaScript_turned_off_and_each_page_weighs_under_50_KB()
    {
        var (_, link) = await pages.InviteAsync();
        await using var context = await pages.NewContextAsync(new() { JavaScriptEnabled = false, BaseURL = pages.BaseUrl, Locale = "en-US" });
        var page = await context.NewPageAsync();
        var weights = new List<int>();
        page.Response += (_, response) => weights.Add(int.TryParse(response.Headers.GetValueOrDefault("content-length"), out var n) ? n : -1);
        await page.GotoAsync(link.Page.PathAndQuery);
        await page.ClickAsync("a.button");
        await page.CheckAsync("input[value=yes]");
        await page.ClickAsync("button[type=submit]:not([name])");
        await CommunityPages.ArriveAtAsync(page, "**/q/communities-asked**");
        await page.CheckAsync("input[value=no]");
        await page.ClickAsync("button[type=submit]:not([name])");
        await CommunityPages.ArriveAtAsync(page, "**/answers**");
        Assert.Contains("Yes", await page.InnerTextAsync("dl.answers"), StringComparison.Ordinal);
        var bodies = new[] { link.Page.PathAndQuery, link.Page.PathAndQuery + "/q/can-appeal", link.Page.PathAndQuery + "/answers", "/c/community.css" };
        foreach (var url in bodies)
        {
            var bytes = (await (await page.APIRequest.GetAsync(pages.BaseUrl + url)).BodyAsync()).Length;
            Assert.True(bytes < 50 * 1024, $"{url}: {bytes} bytes");
        }

        Assert.Equal(2, (await pages.Store.ListAnswersAsync(Ws, link.DeliberationId, default)).Count);
    }

    private string ReportPath(Guid deliberation) =>
        Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Core.Reports.IReportLinkSigner>(pages.Factory.Services)
            .Sign(Ws, deliberation, "", Dana.User).Page.PathAndQuery;

    private static async Task Step(IPage page, string name)
    {
        await AssertAccessibleAsync(page);
        await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });
    }
}
