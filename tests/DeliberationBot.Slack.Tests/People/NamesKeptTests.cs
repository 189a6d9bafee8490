using System.Globalization;
using System.Text.Json.Nodes;
using DeliberationBot.Slack.Tests.Infrastructure;

namespace DeliberationBot.Slack.Tests.People;

/// <summary>
/// Slash commands carry the writer's handle and mention people as &lt;@U…|handle&gt;; buttons and forms carry the
/// handle, and a person picked in a form only the id. Where the service keeps a name (who started, owns, joined,
/// raised a concern or decided), it is the name Slack shows, as people saw it, so owners and the record read the same
/// names as the channel.
/// </summary>
public sealed class NamesKeptTests : SlackHostTest
{
    [Fact]
    public async Task A_slash_command_names_its_writer_and_the_people_it_mentions_as_Slack_shows_them()
    {
        Api.Person("U0MARIA", "María García");
        Api.Person("U0DANA", "Dana Ruiz");

        var d = await Host.StartDeliberationAsync("start quick-check \"Ask <@U0MARIA|maria> first\" owner:<@U0MARIA|maria>", "U0DANA", "dana");
        await Host.CommandAsync("concern \"<@U0MARIA|maria> should hear the night shift first\"", "U0DANA", "dana");
        await Host.SettleOutboxAsync();

        Assert.Equal("Ask @María García first", d.Title);
        Assert.Equal(("U0DANA", "Dana Ruiz"), (d.Facilitator.Id, d.Facilitator.Name));
        Assert.Equal(("U0MARIA", "María García"), (Assert.Single(d.Owners).Id, d.Owners[0].Name));
        var concern = Assert.Single(await Host.Store.ListConcernsAsync(d.WorkspaceId, d.Id, default));
        Assert.Equal("@María García should hear the night shift first", concern.Text);
        Assert.Equal("Dana Ruiz", Assert.Single(concern.Voices).Name);
        var notice = Assert.Single(Api.CallsTo("chat.postMessage"), c => c.Json.GetProperty("channel").GetString() == "D0U0MARIA" && c.Strings.Contains("night shift", StringComparison.Ordinal));
        Assert.Contains("Dana Ruiz", notice.Strings, StringComparison.Ordinal);
        Assert.DoesNotContain("@maria", notice.Strings, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_start_form_keeps_its_facilitator_and_the_owners_picked_by_name()
    {
        Api.Person("U0TESS", "Tess Oduya");
        Api.Person("U0MARIA", "María García");
        await Host.CommandAsync("start", "U0TESS", "tess", trigger: "trigger-form");
        var form = Modals.ViewOf(await Api.WaitForAsync("views.open"));
        var due = DateOnly.FromDateTime(Host.Time.GetUtcNow().UtcDateTime).AddDays(10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        await Host.InteractionAsync(SlackPayloads.ViewSubmission(form, Modals.Values(
            ("flow", SlackPayloads.Input("static_select", SlackPayloads.Option("quick-check"))),
            ("title", SlackPayloads.Input("plain_text_input", "Route optimisation")),
            ("owners", SlackPayloads.Input("multi_users_select", new JsonArray("U0MARIA", "U0JO"))),
            ("due", SlackPayloads.Input("datepicker", due)),
            ("anonymity", SlackPayloads.Input("radio_buttons", SlackPayloads.Option("named")))), "U0TESS", "V0START", "s-1"));

        var d = await Host.DeliberationAsync();
        Assert.Equal(("U0TESS", "Tess Oduya"), (d.Facilitator.Id, d.Facilitator.Name));
        // Jo chose no display name: Slack shows the handle.
        Assert.Equal([("U0MARIA", "María García"), ("U0JO", "jo")], d.Owners.Select(o => (o.Id, o.Name!)));
    }

    [Fact]
    public async Task A_participant_who_joins_in_the_form_is_named_as_Slack_shows_them_to_the_owners()
    {
        Api.Person("U0ANN", "Ann Lee");
        var d = await Host.StartDeliberationAsync("start quick-check \"Intake screening\" owner:<@U0MARIA|maria>", "U0DANA", "dana");

        var first = await Host.JoinInModalAsync(d, "U0ANN", "frontline_worker", "V0ANN", "a-0");
        await Host.InteractionAsync(SlackPayloads.ViewSubmission(first, Modals.AnswerValues(first, "Nobody asked the night shift", concern: true), "U0ANN", "V0ANN", "a-1"));
        await Host.CommandAsync("close", "U0DANA", "dana");
        await Host.SettleOutboxAsync();

        var participant = Assert.Single(await Host.Store.ListParticipantsAsync(d.WorkspaceId, d.Id, default));
        Assert.Equal("Ann Lee", participant.DisplayName);
        var notice = Assert.Single(Api.CallsTo("chat.postMessage"), c => c.Json.GetProperty("channel").GetString() == "D0U0MARIA" && c.Strings.Contains("night shift", StringComparison.Ordinal));
        Assert.Contains("Ann Lee", notice.Strings, StringComparison.Ordinal);
        Assert.DoesNotContain("u0ann", notice.Strings, StringComparison.Ordinal);
        Assert.Single(Api.CallsTo("users.info"), c => c.Form("user") == "U0ANN");
    }

    [Fact]
    public async Task When_Slack_cannot_say_the_handle_the_interaction_carried_is_kept()
    {
        var d = await Host.StartDeliberationAsync("start quick-check \"Intake screening\"", "U0DANA", "dana");
        Api.Override = call => call.Method == "users.info" ? FakeResponse.Error("user_not_found") : null;

        await Host.JoinInModalAsync(d, "U0ANN", "frontline_worker", "V0ANN", "a-0");

        Assert.Equal("u0ann", Assert.Single(await Host.Store.ListParticipantsAsync(d.WorkspaceId, d.Id, default)).DisplayName);
    }
}
