using System.Text.Json.Nodes;

namespace DeliberationBot.Slack.Tests.Infrastructure;

/// <summary>Slack's documented payload shapes, as slack-sign.js builds them.</summary>
internal static class SlackPayloads
{
    public const string Team = "T0TEST";
    public const string Channel = "C0TEST";
    public const string Bot = "U0BOT";

    private static int _trigger;

    public static string NewTrigger() => $"{Interlocked.Increment(ref _trigger)}.{Environment.TickCount64}.abc";

    public static Dictionary<string, string> Command(string text, string user = "U0USER", string userName = "tester", string? trigger = null, string channel = Channel) => new()
    {
        ["token"] = "deprecated-verification-token",
        ["team_id"] = Team,
        ["team_domain"] = "test",
        ["channel_id"] = channel,
        ["channel_name"] = "general",
        ["user_id"] = user,
        ["user_name"] = userName,
        ["command"] = "/deliberate",
        ["text"] = text,
        ["api_app_id"] = "A0TEST",
        ["is_enterprise_install"] = "false",
        ["response_url"] = "http://127.0.0.1:1/response_url/1",
        ["trigger_id"] = trigger ?? NewTrigger(),
    };

    public static JsonObject BlockAction(string actionId, string value, string user = "U0USER", string? trigger = null) => new()
    {
        ["type"] = "block_actions",
        ["team"] = new JsonObject { ["id"] = Team, ["domain"] = "test" },
        ["user"] = new JsonObject { ["id"] = user, ["username"] = user.ToLowerInvariant(), ["team_id"] = Team },
        ["api_app_id"] = "A0TEST",
        ["token"] = "deprecated-verification-token",
        ["trigger_id"] = trigger ?? NewTrigger(),
        ["channel"] = new JsonObject { ["id"] = Channel, ["name"] = "general" },
        ["container"] = new JsonObject { ["type"] = "message", ["message_ts"] = "1700000000.000100", ["channel_id"] = Channel },
        ["message"] = new JsonObject { ["type"] = "message", ["ts"] = "1700000000.000100", ["text"] = "Deliberation" },
        ["response_url"] = "http://127.0.0.1:1/response_url/2",
        ["actions"] = new JsonArray(new JsonObject
        {
            ["type"] = "button", ["action_id"] = actionId, ["block_id"] = "b1", ["value"] = value, ["action_ts"] = "1700000001.000200",
            ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = "Answer" },
        }),
    };

    /// <summary>A view_submission for a view we rendered: its callback id and metadata, with the given state values.</summary>
    public static JsonObject ViewSubmission(JsonObject renderedView, JsonObject values, string user = "U0USER", string viewId = "V0TEST", string hash = "156772938.1827394") => new()
    {
        ["type"] = "view_submission",
        ["team"] = new JsonObject { ["id"] = Team, ["domain"] = "test" },
        ["user"] = new JsonObject { ["id"] = user, ["username"] = user.ToLowerInvariant(), ["name"] = user.ToLowerInvariant(), ["team_id"] = Team },
        ["api_app_id"] = "A0TEST",
        ["trigger_id"] = NewTrigger(),
        ["view"] = new JsonObject
        {
            ["id"] = viewId,
            ["team_id"] = Team,
            ["type"] = "modal",
            ["callback_id"] = renderedView["callback_id"]?.DeepClone(),
            ["private_metadata"] = renderedView["private_metadata"]?.DeepClone() ?? "",
            ["hash"] = hash,
            ["root_view_id"] = viewId,
            ["state"] = new JsonObject { ["values"] = values },
        },
    };

    public static JsonObject Input(string type, JsonNode? value) => type switch
    {
        "plain_text_input" or "number_input" => new JsonObject { ["type"] = type, ["value"] = value },
        "datepicker" => new JsonObject { ["type"] = type, ["selected_date"] = value },
        "multi_users_select" => new JsonObject { ["type"] = type, ["selected_users"] = value },
        "checkboxes" or "multi_static_select" => new JsonObject { ["type"] = type, ["selected_options"] = value },
        _ => new JsonObject { ["type"] = type, ["selected_option"] = value },
    };

    public static JsonObject Option(string value) => new() { ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = value }, ["value"] = value };

    public static JsonObject Event(JsonObject @event, string? eventId = null) => new()
    {
        ["token"] = "deprecated-verification-token",
        ["team_id"] = Team,
        ["api_app_id"] = "A0TEST",
        ["type"] = "event_callback",
        ["event_id"] = eventId ?? "Ev" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant(),
        ["event_time"] = 1700000000,
        ["authorizations"] = new JsonArray(new JsonObject { ["team_id"] = Team, ["user_id"] = Bot, ["is_bot"] = true, ["is_enterprise_install"] = false }),
        ["event"] = @event,
    };

    public static JsonObject Message(string user, string text, string ts, string? threadTs = null, string channel = Channel, string type = "message")
    {
        var e = new JsonObject { ["type"] = type, ["user"] = user, ["text"] = text, ["ts"] = ts, ["channel"] = channel, ["event_ts"] = ts, ["channel_type"] = "channel" };
        if (threadTs is not null)
        {
            e["thread_ts"] = threadTs;
        }

        return e;
    }
}
