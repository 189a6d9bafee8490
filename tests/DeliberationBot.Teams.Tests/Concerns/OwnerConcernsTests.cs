using DeliberationBot.Core.Concerns;
using System.Net;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Stakeholders;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Teams.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DeliberationBot.Teams.Tests.Concerns;

/// <summary>An owner's concerns reach them whole, however many and however long, and each concern's actions open on demand.</summary>
public sealed class OwnerConcernsTests : HostTest
{
    [Fact]
    public async Task Sixty_long_concerns_reach_the_owner_word_for_word_in_parts_within_the_size_limit_and_a_retry_sends_only_the_rest()
    {
        var texts = Enumerable.Range(1, 60).Select(i => Payloads.Words($"Concern number {i}:", 4000)).ToList();
        var d = await StartWithConcernsAsync(texts);

        // Teams throttles the third part; the outbox tries again two minutes later.
        var maria = Chat.Personal(Person.Maria).Id;
        var posts = 0;
        Fake.Fail(c => c.IsPost && c.ConversationId == maria && ++posts == 3, HttpStatusCode.TooManyRequests, retryAfter: TimeSpan.FromSeconds(120));
        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Fiona, Chat.Group, "close"));
        var sent = (await Host.SentAsync()).ToList();
        Host.Clock.Advance(TimeSpan.FromSeconds(121));
        sent.AddRange(await Host.SentAsync());

        Payloads.AssertSentAsTeamsExpects(sent);
        // The flow's own rules add concerns of their own (e.g. for a "no" where "yes" is expected): all of them go too.
        var all = (await Host.Store.ListConcernsAsync(Activities.Tenant, d, CancellationToken.None)).Count;
        var attempts = Payloads.Parts(sent, maria, $"{all} concerns on \"Predictive screening\" need your response");
        var parts = attempts.Where(c => c.ResponseId is not null).ToList();
        Assert.True(parts.Count >= 10, $"60 concerns of 4,000 characters cannot fit in {parts.Count} Teams messages");
        Assert.Equal(parts.Count + 1, attempts.Count); // the throttled one, then each part once: none sent twice
        Assert.Equal(parts.Count, parts.Select(p => p.Body!["summary"]!.GetValue<string>()).Distinct().Count());
        Assert.Equal(
            Enumerable.Range(1, parts.Count).Select(i => $"{all} concerns on \"Predictive screening\" need your response (part {i} of {parts.Count})"),
            parts.Select(p => p.Body!["summary"]!.GetValue<string>()));

        var delivered = string.Join("\n", parts.Select(p => p.CardText));
        Assert.All(texts, text => Assert.Contains(text, delivered, StringComparison.Ordinal));
        Assert.All(parts, p => Assert.Equal(Person.Maria.TeamsId, p.Body!["recipient"]!["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Each_concern_shows_its_words_first_and_its_actions_on_demand()
    {
        await StartWithConcernsAsync(Enumerable.Range(1, 8).Select(i => $"Worry {i}: the score decides who gets a visit.").ToList());
        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Fiona, Chat.Group, "close"));
        var sent = await Host.SentAsync();

        var card = Assert.Single(Payloads.Parts(sent, Chat.Personal(Person.Maria).Id, "", "need your response")).Card!;
        var body = card["body"]!.AsArray().Select(n => n!.AsObject()).ToList();
        Assert.DoesNotContain(body, e => e["type"]!.GetValue<string>().StartsWith("Input.", StringComparison.Ordinal));
        var sets = body.Where(e => e["type"]!.GetValue<string>() == "ActionSet").ToList();
        Assert.True(sets.Count >= 8);
        foreach (var set in sets)
        {
            // Each concern's words come before its one "Respond to #n", which opens the response box and the buttons.
            var show = Assert.Single(set["actions"]!.AsArray())!;
            Assert.Equal("Action.ShowCard", show["type"]!.GetValue<string>());
            Assert.StartsWith("Respond to #", show["title"]!.GetValue<string>(), StringComparison.Ordinal);
            var inner = show["card"]!;
            Assert.True(inner["body"]![0]!["isRequired"]!.GetValue<bool>());
            Assert.Contains("Respond", inner["actions"]!.AsArray().Select(a => a!["title"]!.GetValue<string>()));
        }

        var text = Texts.Of(card);
        foreach (var i in Enumerable.Range(1, 8))
        {
            var words = text.IndexOf($"“Worry {i}: the score decides who gets a visit.”", StringComparison.Ordinal);
            Assert.True(words > 0);
            Assert.True(text.IndexOf("Respond to #", words, StringComparison.Ordinal) > words, "the actions come after the words");
        }
    }

    [Fact]
    public async Task After_the_owner_acts_on_a_concern_the_card_shows_where_each_stands_and_offers_only_what_is_left()
    {
        await StartWithConcernsAsync(["The score decides who gets a visit.", "Nobody asked the night shift."]);
        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Fiona, Chat.Group, "close"));
        var maria = Chat.Personal(Person.Maria);
        var card = Assert.Single(Payloads.Parts(await Host.SentAsync(), maria.Id, "", "need your response")).Card!;
        var before = Actions(card);
        Assert.Contains(("Acknowledge", 1), before);
        Assert.Contains(("Acknowledge", 2), before);

        var acknowledged = await Host.SendAsync(Activities.Execute(ServiceUrl, Person.Maria, maria, "concern", DataOf(card, "Acknowledge", 1)));

        Assert.Equal("application/vnd.microsoft.card.adaptive", acknowledged!["type"]!.GetValue<string>());
        var redrawn = acknowledged["value"]!.AsObject();
        Assert.Contains("**#1** · acknowledged", Texts.Of(redrawn), StringComparison.Ordinal);
        Assert.Contains("The score decides who gets a visit.", Texts.Of(redrawn), StringComparison.Ordinal);
        var after = Actions(redrawn);
        Assert.DoesNotContain(("Acknowledge", 1), after);
        Assert.Contains(("Mark addressed", 1), after);
        Assert.Contains(("Acknowledge", 2), after);

        // Marked addressed, #1 waits on the people who raised it: the owner can still add to the response, no more.
        var data = DataOf(redrawn, "Mark addressed", 1);
        data["response-" + Guid.Parse(data["concernId"]!.GetValue<string>()).ToString("N")] = "We will pilot on day shift only."; // the box's words come with the action
        var addressed = (await Host.SendAsync(Activities.Execute(ServiceUrl, Person.Maria, maria, "concern", data)))!["value"]!.AsObject();
        Assert.Contains("Response from Maria Garcia: We will pilot on day shift only.", Texts.Of(addressed), StringComparison.Ordinal);
        Assert.Equal(["Respond"], Actions(addressed).Where(a => a.Number == 1).Select(a => a.Title));
        // #1 waits on the people who raised it now: one fewer needs the owner's response.
        static int Waiting(System.Text.Json.Nodes.JsonObject c) =>
            int.Parse(System.Text.RegularExpressions.Regex.Match(Texts.Of(c), @"(\d+) concerns? needs? your response").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(Waiting(redrawn) - 1, Waiting(addressed));
        Assert.Contains(("Acknowledge", 2), Actions(addressed));
    }

    [Fact]
    public async Task A_concern_the_owner_responded_to_no_longer_counts_as_needing_their_response()
    {
        await StartWithConcernsAsync(["The score decides who gets a visit.", "Nobody asked the night shift."]);
        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Fiona, Chat.Group, "close"));
        var maria = Chat.Personal(Person.Maria);
        var card = Assert.Single(Payloads.Parts(await Host.SentAsync(), maria.Id, "", "need your response")).Card!;
        var numbers = Actions(card).Select(a => a.Number).Distinct().ToList();
        Assert.Contains($"{numbers.Count} concerns need your response.", Texts.Of(card), StringComparison.Ordinal);

        async Task<System.Text.Json.Nodes.JsonObject> RespondAsync(System.Text.Json.Nodes.JsonObject on, int number)
        {
            var data = DataOf(on, "Respond", number);
            data["response-" + Guid.Parse(data["concernId"]!.GetValue<string>()).ToString("N")] = $"Our answer to #{number}.";
            return (await Host.SendAsync(Activities.Execute(ServiceUrl, Person.Maria, maria, "concern", data)))!["value"]!.AsObject();
        }

        // Responded to, #1 waits only to be marked addressed: it no longer counts as needing a response.
        card = await RespondAsync(card, numbers[0]);
        Assert.Contains($"{numbers.Count - 1} concern{(numbers.Count == 2 ? " needs" : "s need")} your response.", Texts.Of(card), StringComparison.Ordinal);
        foreach (var number in numbers.Skip(1))
        {
            card = await RespondAsync(card, number);
        }

        Assert.Contains("You have responded to each. Open **Respond** under one to change your response or mark it addressed.", Texts.Of(card), StringComparison.Ordinal);
        Assert.DoesNotContain("your response.", Texts.Of(card).Replace("change your response", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.All(numbers, n => Assert.Contains(("Mark addressed", n), Actions(card)));
    }

    [Fact]
    public async Task The_person_who_raised_it_finds_their_notice_drawn_again_after_accepting_or_reopening()
    {
        var raiser = await AddressedAsync(anonymous: false);
        var theirs = Chat.Personal(raiser);
        var notice = Assert.Single(Payloads.Parts(await Host.SentAsync(), theirs.Id, "", "responded")).Card!;
        Assert.Equal(["Accept", "Reopen"], TopActions(notice).Select(a => a["title"]!.GetValue<string>()));
        Assert.Contains("If you reopen it: what is not settled for you? (optional)", notice.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("in your words, with your name and group. Others in the conversation can read it too, with your group but not your name.", notice.ToJsonString(), StringComparison.Ordinal);

        // Words in the box go with Reopen; pressing Accept with words there accepts nothing, and the card keeps them.
        var acceptWithWords = TopAction(notice, "Accept");
        acceptWithWords["response-" + Guid.Parse(acceptWithWords["concernId"]!.GetValue<string>()).ToString("N")] = "Fine, but check the night shift.";
        var refused = (await Host.SendAsync(Activities.Execute(ServiceUrl, raiser, theirs, "concern", acceptWithWords)))!;
        Assert.Equal("application/vnd.microsoft.activity.message", refused["type"]!.GetValue<string>());
        Assert.Contains("Nothing was accepted: Accept does not send what you wrote in the box. To send your words to the owners, press Reopen", refused["value"]!.GetValue<string>(), StringComparison.Ordinal);
        var concern = await Host.Store.FindConcernAsync(Activities.Tenant, Guid.Parse(acceptWithWords["concernId"]!.GetValue<string>()), default);
        Assert.Equal(ConcernStatus.Addressed, concern!.Status);
        Assert.Empty(concern.AcceptedBy);
        Assert.NotEqual("none", TopActions(notice).Single(a => a["title"]!.GetValue<string>() == "Accept")["associatedInputs"]?.GetValue<string>());

        var accepted = (await Host.SendAsync(Activities.Execute(ServiceUrl, raiser, theirs, "concern", TopAction(notice, "Accept"))))!["value"]!.AsObject();
        Assert.Contains("You accepted the response, and the concern is settled. If it stops being settled for you, you can reopen it.", Texts.Of(accepted), StringComparison.Ordinal);
        Assert.Contains("Response from Maria Garcia: Visits stay a worker's call.", Texts.Of(accepted), StringComparison.Ordinal);
        Assert.Equal(["Reopen"], TopActions(accepted).Select(a => a["title"]!.GetValue<string>()));

        // Reopening sends what they wrote in the box beside it, if anything: their words join the concern's.
        var reopen = TopAction(accepted, "Reopen");
        reopen["response-" + Guid.Parse(reopen["concernId"]!.GetValue<string>()).ToString("N")] = "Visits are still ranked before a worker reads the file.";
        var reopened = (await Host.SendAsync(Activities.Execute(ServiceUrl, raiser, theirs, "concern", reopen)))!["value"]!.AsObject();
        Assert.Contains("You reopened the concern, and the owners have been told.", Texts.Of(reopened), StringComparison.Ordinal);
        Assert.Contains("“Visits are still ranked before a worker reads the file.”", Texts.Of(reopened), StringComparison.Ordinal);
        Assert.Contains(", on reopening it", Texts.Of(reopened), StringComparison.Ordinal);
        Assert.Contains("Response from Maria Garcia, before it was reopened: Visits stay a worker's call.", Texts.Of(reopened), StringComparison.Ordinal);
        // Their words answer the response, not the question: they come after the line saying which question raised it.
        Assert.True(Texts.Of(reopened).IndexOf("On: ", StringComparison.Ordinal) is var on and >= 0 && on < Texts.Of(reopened).IndexOf("“Visits are still", StringComparison.Ordinal));
        Assert.Empty(TopActions(reopened));
        Assert.DoesNotContain("Input.Text", reopened.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_someone_who_raised_it_anonymously_accepts_everyone_in_the_conversation_sees_where_it_stands()
    {
        var raiser = await AddressedAsync(anonymous: true);

        // They answered anonymously, so the response is posted in the conversation, where everyone sees the same card.
        var posted = Assert.Single(await Host.SentAsync(), c => c.IsPost && c.ConversationId == Chat.Group.Id && c.CardText.Contains("responded", StringComparison.Ordinal));
        var accept = Activities.Execute(ServiceUrl, raiser, Chat.Group, "concern", TopAction(posted.Card!, "Accept"));
        accept["replyToId"] = posted.ResponseId;
        var theirs = (await Host.SendAsync(accept))!["value"]!.AsObject();
        const string Settled = "Everyone who raised it accepted the response, so the concern is settled.";
        const string Told = "Concern #1 is now resolved.";
        Assert.Contains(Settled, Texts.Of(theirs), StringComparison.Ordinal);
        Assert.StartsWith(Told, Texts.Of(theirs), StringComparison.Ordinal); // what came of their press, above it

        // The invoke's card replaces the card for the person who pressed only; the message is updated for the others,
        // as it stands, without what was said to the one who pressed.
        var update = Assert.Single(await Fake.WaitForAsync(c => c.IsUpdate && c.ActivityId == posted.ResponseId));
        Assert.Equal(Chat.Group.Id, update.ConversationId);
        Assert.Contains(Settled, update.CardText, StringComparison.Ordinal);
        Assert.DoesNotContain(Told, update.CardText, StringComparison.Ordinal);
        Assert.Equal(["Reopen"], TopActions(update.Card!).Select(a => a["title"]!.GetValue<string>()));
        // Nor is it said in the conversation, where it would follow the press of someone who answered anonymously.
        Assert.DoesNotContain(await Host.SentAsync(), c => c.IsPost && c.Body!.ToJsonString().Contains(Told, StringComparison.Ordinal));
    }

    /// <summary>One person raises a concern (by name or anonymously); once the deliberation closes, Maria marks it addressed.</summary>
    private async Task<Person> AddressedAsync(bool anonymous)
    {
        await StartWithConcernsAsync(["The score decides who gets a visit."], anonymous);
        var raiser = new Person("29:person-0", "aad-person-0", "Person 0");
        Fake.AddToRoster(raiser);
        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Fiona, Chat.Group, "close"));
        var maria = Chat.Personal(Person.Maria);
        var card = Assert.Single(Payloads.Parts(await Host.SentAsync(), maria.Id, "", "need your response")).Card!;
        var data = DataOf(card, "Mark addressed", 1);
        data["response-" + Guid.Parse(data["concernId"]!.GetValue<string>()).ToString("N")] = "Visits stay a worker's call.";
        await Host.SendAsync(Activities.Execute(ServiceUrl, Person.Maria, maria, "concern", data));
        return raiser;
    }

    private static IEnumerable<System.Text.Json.Nodes.JsonObject> TopActions(System.Text.Json.Nodes.JsonObject card) =>
        (card["actions"]?.AsArray() ?? []).Select(a => a!.AsObject());

    private static System.Text.Json.Nodes.JsonObject TopAction(System.Text.Json.Nodes.JsonObject card, string title) =>
        TopActions(card).Single(a => a["title"]!.GetValue<string>() == title)["data"]!.DeepClone().AsObject();

    /// <summary>The card's concern actions: (title, concern number), read from each "Respond to #n" that opens them.</summary>
    private static List<(string Title, int Number)> Actions(System.Text.Json.Nodes.JsonObject card) =>
        [.. ShowCards(card).SelectMany(show => show["card"]!["actions"]!.AsArray().Select(a =>
            (a!["title"]!.GetValue<string>(), int.Parse(show["title"]!.GetValue<string>()["Respond to #".Length..], System.Globalization.CultureInfo.InvariantCulture))))];

    private static System.Text.Json.Nodes.JsonObject DataOf(System.Text.Json.Nodes.JsonObject card, string title, int number) =>
        ShowCards(card).Single(s => s["title"]!.GetValue<string>() == $"Respond to #{number}")["card"]!["actions"]!.AsArray()
            .Single(a => a!["title"]!.GetValue<string>() == title)!["data"]!.DeepClone().AsObject();

    private static IEnumerable<System.Text.Json.Nodes.JsonNode> ShowCards(System.Text.Json.Nodes.JsonObject card) =>
        card["body"]!.AsArray().Where(e => e!["type"]!.GetValue<string>() == "ActionSet").Select(set => set!["actions"]![0]!);

    /// <summary>
    /// Fiona starts an ai-proposal deliberation owned by Maria; people of every group answer it through the engine,
    /// flagging free-text answers written with the given texts, one concern each, until every text is used.
    /// </summary>
    private async Task<Guid> StartWithConcernsAsync(IReadOnlyList<string> texts, bool anonymous = false)
    {
        Fake.AddToRoster(Person.Maria);
        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Fiona, Chat.Group, $"start ai-proposal \"Predictive screening\" owner:<at>Maria Garcia</at>{(anonymous ? " anonymous" : "")}", [Activities.Mention(Person.Maria)]));
        var d = await Host.SingleDeliberationAsync();
        var answering = Host.Services.GetRequiredService<AnsweringService>();
        var groups = Enum.GetValues<StakeholderGroup>();
        var used = 0;
        for (var p = 0; used < texts.Count; p++)
        {
            Assert.True(p < 100, "enough people to flag every text");
            var actor = new Actor("teams", Activities.Tenant, new UserRef($"aad-person-{p}", $"Person {p}"));
            var result = await answering.JoinAsync(actor, d.Id, groups[p % groups.Length], anonymous, $"test:join:{p}", CancellationToken.None);
            while (result.Replies.OfType<QuestionPrompt>().FirstOrDefault() is { } q)
            {
                var flag = q.Kind == AnswerKind.FreeText && used < texts.Count;
                var value = q.Kind switch
                {
                    AnswerKind.FreeText => AnswerValue.FromText(flag ? texts[used++] : "Nothing more to add."),
                    AnswerKind.Number or AnswerKind.Scale => AnswerValue.FromNumber(3),
                    AnswerKind.MultipleChoice => AnswerValue.FromChoices(q.Options[0].Id),
                    _ => AnswerValue.FromChoices(q.Options[0].Id),
                };
                result = await answering.AnswerAsync(actor, d.Id, q.QuestionId, value, flag, $"test:{p}:{q.QuestionId}", CancellationToken.None);
                Assert.DoesNotContain(result.Replies, r => r is ErrorMessage);
            }
        }

        await Host.SentAsync();
        return d.Id;
    }
}
