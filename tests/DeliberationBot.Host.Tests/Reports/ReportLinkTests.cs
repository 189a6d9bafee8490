using System.Net;
using DeliberationBot.Core.Commands;
using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Digests;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Reports;
using DeliberationBot.Host.Tests.Support;
using static DeliberationBot.Host.Tests.Support.Cast;
using Microsoft.Extensions.DependencyInjection;

namespace DeliberationBot.Host.Tests.Reports;

/// <summary>Who reaches a deliberation's page, with which link, and what each of them sees.</summary>
public sealed class ReportLinkTests : JourneyTest
{
    [Fact]
    public async Task Report_sends_the_requester_their_own_link_and_the_page_comes_with_strict_headers()
    {
        var d = await ClosedDeliberationAsync();
        var link = await LinkAsync(Eve);
        Assert.Equal((d.Id, d.Title), (link.DeliberationId, link.Title));
        Assert.InRange(link.Expires - Factory.Time.GetUtcNow(), TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1), TimeSpan.FromDays(7));

        using var response = await Http.GetAsync(link.Page.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Predictive screening for hotline calls", html, StringComparison.Ordinal);
        Assert.Contains("Rank calls by risk", html, StringComparison.Ordinal); // a concern in its own words
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);

        using var css = await Http.GetAsync("/d/report.css");
        Assert.Equal(("text/css", "nosniff"), (css.Content.Headers.ContentType?.MediaType, Assert.Single(css.Headers.GetValues("X-Content-Type-Options"))));
    }

    [Fact]
    public async Task Leaders_see_the_export_links_and_names_participants_see_groups_only()
    {
        var d = await ClosedDeliberationAsync();
        var purpose = (await Store.ListConcernsAsync(Ws, d.Id, default)).Single(c => c.QuestionId == "purpose");
        var concerns = Factory.Services.GetRequiredService<ConcernService>();
        await concerns.ActAsync(Maria, purpose.Id, ConcernAction.MarkAddressed, "Scores only order the queue.", Key(), default);
        await concerns.ActAsync(Ana, purpose.Id, ConcernAction.Accept, null, Key(), default);

        var leader = await Http.GetStringAsync((await LinkAsync(Maria)).Page.PathAndQuery);
        Assert.Contains("/api/deliberations/", leader, StringComparison.Ordinal);
        Assert.Contains("— Ana</li>", leader, StringComparison.Ordinal); // her acceptance, by name
        Assert.Contains("Scores only order the queue.", leader, StringComparison.Ordinal);

        var participant = await Http.GetStringAsync((await LinkAsync(Eve)).Page.PathAndQuery);
        Assert.DoesNotContain("/api/deliberations/", participant, StringComparison.Ordinal);
        Assert.DoesNotContain("— Ana", participant, StringComparison.Ordinal);
        Assert.DoesNotContain("U-ANA", participant, StringComparison.Ordinal);
        Assert.Contains("— a participant (Frontline worker)</li>", participant, StringComparison.Ordinal);
        Assert.Contains("Scores only order the queue.", participant, StringComparison.Ordinal);
        Assert.All(new[] { leader, participant }, page => Assert.DoesNotContain("U-SAM", page, StringComparison.Ordinal));
        Assert.All(new[] { leader, participant }, page => Assert.DoesNotContain("Sam Secret", page, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Each_concern_on_the_page_says_which_question_its_words_answer_and_a_rules_concern_what_rule_it_met()
    {
        await ClosedDeliberationAsync(anaSaysNoOverride: true);
        var page = System.Net.WebUtility.HtmlDecode(await Http.GetStringAsync((await LinkAsync(Maria)).Page.PathAndQuery));

        // Ana's "No" met the question's rule: the page says so, and which question it answers.
        Assert.Contains("<p>Answers that meet this question's concern rule (any of \"No\", \"Not sure\").</p>", page, StringComparison.Ordinal);
        Assert.Contains("<blockquote>No <small>— Ana (Frontline worker)</small></blockquote>", page, StringComparison.Ordinal);
        Assert.Contains(
            "Raised by Frontline worker (1 person), answering “Can workers set aside the tool's score when their own judgment about a case is different?” in “Daily work”.",
            page, StringComparison.Ordinal);
        // Her flagged words are the concern itself: they are not shown twice.
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(page, "Rank calls by risk <small>"));
        Assert.DoesNotContain("<p>Rank calls by risk</p>", page, StringComparison.Ordinal);
        Assert.Contains("answering “In a sentence or two, what is this tool supposed to do?” in “Purpose and people affected”.", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reopened_concerns_words_follow_its_question_and_its_earlier_response_is_labelled_so()
    {
        var d = await ClosedDeliberationAsync(anaSaysNoOverride: true);
        var concern = (await Store.ListConcernsAsync(Ws, d.Id, default)).Single(c => c.QuestionId == "can-override");
        await Concerns.ActAsync(Maria, concern.Id, ConcernAction.MarkAddressed, "Workers can always override.", Key(), default);
        await Concerns.ActAsync(Ana, concern.Id, ConcernAction.Reopen, "Not on the night shift: nobody there may.", Key(), default);

        var page = System.Net.WebUtility.HtmlDecode(await Http.GetStringAsync((await LinkAsync(Maria)).Page.PathAndQuery));
        var said = page.IndexOf("<blockquote>No <small>— Ana (Frontline worker)</small></blockquote>", StringComparison.Ordinal);
        var question = page.IndexOf("answering “Can workers set aside the tool's score when their own judgment about a case is different?” in “Daily work”.", StringComparison.Ordinal);
        var onReopening = page.IndexOf("<blockquote>Not on the night shift: nobody there may. <small>— Ana (Frontline worker), on reopening it</small></blockquote>", StringComparison.Ordinal);
        var response = page.IndexOf("<p>Response from Maria, before it was reopened: <span class=\"said\">Workers can always override.</span></p>", StringComparison.Ordinal);
        Assert.True(said >= 0 && said < question && question < onReopening && onReopening < response, page);
    }

    [Fact]
    public async Task A_condition_of_the_decision_on_the_page_is_met_or_not_by_its_owner_and_settled_by_the_person_who_set_it()
    {
        var d = await ClosedDeliberationAsync(anaSaysNoOverride: true);
        await Commands.HandleAsync(Dana, Room, "decide conditions \"Pilot in one office first.\"", null, Key(), default);
        await Commands.HandleAsync(Dana, Room, "condition \"Log every override\" owner:<@U-MARIA|Maria> due:2099-01-31", null, Key(), default);
        await Commands.HandleAsync(Dana, Room, "condition \"Publish the appeal route\" owner:<@U-MARIA|Maria> due:2099-02-28", null, Key(), default);
        await Commands.HandleAsync(Dana, Room, "condition \"Train every screener\" owner:<@U-MARIA|Maria> due:2099-03-31", null, Key(), default);
        var conditions = (await Store.ListConcernsAsync(Ws, d.Id, default)).Where(c => c.Kind == ConcernKind.Condition).OrderBy(c => c.Number).ToList();
        await Concerns.ActAsync(Maria, conditions[0].Id, ConcernAction.MarkAddressed, "Logged since the pilot began.", Key(), default);
        await Concerns.ActAsync(Maria, conditions[1].Id, ConcernAction.WontAddress, "Legal has not agreed a route.", Key(), default);
        await Concerns.ActAsync(Dana, conditions[1].Id, ConcernAction.Accept, null, Key(), default);
        await Concerns.ActAsync(Maria, conditions[2].Id, ConcernAction.MarkAddressed, "All forty trained in March.", Key(), default);
        await Concerns.ActAsync(Dana, conditions[2].Id, ConcernAction.Accept, null, Key(), default);

        var page = System.Net.WebUtility.HtmlDecode(await Http.GetStringAsync((await LinkAsync(Maria)).Page.PathAndQuery));
        Assert.Contains($"<td>#{conditions[0].Number}</td><td class=\"said\">Log every override</td><td>Maria</td><td>31 January 2099</td><td>Marked met; awaiting the person who set it</td>", page, StringComparison.Ordinal);
        Assert.Contains($"<td>#{conditions[1].Number}</td><td class=\"said\">Publish the appeal route</td><td>Maria</td><td>28 February 2099</td><td>Settled: the person who set it accepted that it won't be met</td>", page, StringComparison.Ordinal);
        Assert.Contains($"<td>#{conditions[2].Number}</td><td class=\"said\">Train every screener</td><td>Maria</td><td>31 March 2099</td><td>Met: the person who set it accepted</td>", page, StringComparison.Ordinal);
        // The record to download says what was accepted too, in its Markdown and its JSON.
        var record = await Factory.Services.GetRequiredService<Core.Exports.ExportService>().RecordAsync(Ws, d.Id, default);
        var markdown = Core.Exports.RecordMarkdown.Render(record!);
        Assert.Contains($"- #{conditions[1].Number}: Publish the appeal route — owner Maria, due 2099-02-28; Resolved (accepted that it won't be met)", markdown, StringComparison.Ordinal);
        Assert.Contains($"- #{conditions[2].Number}: Train every screener — owner Maria, due 2099-03-31; Resolved (accepted that it is met)", markdown, StringComparison.Ordinal);
        Assert.Equal(["Addressed", "WontAddress", "Addressed"], record!.Concerns.Where(c => c.Kind == "Condition").Select(c => c.OwnersAnswer));
    }

    [Fact]
    public async Task One_person_and_one_answer_are_counted_in_the_singular()
    {
        await Commands.HandleAsync(Dana, Room, "start quick-check \"Road repair ranking\" owner:<@U-MARIA|Maria>", null, Key(), default);
        var d = (await Store.FindLatestOpenAsync(Ws, "test", "C-REVIEW", default))!;
        await Answering.JoinAsync(Ana, d.Id, Core.Stakeholders.StakeholderGroup.FrontlineWorker, anonymous: false, Key(), default);
        await Answering.AnswerTextAsync(Ana, d.Id, "Rank roads by risk", Key(), default);

        var page = await Http.GetStringAsync((await LinkAsync(Maria)).Page.PathAndQuery);
        Assert.Contains("Progress by stakeholder group: 1 person joined, 0 finished", page, StringComparison.Ordinal);
        Assert.Contains("<p>1 participant gave 1 answer.", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_summary_on_the_page_says_its_quotes_are_not_all_and_gives_a_groups_numbers_with_their_unit()
    {
        await Commands.HandleAsync(Dana, Room, "start quick-check \"Road repair ranking\" owner:<@U-MARIA|Maria>", null, Key(), default);
        var d = (await Store.FindLatestOpenAsync(Ws, "test", "C-REVIEW", default))!;
        foreach (var (who, words) in new[] { (Ana, "Rank roads by risk"), (Sam, "Rank roads by traffic"), (Eve, "Nobody has said") })
        {
            await Answering.JoinAsync(who, d.Id, Core.Stakeholders.StakeholderGroup.FrontlineWorker, anonymous: false, Key(), default);
            await Answering.AnswerTextAsync(who, d.Id, words, Key(), default);
        }

        await Answering.AnswerAsync(Ana, d.Id, "added-minutes-per-case", Core.Flows.AnswerValue.FromNumber(20), false, Key(), default);
        await Answering.AnswerAsync(Sam, d.Id, "added-minutes-per-case", Core.Flows.AnswerValue.FromNumber(12), false, Key(), default);

        var page = System.Net.WebUtility.HtmlDecode(await Http.GetStringAsync((await LinkAsync(Maria)).Page.PathAndQuery));
        // The two answers most like the rest, then the one least like them, marked as such.
        Assert.Equal(3, page.Split("</q>").Length - 1);
        Assert.Matches(@"<q>Rank roads by risk</q>\s*<q>Rank roads by traffic</q>\s*Least like the others: <q>Nobody has said</q>", page);
        Assert.Contains("Where a group gave more answers in words than are quoted here, those quoted are the ones most like the rest and, where more were written, the one least like them; the whole record holds every one.", page, StringComparison.Ordinal);
        // The same words for a group's numbers as the summary in chat: its median with the unit.
        Assert.Contains("Frontline worker (2 answered): median 16 minutes per case, from 12 to 20", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Words_given_beside_a_choice_are_quoted_with_the_question_on_the_page()
    {
        await Commands.HandleAsync(Dana, Room, "start quick-check \"Road repair ranking\" owner:<@U-MARIA|Maria>", null, Key(), default);
        var d = (await Store.FindLatestOpenAsync(Ws, "test", "C-REVIEW", default))!;
        foreach (var (who, words) in new[] { (Ana, "Not on nights: nobody there may."), (Sam, "Not on nights, nobody there may override."), (Eve, "Only with a supervisor's sign-off, which takes a day.") })
        {
            await Answering.JoinAsync(who, d.Id, Core.Stakeholders.StakeholderGroup.FrontlineWorker, anonymous: false, Key(), default);
            await Answering.AnswerAsync(who, d.Id, "can-override", Core.Flows.AnswerValue.FromChoices("no").WithWords(words), false, Key(), default);
        }

        var page = System.Net.WebUtility.HtmlDecode(await Http.GetStringAsync((await LinkAsync(Maria)).Page.PathAndQuery));
        // A leader reading the summary reads why people chose as they did, as chat's summary gives it, not only the counts.
        var notes = page[page.IndexOf("<p>In their own words:</p>", StringComparison.Ordinal)..];
        // Each quotes what the person wrote; what they chose follows it.
        Assert.Matches(@"^<p>In their own words:</p>\s*<ul><li>Frontline worker<q>Not on nights: nobody there may.</q> — answered No\s*<q>Not on nights, nobody there may override.</q> — answered No\s*Least like the others: <q>Only with a supervisor's sign-off, which takes a day.</q> — answered No</li></ul>", notes);
    }

    [Fact]
    public async Task Words_merged_in_from_another_question_say_which_question_they_answered_and_one_merge_is_counted_in_the_singular()
    {
        var d = await ClosedDeliberationAsync(anaSaysNoOverride: true);
        var concerns = await Store.ListConcernsAsync(Ws, d.Id, default);
        var (purpose, overrides) = (concerns.Single(c => c.QuestionId == "purpose"), concerns.Single(c => c.QuestionId == "can-override"));
        Assert.IsType<Confirmation>((await Concerns.MergeAsync(Dana, Room, purpose.Number, overrides.Number, Key(), default)).Replies[0]);

        var page = System.Net.WebUtility.HtmlDecode(await Http.GetStringAsync((await LinkAsync(Maria)).Page.PathAndQuery));
        Assert.Contains(" 1 more was merged into these; their words are kept in the concern they joined.", page, StringComparison.Ordinal);
        Assert.Contains("<blockquote>Rank calls by risk <small>— Ana (Frontline worker)</small></blockquote>", page, StringComparison.Ordinal);
        Assert.Contains(
            "<blockquote>No <small>— Ana (Frontline worker), answering “Can workers set aside the tool's score when their own judgment about a case is different?”</small></blockquote>",
            page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Leaders_read_each_answer_by_name_or_group_as_given_and_participants_never_reach_the_answers()
    {
        var d = await ClosedDeliberationAsync();
        var maria = (await LinkAsync(Maria)).Page.PathAndQuery;
        var leader = await Http.GetStringAsync(maria);
        Assert.Contains("answers=1\"", leader, StringComparison.Ordinal);
        Assert.Contains($"{maria[maria.IndexOf('?', StringComparison.Ordinal)..]}&amp;answers=1\"", leader, StringComparison.Ordinal); // the link carries the reader's own token

        using var answers = await Http.GetAsync(maria + "&answers=1");
        Assert.Equal(HttpStatusCode.OK, answers.StatusCode);
        Assert.Equal("no-store", answers.Headers.CacheControl?.ToString());
        var page = await answers.Content.ReadAsStringAsync();
        Assert.Contains($"href=\"{maria[maria.IndexOf('?', StringComparison.Ordinal)..]}\"", page, StringComparison.Ordinal); // back to the whole page, with the reader's own token
        Assert.Contains("<li>Rank calls by risk<span class=\"by\"> — Ana, Frontline worker, flagged as a concern</span></li>", page, StringComparison.Ordinal);
        // Sam answered anonymously, alone in his group: his answer is withheld as in chat and the export, and never named.
        Assert.Contains("1 anonymous answer from Community member or advocate withheld: fewer than 3 people of that group answered anonymously.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Sam Secret", page, StringComparison.Ordinal);
        Assert.DoesNotContain("U-SAM", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync(maria + "&answers=2")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Http.GetAsync(maria + "&answers=first")).StatusCode);

        var eve = (await LinkAsync(Eve)).Page.PathAndQuery;
        var participant = await Http.GetStringAsync(eve);
        Assert.DoesNotContain("answers=", participant, StringComparison.Ordinal);
        Assert.Contains("Each person's answers are for the facilitator and owners only.", participant, StringComparison.Ordinal);
        using var refused = await Http.GetAsync(eve + "&answers=1");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var refusal = await refused.Content.ReadAsStringAsync();
        Assert.DoesNotContain("Ana", refusal, StringComparison.Ordinal);
        Assert.DoesNotContain("Rank calls by risk", refusal, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Http.GetAsync($"/d/{d.Id:N}?token=forged&answers=1")).StatusCode);
    }

    [Fact]
    public async Task Forged_altered_expired_revoked_or_misrouted_links_get_401_and_a_way_to_a_new_one()
    {
        var d = await ClosedDeliberationAsync();
        var eve = await LinkAsync(Eve);
        var dana = await LinkAsync(Dana);
        var token = eve.Page.Query["?token=".Length..];

        foreach (var refused in new[] { $"/d/{d.Id:N}", $"/d/{d.Id:N}?token=forged", $"/d/{d.Id:N}?token={Altered(token)}", $"/d/{Guid.NewGuid():N}?token={token}" })
        {
            using var response = await Http.GetAsync(refused);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            var page = await response.Content.ReadAsStringAsync();
            Assert.Contains("How to get a new link", page, StringComparison.Ordinal);
            Assert.Contains("report", page, StringComparison.Ordinal);
            Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        }

        Assert.Contains("Only the facilitator", Error(await Commands.HandleAsync(Maria, Room, "report revoke", null, Key(), default)));
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync(eve.Page.PathAndQuery)).StatusCode);

        Factory.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.IsType<Confirmation>((await Commands.HandleAsync(Dana, Room, "report revoke <@U-EVE|Eve>", null, Key(), default)).Replies.Single());
        Assert.Equal(HttpStatusCode.Unauthorized, (await Http.GetAsync(eve.Page.PathAndQuery)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync(dana.Page.PathAndQuery)).StatusCode);

        Factory.Time.Advance(TimeSpan.FromSeconds(1));
        var fresh = await LinkAsync(Eve);
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync(fresh.Page.PathAndQuery)).StatusCode);

        Factory.Time.Advance(TimeSpan.FromSeconds(1));
        await Commands.HandleAsync(Dana, Room, "report revoke", null, Key(), default);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Http.GetAsync(fresh.Page.PathAndQuery)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Http.GetAsync(dana.Page.PathAndQuery)).StatusCode);

        Factory.Time.Advance(TimeSpan.FromSeconds(1));
        var later = await LinkAsync(Eve);
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync(later.Page.PathAndQuery)).StatusCode);
        Factory.Time.Advance(TimeSpan.FromDays(7));
        Assert.Equal(HttpStatusCode.Unauthorized, (await Http.GetAsync(later.Page.PathAndQuery)).StatusCode);
    }

    [Fact]
    public async Task Closing_sends_the_facilitator_and_each_owner_their_link_privately_and_the_digest_links_each_page()
    {
        var d = await ClosedDeliberationAsync();
        foreach (var user in new[] { "U-DANA", "U-MARIA" })
        {
            var sent = await Factory.Channel.WaitForAsync(s => s.Message.Message is ReportLink && s.Message.Destination.User?.Id == user);
            Assert.Equal(DeliveryMode.Private, sent.Message.Destination.Mode);
            Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync(((ReportLink)sent.Message.Message).Page.PathAndQuery)).StatusCode);
            Assert.Contains(((ReportLink)sent.Message.Message).Page.AbsoluteUri, PlainTextRenderer.Render(sent.Message.Message), StringComparison.Ordinal);
        }

        Assert.DoesNotContain(Factory.Channel.Sent, s => s.Message.Message is ReportLink && s.Message.Destination.Mode != DeliveryMode.Private);
        var digest = Assert.IsType<WeeklyDigest>((await Commands.HandleAsync(Maria, Room, "digest preview", null, Key(), default)).Replies.Single());
        var page = Assert.Single(digest.Proposals, p => p.Id == d.Id).Report!;
        Assert.Contains(page.AbsoluteUri, PlainTextRenderer.Render(digest), StringComparison.Ordinal);
        Assert.Contains("/api/deliberations/", await Http.GetStringAsync(page.PathAndQuery), StringComparison.Ordinal); // Maria's own, an owner's page
    }

    [Fact]
    public async Task Report_with_something_unexpected_says_what_to_type()
    {
        await ClosedDeliberationAsync();
        var reply = Assert.IsType<ErrorMessage>((await Commands.HandleAsync(Dana, Room, "report everything now", null, Key(), default)).Replies.Single());
        Assert.Equal(Usage.Report, reply.Usage);
        var nowhere = await Commands.HandleAsync(Dana, Room with { ConversationId = "C-EMPTY" }, "report", null, Key(), default);
        Assert.Contains("No deliberation", Error(nowhere), StringComparison.Ordinal);
    }

    private async Task<ReportLink> LinkAsync(Actor who) =>
        Assert.IsType<ReportLink>((await Commands.HandleAsync(who, Room, "report", null, Key(), default)).Replies.Single());

    private static string Altered(string token) => token[..10] + (token[10] == 'A' ? 'B' : 'A') + token[11..];
}
