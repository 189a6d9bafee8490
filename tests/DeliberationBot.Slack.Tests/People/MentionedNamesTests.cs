using System.Net;
using System.Text.Json.Nodes;
using DeliberationBot.Slack.People;
using DeliberationBot.Slack.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DeliberationBot.Slack.Tests.People;

/// <summary>
/// Slack's events carry a mention as &lt;@U…&gt; alone. A person mentioned in a message to the bot reaches the owner
/// by the name Slack shows for them, as the writer saw it; when Slack cannot say, the id stays and nothing else is lost.
/// </summary>
public sealed class MentionedNamesTests : SlackHostTest
{
    [Fact]
    public async Task A_concern_typed_to_the_bot_reaches_the_owner_with_the_person_it_mentions_by_name()
    {
        Api.Person("U0MARIA", "Maria Garcia");
        Api.Person("U0DANA", "Dana Ruiz");
        var d = await Host.StartDeliberationAsync("start quick-check \"Intake screening\" owner:<@U0MARIA|maria>", "U0DANA", "dana");
        await Host.SettleOutboxAsync();

        var response = await Host.EventAsync(SlackPayloads.Event(SlackPayloads.Message(
            "U0DANA", $"<@{SlackPayloads.Bot}> concern \"<@U0MARIA> should hear the night shift first\"", "1700000500.000001", type: "app_mention")));
        await Host.SettleOutboxAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var concern = Assert.Single(await Host.Store.ListConcernsAsync(d.WorkspaceId, d.Id, default));
        Assert.Equal("@Maria Garcia should hear the night shift first", concern.Text);
        var notice = Assert.Single(Api.CallsTo("chat.postMessage"), c => c.Json.GetProperty("channel").GetString() == "D0U0MARIA" && c.Strings.Contains("night shift", StringComparison.Ordinal));
        Assert.Contains("“@Maria Garcia should hear the night shift first", notice.Strings, StringComparison.Ordinal);
        Assert.Equal(["U0DANA", "U0MARIA"], Api.CallsTo("users.info").Select(c => c.Form("user")).Order());
    }

    [Fact]
    public async Task A_deliberation_started_by_mentioning_the_bot_knows_its_facilitator_and_owner_by_name()
    {
        Api.Person("U0MARIA", "Maria Garcia");
        Api.Person("U0DANA", "Dana Ruiz");

        await Host.EventAsync(SlackPayloads.Event(SlackPayloads.Message(
            "U0DANA", $"<@{SlackPayloads.Bot}> start quick-check \"Ask <@U0MARIA> first\" owner:<@U0MARIA>", "1700000500.000002", type: "app_mention")));

        var d = await Host.DeliberationAsync();
        Assert.Equal("Ask @Maria Garcia first", d.Title);
        Assert.Equal(("U0DANA", "Dana Ruiz"), (d.Facilitator.Id, d.Facilitator.Name));
        var owner = Assert.Single(d.Owners);
        Assert.Equal(("U0MARIA", "Maria Garcia"), (owner.Id, owner.Name));
    }

    [Fact]
    public async Task An_answer_in_the_thread_names_the_person_it_mentions()
    {
        Api.Person("U0SAM", "Sam O'Neill");
        var d = await Host.StartDeliberationAsync("start quick-check \"Intake screening\"", "U0DANA", "dana");
        var card = await Host.CardAsync(d);
        await Host.JoinInModalAsync(d, "U0ANN", "frontline_worker", "V0ANN", "a-0");

        await Host.EventAsync(SlackPayloads.Event(SlackPayloads.Message("U0ANN", "Ask <@U0SAM> &amp; the night shift", "1700000500.000003", card.MessageId)));

        await Api.WaitForAsync("chat.postEphemeral");
        Assert.Equal("Ask @Sam O'Neill & the night shift", Assert.Single(await Host.AnswersAsync(d)).Value.Text);
    }

    [Fact]
    public async Task When_Slack_cannot_say_who_was_mentioned_the_id_stays_and_the_concern_is_kept()
    {
        var d = await Host.StartDeliberationAsync("start quick-check \"Intake screening\" owner:<@U0MARIA|maria>", "U0DANA", "dana");
        Api.Override = call => call.Method == "users.info" ? FakeResponse.Error("user_not_found") : null;

        var response = await Host.EventAsync(SlackPayloads.Event(SlackPayloads.Message(
            "U0DANA", $"<@{SlackPayloads.Bot}> concern \"<@U0GONE> was never asked\"", "1700000500.000004", type: "app_mention")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("@U0GONE was never asked", Assert.Single(await Host.Store.ListConcernsAsync(d.WorkspaceId, d.Id, default)).Text);
    }

    [Fact]
    public async Task One_message_looks_up_at_most_ten_people_each_once_and_never_the_bot()
    {
        var people = Host.Services.GetRequiredService<SlackPeople>();
        var text = $"<@{SlackPayloads.Bot}> " + string.Join(" ", Enumerable.Range(0, 12).Select(i => $"<@U0P{i:D2}> <@U0P{i:D2}>")) + " <@U0NAMED|named>";

        var names = await people.NamesMentionedAsync(SlackPayloads.Team, text, SlackPayloads.Bot, default);

        var asked = Api.CallsTo("users.info").Select(c => c.Form("user")).Order().ToList();
        Assert.Equal(Enumerable.Range(0, SlackPeople.MostNamesPerMessage).Select(i => $"U0P{i:D2}"), asked);
        Assert.Equal("p00", names!["U0P00"]);
        Assert.Null(await people.NamesMentionedAsync(SlackPayloads.Team, "no one <!here> <#C1|general>", SlackPayloads.Bot, default));
    }

    [Fact]
    public async Task The_name_shown_is_the_display_name_else_the_full_name_else_the_handle()
    {
        Api.Enqueue(
            "users.info",
            UserInfo("U0A", display: "Ana", real: "Ana Pérez", handle: "ana.p"),
            UserInfo("U0B", display: " ", real: "Bo Chen", handle: "bo"),
            UserInfo("U0C", display: "", real: null, handle: "cy"));
        var people = Host.Services.GetRequiredService<SlackPeople>();

        Assert.Equal("Ana", (await people.FindAsync(SlackPayloads.Team, "U0A", default)).Name);
        Assert.Equal("Bo Chen", (await people.FindAsync(SlackPayloads.Team, "U0B", default)).Name);
        Assert.Equal("cy", (await people.FindAsync(SlackPayloads.Team, "U0C", default)).Name);
    }

    private static FakeResponse UserInfo(string id, string display, string? real, string handle) =>
        FakeResponse.Ok(new JsonObject
        {
            ["user"] = new JsonObject
            {
                ["id"] = id,
                ["name"] = handle,
                ["profile"] = new JsonObject { ["display_name"] = display, ["real_name"] = real },
            },
        });
}
