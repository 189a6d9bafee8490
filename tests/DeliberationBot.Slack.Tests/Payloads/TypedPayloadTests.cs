using System.Text.Json;
using System.Text.Json.Nodes;
using DeliberationBot.Core.Flows;
using DeliberationBot.Slack.Inbound;
using DeliberationBot.Slack.Inbound.Payloads;
using DeliberationBot.Slack.Interactivity;
using DeliberationBot.Slack.SocketMode;
using DeliberationBot.Slack.Tests.Infrastructure;

namespace DeliberationBot.Slack.Tests.Payloads;

/// <summary>
/// Slack's documented payloads (the samples every HTTP test sends) read into the typed records: the fields handlers use
/// come through, unknown fields are ignored, and a field of the wrong JSON type or a missing required one is refused.
/// </summary>
public sealed class TypedPayloadTests
{
    private static InteractionPayload Interaction(JsonObject payload) => SlackPayload.Read(payload.ToJsonString(), SlackJsonContext.Default.InteractionPayload);

    private static EventsApiBody Events(JsonObject body) => SlackPayload.Read(body.ToJsonString(), SlackJsonContext.Default.EventsApiBody);

    [Fact]
    public void A_block_action_on_a_message_reads_who_which_action_and_where()
    {
        var action = SlackAction.From(Interaction(SlackPayloads.BlockAction("answer", "d-1", "U0ANN", trigger: "trig-1", messageTs: "1700000000.000900")));

        Assert.Equal((SlackPayloads.Team, "U0ANN", "u0ann"), (action.Actor.WorkspaceId, action.Actor.User.Id, action.Actor.User.Name));
        Assert.Equal(("answer", "d-1", "trig-1"), (action.ActionId, action.Value, action.TriggerId));
        Assert.Equal((SlackPayloads.Channel, "1700000000.000900"), (action.ChannelId, action.MessageTs));
        Assert.False(action.InModal);
    }

    [Fact]
    public void A_select_in_a_modal_reads_the_chosen_option_and_the_view()
    {
        var rendered = new JsonObject { ["callback_id"] = "deliberation_question", ["private_metadata"] = "meta-1" };
        var action = SlackAction.From(Interaction(SlackPayloads.ViewAction(rendered, "jump", null, "U0ANN", "V0ONE", "h-1", selected: "purpose")));

        Assert.True(action.InModal);
        Assert.Equal(("jump", "purpose"), (action.ActionId, action.Value));
        Assert.Equal(("V0ONE", "h-1", "meta-1"), (action.ViewId, action.ViewHash, action.ViewMetadata));
    }

    [Fact]
    public void A_view_submission_reads_every_kind_of_input_we_render()
    {
        var values = Modals.Values(
            ("title", SlackPayloads.Input("plain_text_input", "Predictive screening")),
            ("due", SlackPayloads.Input("datepicker", "2027-01-31")),
            ("flow", SlackPayloads.Input("static_select", SlackPayloads.Option("quick-check"))),
            ("owners", SlackPayloads.Input("multi_users_select", new JsonArray("U0MARIA", "U0JOE"))),
            ("answer", SlackPayloads.Input("checkboxes", new JsonArray(SlackPayloads.Option("a"), SlackPayloads.Option("b")))),
            ("anonymous", SlackPayloads.Input("checkboxes", new JsonArray(SlackPayloads.Option("yes")))),
            ("empty", SlackPayloads.Input("plain_text_input", null)));
        var payload = Interaction(SlackPayloads.ViewSubmission(new JsonObject { ["callback_id"] = "deliberation_start", ["private_metadata"] = "C0TEST" }, values));
        var view = payload.View!;
        var state = view.State!;

        Assert.Equal(("view_submission", "V0TEST", "deliberation_start", "C0TEST"), (payload.Type, view.Id, view.CallbackId, view.PrivateMetadata));
        Assert.Equal("Predictive screening", state.Text("title"));
        Assert.Equal("2027-01-31", state.Text("due"));
        Assert.Equal("quick-check", state.Selected("flow"));
        Assert.Equal(["U0MARIA", "U0JOE"], state.Users("owners"));
        Assert.Equal(["a", "b"], state.Answer(AnswerKind.MultipleChoice));
        Assert.True(state.Checked("anonymous"));
        Assert.Null(state.Text("empty"));
        Assert.Null(state.Text("not-a-block"));
        Assert.Empty(state.Users("title"));
    }

