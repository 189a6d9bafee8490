using System.Net;
using System.Text.RegularExpressions;
using DeliberationBot.Core.Community;
using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Host.Tests.Support;
using static DeliberationBot.Host.Tests.Support.Cast;

namespace DeliberationBot.Host.Tests.Community;

/// <summary>
/// A community member who raised a concern on the public page has no conversation to be told in: they read the
/// owners' response on the page, and accept it or reopen the concern there, also once answers have stopped.
/// </summary>
public sealed partial class PublicConcernResponseTests : JourneyTest
{
    private const string Words = "Our street was skipped three years running.\nTell us why a road ranks low.";

    [Fact]
    public async Task The_person_who_raised_it_on_the_page_reads_the_response_there_and_reopens_it_with_words_that_reach_the_owners()
    {
        var (link, visitor) = await RaisedOnThePageAsync();
        var sent = await PageAsync(visitor, link);
        Assert.Contains("<h2 id=\"concern-appeal-what-would-change\">Concern, sent</h2>", sent, StringComparison.Ordinal); // before the owners have had it
        Assert.Contains("The people in charge have not responded yet.", sent, StringComparison.Ordinal);
        var concern = await OwnersReviewAsync(link);
        Assert.Contains("<h2 id=\"concern-1\">Concern 1</h2>", await PageAsync(visitor, link), StringComparison.Ordinal);

        // The owner is told where the response goes, and nothing is posted in the conversation for a person who is not there.
        var marked = await Concerns.ActAsync(Maria, concern.Id, ConcernAction.MarkAddressed, "The ranking rules are published, with each street's score.", Key(), default);
        var told = Assert.IsType<Confirmation>(marked.Replies.Single()).Text;
        Assert.Contains("The community member who raised it on the public page can't be sent it: they read your response on that page when they open their link again, and can accept it or reopen the concern there.", told, StringComparison.Ordinal);
        Assert.DoesNotContain("posted in the conversation", told, StringComparison.Ordinal);
        await Factory.DeliverAsync();
        Assert.DoesNotContain(Factory.Channel.Sent, m => m.Message.Message is ConcernResponseNotice);
        Assert.Contains("<p class=\"notice\">The people in charge responded to one of your concerns", WebUtility.HtmlDecode(await visitor.GetStringAsync(link.Page.PathAndQuery)), StringComparison.Ordinal);

        var page = await PageAsync(visitor, link);
        Assert.Contains("<p>Our street was skipped three years running.\nTell us why a road ranks low.</p>", page, StringComparison.Ordinal);
        Assert.Contains("About the question: What would need to change so that people can fairly challenge a decision the tool influenced?", page, StringComparison.Ordinal);
        Assert.Contains("The people in charge say it is addressed. Does their response settle it for you?", page, StringComparison.Ordinal);
        Assert.Contains("<p>The ranking rules are published, with each street's score.</p>", page, StringComparison.Ordinal);
        Assert.Equal(["accept", "reopen"], Actions(page));

        // Reopening with words, sent twice as a browser might: once.
        var form = Forms(page).Single(f => f.Action == "reopen");
        const string Why = "The page says nothing about my street.";
        Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(visitor, link, form, ("words", "  " + Why + "  "))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(visitor, link, form, ("words", Why))).StatusCode);
        var reopened = (await Store.FindConcernAsync(Ws, concern.Id, default))!;
        Assert.Equal(ConcernStatus.Open, reopened.Status);
        Assert.Equal(Why, Assert.Single(reopened.Voices, v => v.Reopening).Text);
        Assert.Single(await Store.ListEventsAsync(Ws, link.DeliberationId, default), e => e.Type == ConcernLifecycle.EventType(ConcernAction.Reopen));

        await Factory.DeliverAsync();
        var toMaria = Assert.IsType<OwnerConcerns>(Factory.Channel.Sent.Last(m => m.Message.Destination.User?.Id == "U-MARIA").Message.Message);
        Assert.Contains(Why, PlainTextRenderer.Render(toMaria), StringComparison.Ordinal);

        page = await PageAsync(visitor, link);
        Assert.Contains("Reopened: the people in charge will respond again.", page, StringComparison.Ordinal);
        Assert.Contains("Response from the people in charge, before the concern was reopened:", page, StringComparison.Ordinal);
        Assert.Contains("<p>" + Why + "</p>", page, StringComparison.Ordinal);
        Assert.Empty(Actions(page));
    }

    [Fact]
    public async Task A_visitor_who_changes_an_answer_that_raised_a_concern_is_told_their_earlier_words_stay_and_the_owners_read_what_became_of_it()
    {
        var (link, visitor) = await RaisedOnThePageAsync(); // "No" meets the appeal question's rule
        await OwnersReviewAsync(link);

        // "Yes" after all: the visitor is shown that the words stay, and what the people in charge will read, in their language.
        using var changed = await CommunityVisitor.AnswerAsync(visitor, link, "can-appeal", ("choice", "yes"));
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        var kept = changed.Headers.Location!.OriginalString;
        Assert.Contains("/kept/can-appeal", kept, StringComparison.Ordinal);
        var page = WebUtility.HtmlDecode(await visitor.GetStringAsync(kept));
        Assert.Contains("<h1>Your earlier words stay</h1>", page, StringComparison.Ordinal);
        Assert.Contains("<p>No</p>", page, StringComparison.Ordinal);
        Assert.Contains("About the question: Can people challenge or appeal a decision that the tool influenced?", page, StringComparison.Ordinal);
        Assert.Contains("They will read that you have since changed this answer.", page, StringComparison.Ordinal);
        var spanish = WebUtility.HtmlDecode(await visitor.GetStringAsync(kept.Replace("lang=en", "lang=es", StringComparison.Ordinal)));
        Assert.Contains("<h1>Sus palabras anteriores se mantienen</h1>", spanish, StringComparison.Ordinal);
        Assert.Contains("Sobre la pregunta: ¿Pueden las personas reclamar o apelar una decisión en la que influyó la herramienta?", spanish, StringComparison.Ordinal);
        Assert.Contains("Leerán que usted cambió esta respuesta después.", spanish, StringComparison.Ordinal);

        // The owners read the words with what became of the answer.
        await Commands.HandleAsync(Maria, Room, "concerns", null, Key(), default);
        await Factory.DeliverAsync();
        var toMaria = Assert.IsType<OwnerConcerns>(Factory.Channel.Sent.Last(m => m.Message.Destination.User?.Id == "U-MARIA").Message.Message);
        Assert.Contains("\"No\" — Community member or advocate (anonymous), who has since changed this answer to \u201CYes\u201D", PlainTextRenderer.Render(toMaria), StringComparison.Ordinal);
        // The visitor's own list of their concerns says it too, under the words.
        var own = await PageAsync(visitor, link);
        Assert.Matches(@"<p>No</p>\s*<p class=""hint"">The people in charge read that you have since changed this answer.</p>", own);
        Assert.Contains("Las personas a cargo leen que usted cambió esta respuesta después.", WebUtility.HtmlDecode(await visitor.GetStringAsync(link.Page.PathAndQuery + "/concerns?lang=es")), StringComparison.Ordinal);

        // An answer that raised nothing goes on to the next page, as before, and there is nothing kept to show for it.
        using var other = await CommunityVisitor.AnswerAsync(visitor, link, "communities-asked", ("choice", "yes"));
        Assert.DoesNotContain("/kept/", other.Headers.Location!.OriginalString, StringComparison.Ordinal);
        using var nothing = await visitor.GetAsync(kept.Replace("can-appeal", "communities-asked", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Redirect, nothing.StatusCode);
    }

    [Fact]
    public async Task A_visitor_reads_the_option_they_chose_in_their_own_language_with_their_words_as_written()
    {
        await Commands.HandleAsync(Dana, Room, "start quick-check \"Road repair ranking\" owner:<@U-MARIA|Maria>", null, Key(), default);
        var link = Assert.IsType<CommunityInvitationLink>((await Commands.HandleAsync(Dana, Room, "invite community lang:en,es", null, Key(), default)).Replies.Single());
        using var visitor = Browser();
        await AnswerAsync(visitor, link, "can-appeal", ("choice", "unsure"), ("words", "Nadie nos dijo cómo."));
        await Commands.HandleAsync(Maria, Room, "concerns", null, Key(), default);

        // The owners read the option in the agency's wording; the visitor, on a Spanish page, in Spanish.
        var appeal = Assert.Single(await Store.ListConcernsAsync(Ws, link.DeliberationId, default), c => c.QuestionId == "can-appeal");
        Assert.Equal("Not sure (\"Nadie nos dijo cómo.\")", Assert.Single(appeal.Voices).Text);
        var spanish = WebUtility.HtmlDecode(await visitor.GetStringAsync(link.Page.PathAndQuery + "/concerns?lang=es"));
        Assert.Contains("<p>No estoy seguro/a (\"Nadie nos dijo cómo.\")</p>", spanish, StringComparison.Ordinal);
        Assert.Contains("<p>Not sure (\"Nadie nos dijo cómo.\")</p>", WebUtility.HtmlDecode(await visitor.GetStringAsync(link.Page.PathAndQuery + "/concerns?lang=en")), StringComparison.Ordinal);

        // Changed to "Yes", the words that stay with the people in charge are shown as the visitor gave them.
        using var changed = await CommunityVisitor.AnswerAsync(visitor, link, "can-appeal", ("choice", "yes"));
        var kept = WebUtility.HtmlDecode(await visitor.GetStringAsync(changed.Headers.Location!.OriginalString.Replace("lang=en", "lang=es", StringComparison.Ordinal)));
        Assert.Contains("<p>No estoy seguro/a (\"Nadie nos dijo cómo.\")</p>", kept, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_the_deliberation_closes_the_page_still_leads_to_the_response_and_takes_the_acceptance()
    {
        var (link, visitor) = await RaisedOnThePageAsync();
        var concern = await OwnersReviewAsync(link);
        await Commands.HandleAsync(Dana, Room, "close", null, Key(), default);
        await Concerns.ActAsync(Maria, concern.Id, ConcernAction.WontAddress, "Ranking stays as it is this year.", Key(), default);

        using var closed = await visitor.GetAsync(link.Page.PathAndQuery);
        Assert.Equal(HttpStatusCode.Gone, closed.StatusCode);
        var message = await closed.Content.ReadAsStringAsync();
        // Coming back, the visitor reads first that a response waits for their word.
        const string Waiting = "<p class=\"notice\">The people in charge responded to one of your concerns, and ask whether their response settles it for you. " +
            "<a href=\"{0}/concerns?lang=en\">Your concerns and the responses to them</a></p>";
        Assert.Contains(string.Format(System.Globalization.CultureInfo.InvariantCulture, Waiting, link.Page.AbsolutePath), message, StringComparison.Ordinal);

        var page = await PageAsync(visitor, link);
        Assert.Contains("The people in charge say they will not address it.", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(visitor, link, Forms(page).Single(f => f.Action == "accept"))).StatusCode);
        Assert.Equal(ConcernStatus.Resolved, (await Store.FindConcernAsync(Ws, concern.Id, default))!.Status);
        Assert.Contains("Settled: everyone who raised it accepted the response.", await PageAsync(visitor, link), StringComparison.Ordinal);
        using var after = await visitor.GetAsync(link.Page.PathAndQuery);
        message = await after.Content.ReadAsStringAsync();
        Assert.DoesNotContain("class=\"notice\"", message, StringComparison.Ordinal);
        Assert.Contains($"<p><a href=\"{link.Page.AbsolutePath}/concerns?lang=en\">Your concerns and the responses to them</a></p>", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_visitor_reopening_a_concern_shared_with_someone_anonymous_in_chat_is_told_in_the_conversation()
    {
        await Commands.HandleAsync(Dana, Room, "start quick-check \"Road repair ranking\" owner:<@U-MARIA|Maria> anonymous", null, Key(), default);
        var link = Assert.IsType<CommunityInvitationLink>((await Commands.HandleAsync(Dana, Room, "invite community", null, Key(), default)).Replies.Single());
        using var visitor = Browser();
        await AnswerAsync(visitor, link, "can-appeal", ("choice", "no"));
        await Answering.JoinAsync(Sam, link.DeliberationId, Core.Stakeholders.StakeholderGroup.Community, anonymous: true, Key(), default);
        await Answering.AnswerAsync(Sam, link.DeliberationId, "can-appeal", Core.Flows.AnswerValue.FromChoices("no"), flagConcern: false, Key(), default);
        await Commands.HandleAsync(Maria, Room, "concerns", null, Key(), default);
        var appeal = Assert.Single(await Store.ListConcernsAsync(Ws, link.DeliberationId, default), c => c.QuestionId == "can-appeal");
        Assert.Equal(2, appeal.Raisers.Count);
        await Concerns.ActAsync(Maria, appeal.Id, ConcernAction.MarkAddressed, "Appeals go to the roads board.", Key(), default);
        await Factory.DeliverAsync();

        Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(visitor, link, Forms(await PageAsync(visitor, link)).Single(f => f.Action == "reopen"), ("words", "The board never answers."))).StatusCode);

        var posted = await Factory.Channel.WaitForAsync(s => s.Message.Message is ConcernResponseNotice { ReopenedBy: not null, InConversation: true });
        Assert.Equal(Destination.To(Room), posted.Message.Destination);
        Assert.StartsWith(
            $"Concern #{appeal.Number} on \"Road repair ranking\" is open again: it was reopened by one of the people who raised it on the public page,",
            ((ConcernResponseNotice)posted.Message.Message).Lead("\"Road repair ranking\"", t => t), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_visitors_flagged_rating_is_read_on_their_page_with_what_the_scales_ends_mean_in_their_language()
    {
        await Commands.HandleAsync(Dana, Room, "start ai-proposal \"Road repair ranking\" owner:<@U-MARIA|Maria>", null, Key(), default);
        var link = Assert.IsType<CommunityInvitationLink>((await Commands.HandleAsync(Dana, Room, "invite community lang:en,es", null, Key(), default)).Replies.Single());
        using var visitor = Browser();

        await AnswerAsync(visitor, link, "harm-if-wrong", ("choice", "5"), ("flag", "true"));

        var english = await PageAsync(visitor, link);
        Assert.Contains("(1 = Minor and easy to fix, 5 = ", english, StringComparison.Ordinal);
        using var spanish = await visitor.GetAsync($"{link.Page.AbsolutePath}/concerns?lang=es");
        Assert.Contains("(1 = Menor y fácil de corregir, 5 = ", WebUtility.HtmlDecode(await spanish.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nobody_else_acts_on_a_visitors_concern_and_words_too_long_are_kept_with_what_to_do()
    {
        var (link, visitor) = await RaisedOnThePageAsync();
        var concern = await OwnersReviewAsync(link);
        await Concerns.ActAsync(Maria, concern.Id, ConcernAction.MarkAddressed, "Published.", Key(), default);
        var reopen = Forms(await PageAsync(visitor, link)).Single(f => f.Action == "reopen");

        var tooLong = new string('x', 2001);
        using var refused = await ActAsync(visitor, link, reopen, ("words", tooLong));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var shown = await refused.Content.ReadAsStringAsync();
        Assert.Contains("Keep your answer under 2000 characters", shown, StringComparison.Ordinal);
        Assert.Contains(tooLong + "</textarea>", shown, StringComparison.Ordinal);

        // Another browser, with a page of its own, and a form without the visitor's antiforgery token: nothing changes.
        using var stranger = Browser();
        await AnswerAsync(stranger, link, "communities-asked", ("choice", "yes"));
        Assert.Contains("You have not sent a concern from this device.", await PageAsync(stranger, link), StringComparison.Ordinal);
        var theirs = Forms(await PageAsync(stranger, link, question: true)).Single();
        await ActAsync(stranger, link, reopen with { Token = theirs.Token, Submission = theirs.Submission }, ("words", "Not mine to reopen."));
        Assert.Equal(HttpStatusCode.BadRequest, (await ActAsync(stranger, link, reopen, ("words", "Forged."))).StatusCode);
        Assert.Equal(ConcernStatus.Addressed, (await Store.FindConcernAsync(Ws, concern.Id, default))!.Status);
    }

    [Fact]
    public async Task A_choice_comes_with_the_visitors_own_words_which_the_owners_read_in_the_concern()
    {
        await Commands.HandleAsync(Dana, Room, "start quick-check \"Road repair ranking\" owner:<@U-MARIA|Maria>", null, Key(), default);
        var link = Assert.IsType<CommunityInvitationLink>((await Commands.HandleAsync(Dana, Room, "invite community", null, Key(), default)).Replies.Single());
        using var visitor = Browser();
        const string Why = "There is no appeal desk,\nand nobody answers the phone.";

        var tooLong = new string('x', 2001);
        using var refused = await CommunityVisitor.AnswerAsync(visitor, link, "can-appeal", ("choice", "no"), ("words", tooLong));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var shown = await refused.Content.ReadAsStringAsync();
        Assert.Contains("<li><a href=\"#words\">Keep your answer under 2000 characters</a></li>", shown, StringComparison.Ordinal);
        Assert.Contains(tooLong + "</textarea>", shown, StringComparison.Ordinal);
        Assert.Contains("id=\"answer-1\" name=\"choice\" value=\"no\" checked", shown, StringComparison.Ordinal);
        Assert.Empty(await Store.ListAnswersAsync(Ws, link.DeliberationId, default));

        await AnswerAsync(visitor, link, "can-appeal", ("choice", "no"), ("words", " " + Why.Replace("\n", "\r\n", StringComparison.Ordinal) + " "), ("flag", "true"));
        var answer = Assert.Single(await Store.ListAnswersAsync(Ws, link.DeliberationId, default));
        Assert.Equal(["no"], answer.Value.Choices);
        Assert.Equal(Why, answer.Value.Text);
        Assert.Contains("No\n" + Why, WebUtility.HtmlDecode(await visitor.GetStringAsync(link.Page.PathAndQuery + "/answers")), StringComparison.Ordinal);
        Assert.Contains(Why + "</textarea>", WebUtility.HtmlDecode(await visitor.GetStringAsync(link.Page.PathAndQuery + "/q/can-appeal")), StringComparison.Ordinal);

        var concern = await OwnersReviewAsync(link);
        Assert.Equal($"No (\"{Why}\")", Assert.Single(concern.Voices).Text);
        await Factory.DeliverAsync();
        var toMaria = Factory.Channel.Sent.Last(m => m.Message.Destination.User?.Id == "U-MARIA").Message.Message;
        Assert.Contains(Why, PlainTextRenderer.Render(toMaria), StringComparison.Ordinal);

        // The box emptied and the same choice saved again: the words go, as the person asked.
        await AnswerAsync(visitor, link, "can-appeal", ("choice", "no"), ("words", ""), ("flag", "true"));
        Assert.Null(Assert.Single(await Store.ListAnswersAsync(Ws, link.DeliberationId, default)).Value.Text);
    }

    [Fact]
    public async Task Once_another_person_who_raised_it_reopened_it_the_visitor_can_still_send_why_it_does_not_settle_it_for_them()
    {
        var (link, first) = await RaisedOnThePageAsync();
        using var second = Browser();
        await AnswerAsync(second, link, "can-appeal", ("choice", "no"));
        await AnswerAsync(second, link, "appeal-what-would-change", ("text", "A person to call, not a form."), ("flag", "true"));
        await Commands.HandleAsync(Maria, Room, "concerns", null, Key(), default);
        var numbers = (await Store.ListConcernsAsync(Ws, link.DeliberationId, default)).Where(c => c.Origin == ConcernOrigin.FlaggedAnswer).Select(c => c.Number).Order().ToList();
        Assert.IsType<Confirmation>((await Concerns.MergeAsync(Dana, Room, numbers[0], numbers[1], Key(), default)).Replies[0]);
        var concern = (await Store.ListConcernsAsync(Ws, link.DeliberationId, default)).Single(c => c.Number == numbers[0]);
        await Concerns.ActAsync(Maria, concern.Id, ConcernAction.MarkAddressed, "The ranking rules are published.", Key(), default);
        await ActAsync(first, link, Forms(await PageAsync(first, link)).Single(f => f.Action == "reopen"), ("words", "Published is not explained."));

        var page = await PageAsync(second, link);
        Assert.Contains("Reopened: the people in charge will respond again.", page, StringComparison.Ordinal);
        Assert.Contains("It has been reopened. Say why the response does not settle it for you</label>", page, StringComparison.Ordinal);
        Assert.Contains(">Send to the people in charge</button>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Published is not explained.", page, StringComparison.Ordinal); // only the visitor's own words
        var form = Forms(page).Single();
        Assert.Equal("reopen", form.Action);

        // An empty box is pointed out, and nothing changes.
        using var empty = await ActAsync(second, link, form, ("words", "  "));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("Write why the response does not settle it for you, then send it", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Single((await Store.FindConcernAsync(Ws, concern.Id, default))!.Voices, v => v.Reopening);

        Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(second, link, form, ("words", "Nobody answers the phone at the desk."))).StatusCode);
        var now = (await Store.FindConcernAsync(Ws, concern.Id, default))!;
        Assert.Equal(["Published is not explained.", "Nobody answers the phone at the desk."], now.Voices.Where(v => v.Reopening).Select(v => v.Text));
        Assert.Equal(ConcernStatus.Open, now.Status);
        Assert.Empty(Actions(await PageAsync(second, link)));
        Assert.Empty(Actions(await PageAsync(first, link)));
    }

    [Fact]
    public async Task Words_merged_into_a_concern_about_another_question_are_shown_with_the_question_they_answered()
    {
        var (link, visitor) = await RaisedOnThePageAsync(); // "No" meets the appeal question's rule; the flagged words answer the next question
        await Commands.HandleAsync(Maria, Room, "concerns", null, Key(), default);
        var concerns = await Store.ListConcernsAsync(Ws, link.DeliberationId, default);
        var (rule, flagged) = (concerns.Single(c => c.QuestionId == "can-appeal"), concerns.Single(c => c.QuestionId == "appeal-what-would-change"));
        Assert.IsType<Confirmation>((await Concerns.MergeAsync(Dana, Room, rule.Number, flagged.Number, Key(), default)).Replies[0]);

        var page = await PageAsync(visitor, link);

        Assert.Contains(
            "<blockquote class=\"preview\"><p>No</p><footer>About the question: Can people challenge or appeal a decision that the tool influenced?</footer></blockquote>",
            page, StringComparison.Ordinal);
        Assert.Contains(
            "<blockquote class=\"preview\"><p>" + Words + "</p><footer>About the question: What would need to change so that people can fairly challenge a decision the tool influenced?</footer></blockquote>",
            page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Asked_what_would_need_to_change_after_an_answer_that_raised_a_concern_the_visitor_is_told_who_reads_it()
    {
        await Commands.HandleAsync(Dana, Room, "start quick-check \"Road repair ranking\" owner:<@U-MARIA|Maria>", null, Key(), default);
        var link = Assert.IsType<CommunityInvitationLink>((await Commands.HandleAsync(Dana, Room, "invite community", null, Key(), default)).Replies.Single());
        const string Note = "The people in charge of the proposal will read your answer here together with the concern your previous answer raised.";
        var (raised, flagged) = (Browser(), Browser());
        await AnswerAsync(raised, link, "can-appeal", ("choice", "no"));
        await AnswerAsync(flagged, link, "can-appeal", ("choice", "no"), ("flag", "true"));

        Assert.Contains(Note, await QuestionPageAsync(raised, link, "appeal-what-would-change"), StringComparison.Ordinal);
        Assert.Contains(Note, await QuestionPageAsync(flagged, link, "appeal-what-would-change"), StringComparison.Ordinal);
        Assert.DoesNotContain(Note, await QuestionPageAsync(raised, link, "communities-asked"), StringComparison.Ordinal); // no follow-up

        // The answer itself then stands with the concern, on the visitor's page of their concerns.
        await AnswerAsync(raised, link, "appeal-what-would-change", ("text", Words));
        await Commands.HandleAsync(Maria, Room, "concerns", null, Key(), default);
        var rule = Assert.Single(await Store.ListConcernsAsync(Ws, link.DeliberationId, default), c => c.Origin == ConcernOrigin.FlowRule);
        Assert.Equal(["No", Words], rule.Voices.Where(v => v.RaiserKey == rule.Raisers[0]).Select(v => v.Text));
    }

    private static async Task<string> QuestionPageAsync(HttpClient browser, CommunityInvitationLink link, string question) =>
        WebUtility.HtmlDecode(await browser.GetStringAsync(link.Page.PathAndQuery + "/q/" + question));

    /// <summary>A visitor flags a written answer on the public page; returns the link and their browser.</summary>
    private async Task<(CommunityInvitationLink Link, HttpClient Visitor)> RaisedOnThePageAsync()
    {
        await Commands.HandleAsync(Dana, Room, "start quick-check \"Road repair ranking\" owner:<@U-MARIA|Maria>", null, Key(), default);
        var link = Assert.IsType<CommunityInvitationLink>((await Commands.HandleAsync(Dana, Room, "invite community", null, Key(), default)).Replies.Single());
        var visitor = Browser();
        await AnswerAsync(visitor, link, "can-appeal", ("choice", "no")); // asks what would need to change
        await AnswerAsync(visitor, link, "appeal-what-would-change", ("text", Words), ("flag", "true"));
        return (link, visitor);
    }

    /// <summary>Maria asks for her concerns, which makes the flagged answer concern #1.</summary>
    private async Task<Concern> OwnersReviewAsync(CommunityInvitationLink link)
    {
        await Commands.HandleAsync(Maria, Room, "concerns", null, Key(), default);
        return Assert.Single(await Store.ListConcernsAsync(Ws, link.DeliberationId, default), c => c.Raisers.Count == 1 && c.Origin == ConcernOrigin.FlaggedAnswer);
    }

    private static async Task AnswerAsync(HttpClient browser, CommunityInvitationLink link, string question, params (string Name, string Value)[] fields)
    {
        using var answered = await CommunityVisitor.AnswerAsync(browser, link, question, fields);
        Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
    }

    /// <summary>A form of the concerns page: where it posts, its hidden fields, and what it does.</summary>
    private sealed record Form(string Path, string Token, string Submission, string Action);

    private HttpClient Browser() => CommunityVisitor.Browser(Factory);

    /// <param name="question">A question page instead, for a form token of the browser's own.</param>
    private static async Task<string> PageAsync(HttpClient browser, CommunityInvitationLink link, bool question = false) =>
        WebUtility.HtmlDecode(await browser.GetStringAsync(link.Page.PathAndQuery + (question ? "/q/communities-asked" : "/concerns")));

    private static List<Form> Forms(string page) =>
        [.. FormTag().Matches(page).Select(m => new Form(
            m.Groups[1].Value, CommunityVisitor.Hidden().Match(m.Value).Groups[1].Value, CommunityVisitor.Submission().Match(m.Value).Groups[1].Value, ActionField().Match(m.Value).Groups[1].Value))];

    private static List<string> Actions(string page) => [.. Forms(page).Select(f => f.Action)];

    private static Task<HttpResponseMessage> ActAsync(HttpClient browser, CommunityInvitationLink link, Form form, params (string Name, string Value)[] fields) =>
        browser.PostAsync(form.Path.Length > 0 ? form.Path : link.Page.PathAndQuery, new FormUrlEncodedContent(
            [new("__RequestVerificationToken", form.Token), new("submission", form.Submission), new("action", form.Action), .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))]));

    [GeneratedRegex("<form method=\"post\" action=\"([^\"]+)\".*?</form>", RegexOptions.Singleline)]
    private static partial Regex FormTag();

    [GeneratedRegex("name=\"action\" value=\"([^\"]+)\"")]
    private static partial Regex ActionField();
}
