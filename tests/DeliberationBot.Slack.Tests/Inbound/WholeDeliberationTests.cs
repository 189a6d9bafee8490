using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Slack.Inbound;
using DeliberationBot.Slack.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DeliberationBot.Slack.Tests.Inbound;

/// <summary>A whole deliberation through the real HTTP pipeline, asserting every call the bot makes to Slack.</summary>
public sealed class WholeDeliberationTests : SlackHostTest
{
    private const string Team = SlackPayloads.Team;

    /// <summary>The first 10:00 on a weekday in Europe/Berlin after <paramref name="now"/>.</summary>
    private static DateTimeOffset WeekdayMorningInBerlin(DateTimeOffset now)
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var day = TimeZoneInfo.ConvertTime(now, berlin).Date.AddDays(1);
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            day = day.AddDays(1);
        }

        var morning = day.AddHours(10);
        return new DateTimeOffset(morning, berlin.GetUtcOffset(morning));
    }

    [Fact]
    public async Task From_deliberate_start_to_close()
    {
        // A weekday morning where the people are (the fake API's Europe/Berlin): step 8's reminder is not held for their
        // quiet hours or weekend, whenever the test runs.
        Host.Time.SetUtcNow(WeekdayMorningInBerlin(Host.Time.GetUtcNow()));

        // 1. The facilitator starts it with a slash command; the answer is ephemeral, the card goes through the outbox.
        Api.Person("U0ANN", "Ann Lee");
        var due = DateOnly.FromDateTime(Host.Time.GetUtcNow().UtcDateTime).AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var started = await Host.CommandAsync($"start quick-check \"Predictive screening for hotline calls\" owner:<@U0MARIA|maria> due:{due}");
        var startReply = await SlackTestHost.JsonAsync(started);
        Assert.Equal("ephemeral", startReply.GetProperty("response_type").GetString());
        Assert.Contains("Started", startReply.GetProperty("text").GetString(), StringComparison.Ordinal);
        var deliberation = await Host.DeliberationAsync();
        var queued = Assert.Single(await Host.Db.OutboxAsync());
        Assert.Equal((deliberation.CardSlot, "slack"), (queued.SlotKey, queued.Channel));

        var card = await Host.CardAsync(deliberation);
        var post = Api.CallsTo("chat.postMessage").Single();
        Assert.Equal("Bearer xoxb-test-token", post.Authorization);
        Assert.Equal("application/json; charset=utf-8", post.ContentType);
        Assert.Equal(SlackPayloads.Channel, post.Json.GetProperty("channel").GetString());
        Assert.False(string.IsNullOrWhiteSpace(post.Json.GetProperty("text").GetString()));
        var button = AnswerButton(post.Json);
        Assert.Equal(deliberation.Id, Guid.Parse(button.GetProperty("value").GetString()!));
        Assert.Contains("<@U0MARIA>", post.Strings, StringComparison.Ordinal);
        Assert.Contains(due, post.Strings, StringComparison.Ordinal);
        Assert.Equal(post.ResponseJson.GetProperty("ts").GetString(), card.MessageId);

        // 2. Ann presses Answer: the group modal opens with her trigger id, right after the acknowledgement.
        var pressed = await Host.InteractionAsync(SlackPayloads.BlockAction("answer", deliberation.Id.ToString(), "U0ANN", trigger: "trigger-ann"));
        Assert.Equal(HttpStatusCode.OK, pressed.StatusCode);
        var open = await Api.WaitForAsync("views.open");
        Assert.Equal("trigger-ann", open.Json.GetProperty("trigger_id").GetString());
        var groupView = Modals.ViewOf(open);
        Assert.Equal("deliberation_group", Modals.Callback(groupView));
        Assert.Contains("frontline_worker", Modals.OptionValues(Modals.InputElement(groupView, "group")!));
        Assert.Null(Modals.InputElement(groupView, "anonymous"));

        // 3. She picks her group; each submission replaces the modal with the next question, until she is done.
        var response = await Host.InteractionAsync(SlackPayloads.ViewSubmission(groupView,
            Modals.Values(("group", SlackPayloads.Input("static_select", SlackPayloads.Option("frontline_worker")))), "U0ANN", "V0ANN", "hash-0"));
        var view = await Modals.UpdatedViewAsync(response);
        var answered = 0;
        while (Modals.Callback(view) == "deliberation_question")
        {
            Assert.EndsWith(" left", Modals.Title(view), StringComparison.Ordinal);
            Assert.Contains($"{answered} answered", view.ToJsonString(), StringComparison.Ordinal);
            response = await Host.InteractionAsync(SlackPayloads.ViewSubmission(view,
                Modals.AnswerValues(view, $"Answer {answered} with <tags> & more", concern: answered == 1), "U0ANN", "V0ANN", $"hash-{answered + 1}"));
            view = await Modals.UpdatedViewAsync(response);
            answered++;
        }

        Assert.Equal("deliberation_notice", Modals.Callback(view));
        Assert.Contains("answered every question", view.ToJsonString(), StringComparison.Ordinal);
        Assert.True(answered >= 7, $"answered {answered}");
        Assert.Equal(answered, (await Host.AnswersAsync(deliberation)).Count(a => a.ParticipantKey == "user:U0ANN"));
        Assert.Single(await Host.AnswersAsync(deliberation), a => a.FlaggedConcern);

        // 4. The card updates in place with progress per group.
        await Host.SettleOutboxAsync();
        var update = Api.CallsTo("chat.update")[^1];
        Assert.Equal(card.MessageId, update.Json.GetProperty("ts").GetString());
        Assert.Equal(card.ConversationId, update.Json.GetProperty("channel").GetString());
        Assert.Contains("Frontline worker: 1 joined, 1 finished", update.Strings, StringComparison.Ordinal);
        Assert.Single(Api.CallsTo("chat.postMessage"), c => c.Json.GetProperty("channel").GetString() == SlackPayloads.Channel);

        // 5. Bob joins and answers his current question by replying in the card's thread; the next question comes back
        //    ephemerally. Ann, whom he mentions, is written by the name Slack shows for her.
        await Host.JoinInModalAsync(deliberation, "U0BOB", "community", "V0BOB", "b-0", opened: 2);
        var reply = await Host.EventAsync(SlackPayloads.Event(SlackPayloads.Message("U0BOB",
            "It should help <!channel> triage <@U0ANN> calls &lt;fast&gt; <https://evil.example|click>", "1700000100.000001", card.MessageId)));
        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        var ephemeral = await Api.WaitForAsync("chat.postEphemeral");
        Assert.Equal("U0BOB", ephemeral.Json.GetProperty("user").GetString());
        Assert.Equal(card.MessageId, ephemeral.Json.GetProperty("thread_ts").GetString());
        Assert.Contains("Whose lives", ephemeral.Strings, StringComparison.Ordinal);
        // Durable: it went through the outbox, queued under the reply's key. (Not read from the outbox row, whose message
        // the worker clears once it is delivered, which on a busy machine can happen before the row is read.)
        var bobsReply = DeliveryKeys.Message(SlackPayloads.Team, SlackPayloads.Channel, "1700000100.000001");
        Assert.True(await Host.Services.GetRequiredService<ReplyOutbox>().WereQueuedAsync(SlackPayloads.Team, bobsReply, CancellationToken.None));
        var bobAnswer = (await Host.AnswersAsync(deliberation)).Single(a => a.ParticipantKey == "user:U0BOB");
        Assert.Equal("purpose", bobAnswer.QuestionId);
        Assert.Equal("It should help @channel triage @Ann Lee calls <fast> click (https://evil.example)", bobAnswer.Value.Text);

        // 6. Carol has not joined: her thread reply gets an ephemeral invitation with the Answer button, which names
        //    her reply (the bot holds its words) to be her answer once she has chosen her group.
        await Host.EventAsync(SlackPayloads.Event(SlackPayloads.Message("U0CAROL", "hi", "1700000100.000002", card.MessageId)));
        var invitation = await Api.WaitForAsync("chat.postEphemeral", 2);
        Assert.Equal("U0CAROL", invitation.Json.GetProperty("user").GetString());
        var carolsReply = DeliveryKeys.Message(SlackPayloads.Team, SlackPayloads.Channel, "1700000100.000002");
        Assert.Equal($"{deliberation.Id}|{carolsReply}", AnswerButton(invitation.Json).GetProperty("value").GetString());

        // 7. Status and concerns are ephemeral reports for the caller.
        var status = await SlackTestHost.JsonAsync(await Host.CommandAsync("status"));
        Assert.Equal("ephemeral", status.GetProperty("response_type").GetString());
        Assert.Contains("Status: Predictive screening", status.GetRawText(), StringComparison.Ordinal);
        var concerns = await SlackTestHost.JsonAsync(await Host.CommandAsync("concerns"));
        Assert.Contains("each in the words of the people who raised it", concerns.GetRawText(), StringComparison.Ordinal);

        // 8. Remind: Bob has not finished, so he gets a direct message (conversations.open, then chat.postMessage).
        var remind = await SlackTestHost.JsonAsync(await Host.CommandAsync("remind"));
        Assert.Contains("Reminded 1 person privately", remind.GetRawText(), StringComparison.Ordinal);
        await Host.SettleOutboxAsync();
        Assert.Single(Api.CallsTo("conversations.open"), c => c.Json.GetProperty("users").GetString() == "U0BOB");
        var dm = Assert.Single(Api.CallsTo("chat.postMessage"), c => c.Json.GetProperty("channel").GetString() == "D0U0BOB");
        Assert.Equal(deliberation.Id.ToString(), AnswerButton(dm.Json).GetProperty("value").GetString());

        // 9. Only the facilitator or an owner may close; the error is ephemeral.
        var refused = await SlackTestHost.JsonAsync(await Host.CommandAsync("close", "U0BOB", "bob"));
        Assert.Equal("ephemeral", refused.GetProperty("response_type").GetString());
        Assert.Contains("Only the facilitator", refused.GetRawText(), StringComparison.Ordinal);
        Assert.True((await Host.DeliberationAsync()).IsOpen);

        await Host.SettleOutboxAsync();
        var before = Api.Calls.Count;
        var closed = await SlackTestHost.JsonAsync(await Host.CommandAsync("close", "U0MARIA", "maria"));
        Assert.Contains("Closed", closed.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal(DeliberationStatus.Closed, (await Host.DeliberationAsync()).Status);

        // 10. The card turns into a closed card without the button; the summary placeholder is posted in the channel.
        await Host.SettleOutboxAsync();
        var after = Api.Calls.Skip(before).ToList();
        var closedCard = Assert.Single(after, c => c.Method == "chat.update" && c.Json.GetProperty("ts").GetString() == card.MessageId);
        Assert.Equal(card.MessageId, closedCard.Json.GetProperty("ts").GetString());
        Assert.Contains("Closed: Predictive screening", closedCard.Strings, StringComparison.Ordinal);
        Assert.DoesNotContain("\"action_id\":\"answer\"", closedCard.Body, StringComparison.Ordinal);
        Assert.Contains("Predictive screening for hotline calls", Assert.Single(after, c => c.Method == "chat.postMessage" && c.Json.GetProperty("channel").GetString() == SlackPayloads.Channel).Strings, StringComparison.Ordinal);

        // 11. Answer after closing opens a modal that says so.
        await Host.InteractionAsync(SlackPayloads.BlockAction("answer", deliberation.Id.ToString(), "U0DAVE"));
        var lateView = Modals.ViewOf(await Api.WaitForAsync("views.open", 3));
        Assert.Equal("deliberation_notice", Modals.Callback(lateView));
        Assert.Contains("is closed", lateView.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_without_arguments_opens_the_form_and_its_submission_starts_the_deliberation()
    {
        var response = await Host.CommandAsync("start", trigger: "trigger-form");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());

        var open = await Api.WaitForAsync("views.open");
        Assert.Equal("trigger-form", open.Json.GetProperty("trigger_id").GetString());
        var form = Modals.ViewOf(open);
        Assert.Equal("deliberation_start", Modals.Callback(form));
        Assert.Equal(SlackPayloads.Channel, form["private_metadata"]!.GetValue<string>());
        Assert.Contains("quick-check", Modals.OptionValues(Modals.InputElement(form, "flow")!));

        var past = DateOnly.FromDateTime(Host.Time.GetUtcNow().UtcDateTime).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        JsonObject Values(string date) => Modals.Values(
            ("flow", SlackPayloads.Input("static_select", SlackPayloads.Option("quick-check"))),
            ("title", SlackPayloads.Input("plain_text_input", "Route optimisation <!here>")),
            ("description", SlackPayloads.Input("plain_text_input", "Scheduling inspections")),
            ("owners", SlackPayloads.Input("multi_users_select", new JsonArray("U0MARIA", "U0JO"))),
            ("due", SlackPayloads.Input("datepicker", date)),
            ("anonymity", SlackPayloads.Input("radio_buttons", SlackPayloads.Option("anonymous_allowed"))));

        var tooLate = JsonNode.Parse(await (await Host.InteractionAsync(SlackPayloads.ViewSubmission(form, Values(past), hash: "f-1"))).Content.ReadAsStringAsync())!;
        Assert.Equal("errors", tooLate["response_action"]!.GetValue<string>());
        Assert.Equal($"The deadline {past} has already passed. Pick a date from today on.", tooLate["errors"]!["due"]!.GetValue<string>());
        Assert.Equal(0, await Host.Db.CountAsync("deliberations"));

        var future = DateOnly.FromDateTime(Host.Time.GetUtcNow().UtcDateTime).AddDays(10);
        var done = await Modals.UpdatedViewAsync(await Host.InteractionAsync(SlackPayloads.ViewSubmission(form, Values(future.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), hash: "f-2")));
        Assert.Contains("Started", done.ToJsonString(), StringComparison.Ordinal);
        var d = await Host.DeliberationAsync();
        Assert.Equal(1, await Host.Db.CountAsync("deliberations"));
        Assert.Equal("Route optimisation <!here>", d.Title);
        Assert.Equal(["U0MARIA", "U0JO"], d.Owners.Select(o => o.Id));
        Assert.Equal(future, d.Due);
        Assert.Equal(AnonymityPolicy.AnonymousAllowed, d.Anonymity);
        Assert.Equal(SlackPayloads.Channel, d.Home.ConversationId);

        // The title is user text: the card shows it, but never as a live @here.
        await Host.SettleOutboxAsync();
        var card = Api.CallsTo("chat.postMessage").Single();
        Assert.DoesNotContain("<!here>", card.Strings, StringComparison.Ordinal);
        Assert.Contains("Route optimisation &lt;!here&gt;", card.Json.GetProperty("text").GetString(), StringComparison.Ordinal);

        // Anonymous answers are allowed: the group modal offers the choice, and an anonymous participant has no name.
        await Host.InteractionAsync(SlackPayloads.BlockAction("answer", d.Id.ToString(), "U0ANON"));
        var groupView = Modals.ViewOf(await Api.WaitForAsync("views.open", 2));
        Assert.NotNull(Modals.InputElement(groupView, "anonymous"));
        var first = await Modals.UpdatedViewAsync(await Host.InteractionAsync(SlackPayloads.ViewSubmission(groupView, Modals.Values(
            ("group", SlackPayloads.Input("static_select", SlackPayloads.Option("community"))),
            ("anonymous", SlackPayloads.Input("checkboxes", new JsonArray(SlackPayloads.Option("yes"))))), "U0ANON", "V0ANON", "a-1")));
        Assert.Contains("answering anonymously", first.ToJsonString(), StringComparison.Ordinal);
        var events = (await Host.EventsAsync(d)).Where(e => e.Type == EventTypes.Joined).ToList();
        Assert.StartsWith("anon:", Assert.Single(events).Actor, StringComparison.Ordinal);
    }

    private static JsonElement AnswerButton(JsonElement message) =>
        message.GetProperty("blocks").EnumerateArray()
            .Where(b => b.GetProperty("type").GetString() == "actions")
            .SelectMany(b => b.GetProperty("elements").EnumerateArray())
            .Single(e => e.GetProperty("action_id").GetString() == "answer");
}