    [Fact]
    public void An_event_callback_reads_the_envelope_the_event_and_our_bot()
    {
        var body = Events(SlackPayloads.Event(SlackPayloads.Message("U0ANN", "hello", "1700000100.000001", threadTs: "1700000000.000100"), eventId: "Ev01"));
        var e = body.Event!;

        Assert.Equal(("event_callback", SlackPayloads.Team, "Ev01", SlackPayloads.Bot), (body.Type, body.TeamId, body.EventId, body.BotUserId));
        Assert.Equal(("message", "U0ANN", "hello"), (e.Type, e.User, e.Text));
        Assert.Equal((SlackPayloads.Channel, "1700000100.000001", "1700000000.000100"), (e.Channel, e.Ts, e.ThreadTs));
        Assert.Null(e.Subtype);
    }

    [Fact]
    public void Tokens_revoked_reads_the_bot_user_ids()
    {
        var body = Events(SlackPayloads.Event(new JsonObject
        {
            ["type"] = "tokens_revoked",
            ["tokens"] = new JsonObject { ["oauth"] = new JsonArray("U0PERSON"), ["bot"] = new JsonArray(SlackPayloads.Bot) },
        }));

        Assert.Equal([SlackPayloads.Bot], body.Event!.Tokens!.Bot!);
        Assert.Equal(["U0PERSON"], body.Event.Tokens.Oauth!);
    }

    [Fact]
    public void Url_verification_and_socket_mode_frames_are_typed_too()
    {
        Assert.Equal("abc", Events(new JsonObject { ["type"] = "url_verification", ["token"] = "t", ["challenge"] = "abc" }).Challenge);

        var hello = SlackPayload.Read("""{"type":"hello","num_connections":2,"debug_info":{"host":"h"}}""", SlackJsonContext.Default.SocketModeFrame);
        Assert.Equal(("hello", 2), (hello.Type, hello.NumConnections));
        var envelope = SlackPayload.Read("""{"envelope_id":"e1","type":"slash_commands","payload":{"team_id":"T1","channel_id":"C1","user_id":"U1","command":"/deliberate","text":"help"}}""",
            SlackJsonContext.Default.SocketModeFrame);
        var command = SlackPayload.Read(envelope.Payload!.Value, SlackJsonContext.Default.SlashCommand).Checked();
        Assert.Equal(("e1", "T1", "C1", "U1", "help"), (envelope.EnvelopeId, command.TeamId, command.ChannelId, command.UserId, command.Text));
    }

    [Fact]
    public void Fields_we_do_not_model_are_ignored_whatever_their_type()
    {
        var sample = SlackPayloads.BlockAction("answer", "d-1");
        sample["is_enterprise_install"] = false;
        sample["enterprise"] = null;
        sample["state"] = new JsonObject { ["values"] = new JsonArray(1, 2) };
        sample["container"]!["is_ephemeral"] = true;

        Assert.Equal("answer", SlackAction.From(Interaction(sample)).ActionId);
    }

    public static TheoryData<string, Action<JsonObject>> WrongTypes => new()
    {
        { "a number for the action value", p => p["actions"]![0]!["value"] = 42 },
        { "a number for the user id", p => p["user"]!["id"] = 7 },
        { "a string for the team object", p => p["team"] = "T0TEST" },
        { "an object for the trigger id", p => p["trigger_id"] = new JsonObject() },
        { "an object for the actions array", p => p["actions"] = new JsonObject { ["action_id"] = "answer" } },
        { "an array for the selected option", p => p["actions"]![0]!["selected_option"] = new JsonArray() },
        { "a boolean for the type", p => p["type"] = true },
        { "null for the user", p => p["user"] = null },
        { "no user at all", p => p.Remove("user") },
        { "a user without an id", p => p["user"]!.AsObject().Remove("id") },
        { "no type", p => p.Remove("type") },
    };

