using System.Net;
using DeliberationBot.Core.Commands;
using DeliberationBot.Core.Community;
using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace DeliberationBot.Host.Tests.Community;

/// <summary><c>invite community</c>, <c>invite pause|resume|revoke</c> and the QR code, through the running service.</summary>
public sealed class InvitationJourneyTests : IDisposable
{
    private const string Ws = "T-AGENCY";
    private static readonly ConversationRef Room = new("test", Ws, "C-REVIEW");
    private static readonly Actor Dana = new("test", Ws, new UserRef("U-DANA", "Dana"));
    private readonly BotFactory _factory = new(driven: true);
    private int _key;

    public InvitationJourneyTests() => _factory.CreateClient().Dispose();

    private CommandDispatcher Commands => _factory.Services.GetRequiredService<CommandDispatcher>();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task The_facilitator_gets_a_public_link_and_a_printable_QR_code_and_controls_the_link()
    {
        await RunAsync(Dana, "start quick-check \"Predictive screening for hotline calls\" owner:<@U-MARIA|Maria>");
        var link = Assert.IsType<CommunityInvitationLink>(await RunAsync(Dana, "invite community lang:es,en until:2099-01-31 max:300"));
        Assert.Equal(["es", "en"], link.Languages);
        Assert.Equal((new DateOnly(2099, 1, 31), 300, InvitationState.Open), (link.Until!.Value, link.MaxPeople!.Value, link.State));
        Assert.Matches("^/c/[A-Za-z0-9_-]{22}$", link.Page.AbsolutePath);
        Assert.Equal(link.Page.AbsolutePath + "/qr.png", link.QrCode.AbsolutePath);

        using var http = _factory.CreateClient();
        using var qr = await http.GetAsync(link.QrCode.PathAndQuery);
        Assert.Equal("image/png", qr.Content.Headers.ContentType!.MediaType);
        var png = await qr.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        Assert.True(System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)) >= 400, "big enough to print");

        // The same link with new settings; someone else may not touch it; a language the flow lacks is refused.
        var again = Assert.IsType<CommunityInvitationLink>(await RunAsync(Dana, "invite community max:10"));
        Assert.Equal((link.Page, 10), (again.Page, again.MaxPeople!.Value));
        Assert.Equal(["en", "es"], again.Languages);
        var maria = Dana with { User = new UserRef("U-MARIA", "Maria") };
        Assert.Contains("Only the facilitator", Assert.IsType<ErrorMessage>(await RunAsync(maria, "invite pause")).Text, StringComparison.Ordinal);
        Assert.Contains("offers: en, es", Assert.IsType<ErrorMessage>(await RunAsync(Dana, "invite community lang:fr")).Text, StringComparison.Ordinal);

        Assert.Equal(InvitationState.Paused, Assert.IsType<CommunityInvitationLink>(await RunAsync(Dana, "invite pause")).State);
        var status = Assert.IsType<StatusReport>(await RunAsync(Dana, "status"));
        Assert.Equal(new CommunityStatus(InvitationState.Paused, 0, 0), status.Community);
        Assert.Equal(InvitationState.Open, Assert.IsType<CommunityInvitationLink>(await RunAsync(Dana, "invite resume")).State);

        Assert.Equal(InvitationState.Revoked, Assert.IsType<CommunityInvitationLink>(await RunAsync(Dana, "invite revoke")).State);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(link.QrCode.PathAndQuery)).StatusCode);
        Assert.Contains("stays stopped", Assert.IsType<ErrorMessage>(await RunAsync(Dana, "invite resume")).Text, StringComparison.Ordinal);
        var fresh = Assert.IsType<CommunityInvitationLink>(await RunAsync(Dana, "invite community"));
        Assert.NotEqual(link.Page, fresh.Page);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(fresh.QrCode.PathAndQuery)).StatusCode);

        var history = await _factory.Services.GetRequiredService<IDeliberationStore>().ListEventsAsync(Ws, link.DeliberationId, default);
        Assert.Equal(
            [InvitationService.InvitedEvent, InvitationService.InvitedEvent, InvitationService.StateEvent, InvitationService.StateEvent, InvitationService.StateEvent, InvitationService.InvitedEvent],
            history.Where(e => e.Type.StartsWith("community.", StringComparison.Ordinal)).Select(e => e.Type));
    }

    [Fact]
    public async Task Only_the_facilitator_gets_the_addresses_people_left_to_hear_the_decision()
    {
        await RunAsync(Dana, "start quick-check \"Road repair ranking\" owner:<@U-MARIA|Maria>");
        Assert.Contains("no public link yet", Assert.IsType<ErrorMessage>(await RunAsync(Dana, "invite contacts")).Text, StringComparison.Ordinal);
        var link = Assert.IsType<CommunityInvitationLink>(await RunAsync(Dana, "invite community"));
        var none = Assert.IsType<CommunityContactList>(await RunAsync(Dana, "invite contacts"));
        Assert.Empty(none.Contacts);
        Assert.Contains("Nobody has left an address", PlainTextRenderer.Render(none), StringComparison.Ordinal);

        var token = link.Page.AbsolutePath["/c/".Length..];
        var pages = _factory.Services.GetRequiredService<PublicAnswering>();
        Assert.True(await pages.LeaveContactAsync(token, "vecina@example.org", "es", default));
        _factory.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.True(await pages.LeaveContactAsync(token, "<b>555 0100</b>", "en", default));

        var list = Assert.IsType<CommunityContactList>(await RunAsync(Dana, "invite contacts"));
        Assert.Equal(["vecina@example.org", "<b>555 0100</b>"], list.Contacts.Select(c => c.Address));
        var text = PlainTextRenderer.Render(list);
        Assert.Contains("2 people left an address on the public page of \"Road repair ranking\"", text, StringComparison.Ordinal);
        Assert.Contains("vecina@example.org (language es,", text, StringComparison.Ordinal);

        var maria = Dana with { User = new UserRef("U-MARIA", "Maria") };
        Assert.Contains("Only the facilitator", Assert.IsType<ErrorMessage>(await RunAsync(maria, "invite contacts")).Text, StringComparison.Ordinal);

        // They were told they would hear the decision: recording it reminds the facilitator, without the addresses.
        await RunAsync(Dana, "close");
        var decided = Assert.IsType<Confirmation>(await RunAsync(Dana, "decide go \"The ranking rules will be published.\"")).Text;
        Assert.Equal(
            "Recorded: Go. The public page now shows the people who answered there what was decided and why, in these words (\"invite revoke\" stops the page). " +
            "2 people left an address on the public page to hear what was decided: type \"invite contacts\" for the list, and let them know.",
            decided);
    }

    [Fact]
    public async Task Once_decided_the_public_page_says_what_was_decided_and_why_in_the_readers_language_until_the_link_is_revoked()
    {
        await RunAsync(Dana, "start quick-check \"Road repair ranking\" owner:<@U-MARIA|Maria>");
        var link = Assert.IsType<CommunityInvitationLink>(await RunAsync(Dana, "invite community lang:en,es"));
        using var http = _factory.CreateClient();
        await RunAsync(Dana, "close");
        // Before the rationale is written, the form says who will read it: the public page's readers too.
        var request = (DecisionRequest)(await _factory.Channel.WaitForAsync(s => s.Message.Message is DecisionRequest)).Message.Message;
        Assert.Equal("Everyone in the conversation will see the decision and this rationale, and so will the people who answered on the public page.", request.WhoReadsIt);
        var closed = await ReadAsync(http, link.Page.PathAndQuery);
        Assert.Contains("Answers already given are kept and will be read.", closed, StringComparison.Ordinal);
        Assert.DoesNotContain("What was decided", closed, StringComparison.Ordinal);

        await RunAsync(Dana, "decide conditions \"Go, once the ranking rules are published <and> explained in plain words.\"");

        using var english = await http.GetAsync(link.Page.PathAndQuery);
        Assert.Equal(HttpStatusCode.Gone, english.StatusCode);
        var page = await english.Content.ReadAsStringAsync();
        Assert.Contains("The time for answers has ended, and a decision has been recorded.", page, StringComparison.Ordinal);
        Assert.Contains("<h2>What was decided</h2>", page, StringComparison.Ordinal);
        Assert.Contains("<strong>Go ahead once conditions are met</strong>", page, StringComparison.Ordinal);
        // Its line breaks kept, as every person's words on the page are.
        Assert.Contains("<blockquote class=\"said\">Go, once the ranking rules are published &lt;and&gt; explained in plain words.</blockquote>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Dana", page, StringComparison.Ordinal);
        var spanish = await ReadAsync(http, link.Page.PathAndQuery + "?lang=es");
        Assert.Contains("Lo que se decidió", spanish, StringComparison.Ordinal);
        Assert.Contains("Seguir adelante cuando se cumplan ciertas condiciones", spanish, StringComparison.Ordinal);
        Assert.DoesNotContain("conditions, as they were set", page, StringComparison.Ordinal);

        // A condition set after the decision is read with it, in its words, with its due date and never its owner; the
        // facilitator setting it is told who reads it.
        var set = Assert.IsType<Confirmation>(await RunAsync(Dana, "condition \"Publish the ranking rules *first*, in plain words.\" owner:<@U-MARIA|Maria> due:2030-01-15"));
        Assert.EndsWith(DecisionService.ConditionOnPublicPage, set.Text, StringComparison.Ordinal);
        var withCondition = await ReadAsync(http, link.Page.PathAndQuery);
        Assert.Contains("<h3>The conditions, as they were set</h3>", withCondition, StringComparison.Ordinal);
        Assert.Contains("<span class=\"said\">Publish the ranking rules *first*, in plain words.</span> <span class=\"hint\">(to be met by Tuesday, January 15, 2030)</span>", withCondition, StringComparison.Ordinal);
        Assert.DoesNotContain("Maria", withCondition, StringComparison.Ordinal);
        var conditionEs = await ReadAsync(http, link.Page.PathAndQuery + "?lang=es");
        Assert.Contains("Las condiciones, tal como se fijaron", conditionEs, StringComparison.Ordinal);
        Assert.Contains("(deben cumplirse antes del martes, 15 de enero de 2030)", conditionEs, StringComparison.Ordinal);

        // A condition its owner won't address is never called met, though the facilitator accepted that.
        var concerns = _factory.Services.GetRequiredService<ConcernService>();
        var condition = (await _factory.Services.GetRequiredService<IDeliberationStore>().ListConcernsAsync(Ws, link.DeliberationId, default)).Single(c => c.Kind == ConcernKind.Condition);
        await concerns.ActAsync(new Actor("test", Ws, new UserRef("U-MARIA", "Maria")), condition.Id, ConcernAction.WontAddress, "The ranking rules are the vendor's.", $"k{++_key}", default);
        await concerns.ActAsync(Dana, condition.Id, ConcernAction.Accept, null, $"k{++_key}", default);
        var dropped = await ReadAsync(http, link.Page.PathAndQuery);
        Assert.Contains("<span class=\"said\">Publish the ranking rules *first*, in plain words.</span> <span class=\"hint\">(will not be met)</span>", dropped, StringComparison.Ordinal);
        Assert.DoesNotContain("(met)", dropped, StringComparison.Ordinal);
        Assert.Contains("(no se cumplirá)", await ReadAsync(http, link.Page.PathAndQuery + "?lang=es"), StringComparison.Ordinal);

        await RunAsync(Dana, "invite revoke");
        var revoked = await ReadAsync(http, link.Page.PathAndQuery);
        Assert.DoesNotContain("What was decided", revoked, StringComparison.Ordinal);
        Assert.DoesNotContain("ranking rules are published", revoked, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_visitor_checking_their_answers_reads_each_rating_they_gave_and_finds_it_chosen_when_they_change_it()
    {
        await RunAsync(Dana, "start ai-proposal \"Road repair ranking\" owner:<@U-MARIA|Maria>");
        var link = Assert.IsType<CommunityInvitationLink>(await RunAsync(Dana, "invite community lang:en,es"));
        using var visitor = CommunityVisitor.Browser(_factory);
        const string Words = "Mi calle lleva tres años con baches.";
        using (var harm = await CommunityVisitor.AnswerAsync(visitor, link, "harm-if-wrong", ("choice", "5"), ("words", Words)))
        using (var influence = await CommunityVisitor.AnswerAsync(visitor, link, "input-changes-decision", ("choice", "3")))
        {
            Assert.Equal((HttpStatusCode.Redirect, HttpStatusCode.Redirect), (harm.StatusCode, influence.StatusCode));
        }

        // The rating as the question's scale reads it, its end's meaning in the reader's language, with the words given with it.
        var spanish = await ReadAsync(visitor, link.Page.AbsolutePath + "/answers?lang=es");
        Assert.Contains("<span class=\"said\">5 – Grave o duradero\n" + Words + "</span>", spanish, StringComparison.Ordinal);
        Assert.Contains("<span class=\"said\">3</span>", spanish, StringComparison.Ordinal);
        Assert.Contains("<span class=\"said\">5 – Severe or lasting\n" + Words + "</span>", await ReadAsync(visitor, link.Page.AbsolutePath + "/answers?lang=en"), StringComparison.Ordinal);

        var change = await ReadAsync(visitor, link.Page.AbsolutePath + "/q/harm-if-wrong?lang=es");
        Assert.Contains("name=\"choice\" value=\"5\" checked", change, StringComparison.Ordinal);
        Assert.Equal(1, System.Text.RegularExpressions.Regex.Count(change, " checked"));
        Assert.Contains("<label for=\"answer\">1 – Menor y fácil de corregir</label>", change, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_deliberation_or_a_link_the_facilitator_is_told_what_to_type()
    {
        Assert.Equal(Usage.Start, Assert.IsType<ErrorMessage>(await RunAsync(Dana, "invite community")).Usage);
        await RunAsync(Dana, "start quick-check \"Chatbot for benefit questions\"");
        Assert.Equal(Usage.Invite, Assert.IsType<ErrorMessage>(await RunAsync(Dana, "invite pause")).Usage);
    }

    /// <summary>A page's text as a reader sees it (entities decoded), whatever its status.</summary>
    private static async Task<string> ReadAsync(HttpClient http, string path) =>
        WebUtility.HtmlDecode(await (await http.GetAsync(path)).Content.ReadAsStringAsync());

    private async Task<OutgoingMessage> RunAsync(Actor actor, string text) =>
        (await Commands.HandleAsync(actor, Room, text, null, $"k{++_key}", default)).Replies.Single();
}