    [Theory]
    [MemberData(nameof(WrongTypes))]
    public void A_wrongly_typed_or_missing_field_we_read_is_refused(string what, Action<JsonObject> spoil)
    {
        var sample = SlackPayloads.BlockAction("answer", "d-1");
        spoil(sample);

        var refused = Assert.Throws<JsonException>(() => Interaction(sample));
        Assert.False(string.IsNullOrEmpty(refused.Message), what);
    }

    [Theory]
    [InlineData("""{"values":[]}""")]
    [InlineData("""{"values":{"title":{"value":{"type":"plain_text_input","value":12}}}}""")]
    [InlineData("""{"values":{"owners":{"value":{"type":"multi_users_select","selected_users":"U0MARIA"}}}}""")]
    [InlineData("""{"values":{"flow":{"value":{"type":"static_select","selected_option":{"value":5}}}}}""")]
    public void A_wrongly_typed_view_state_is_refused(string state)
    {
        var sample = SlackPayloads.ViewSubmission(new JsonObject { ["callback_id"] = "deliberation_start" }, new JsonObject());
        sample["view"]!["state"] = JsonNode.Parse(state);

        Assert.Throws<JsonException>(() => Interaction(sample));
    }

    [Theory]
    [InlineData("""{"type":"event_callback","team_id":"T0TEST","event_id":"Ev1","event":{"type":"message","ts":1700000000.1}}""")]
    [InlineData("""{"type":"event_callback","team_id":["T0TEST"],"event_id":"Ev1","event":{"type":"message"}}""")]
    [InlineData("""{"type":"event_callback","team_id":"T0TEST","event_id":"Ev1","event":"message"}""")]
    [InlineData("""{"type":"event_callback","team_id":"T0TEST","event_id":"Ev1","authorizations":[{"user_id":"U0BOT","is_bot":"true"}],"event":{"type":"message"}}""")]
    [InlineData("""{"type":"event_callback","team_id":"T0TEST","event_id":"Ev1","event":{"type":"tokens_revoked","tokens":{"bot":"U0BOT"}}}""")]
    [InlineData("""{"type":"event_callback","team_id":"T0TEST","event_id":"Ev1","event":{"type":null}}""")]
    [InlineData("""{"type":"url_verification","challenge":12}""")]
    public void A_wrongly_typed_events_api_body_is_refused(string body) =>
        Assert.Throws<JsonException>(() => SlackPayload.Read(body, SlackJsonContext.Default.EventsApiBody));

    [Theory]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("\"block_actions\"")]
    public void A_payload_that_is_not_an_object_is_refused(string json) =>
        Assert.Throws<SlackPayloadException>(() => SlackPayload.Read(json, SlackJsonContext.Default.InteractionPayload));

    [Fact]
    public void A_lone_surrogate_in_any_string_is_refused_before_it_is_typed() =>
        Assert.Throws<JsonException>(() => SlackPayload.Read("""{"type":"url_verification","challenge":"\ud800"}""", SlackJsonContext.Default.EventsApiBody));

    [Theory]
    [InlineData("""{"team_id":"T1","channel_id":"C1","user_id":"","command":"/deliberate"}""")]
    [InlineData("""{"team_id":"T1","channel_id":"C1","command":"/deliberate"}""")]
    [InlineData("""{"team_id":"T1","channel_id":"C1","user_id":"U1","command":"/deliberate","text":7}""")]
    public void A_slash_command_without_its_ids_or_with_a_mistyped_field_is_refused(string json)
    {
        var refused = Record.Exception(() => SlackPayload.Read(json, SlackJsonContext.Default.SlashCommand).Checked());
        Assert.True(refused is JsonException or SlackPayloadException, refused?.GetType().Name ?? "nothing thrown");
    }
}
