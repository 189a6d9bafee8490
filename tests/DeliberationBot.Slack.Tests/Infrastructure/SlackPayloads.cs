using System.Text.Json.Nodes;
using DeliberationBot.Core.Messaging;

namespace DeliberationBot.Slack.Tests.Infrastructure;

/// <summary>Slack's documented payload shapes, as slack-sign.js builds them.</summary>
internal static class SlackPayloads
{
    public const string Team = "T0TEST";
    public const string Channel = "C0TEST";
    public const string Bot = "U0BOT";

    private static int _trigger;

    public static string NewTrigger() => $"{Interlocked.Increment(ref _trigger)}.{Environment.TickCount64}.abc";

    public static Dictionary<string, string> Command(string text, string user = "U0USER", string userName = "tester", string? trigger = null, string channel = Channel, string team = Team) => new()
    {
        ["token"] = "deprecated-verification-token",
        ["team_id"] = team,
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

    /// <summary>A button pressed on a message (by default the one in the test channel).</summary>
    public static JsonObject BlockAction(string actionId, string value, string user = "U0USER", string? trigger = null, string channel = Channel, string messageTs = "1700000000.000100") => new()
    {
        ["type"] = "block_actions",
        ["team"] = new JsonObject { ["id"] = Team, ["domain"] = "test" },
        ["user"] = new JsonObject { ["id"] = user, ["username"] = user.ToLowerInvariant(), ["team_id"] = Team },
        ["api_app_id"] = "A0TEST",
        ["token"] = "deprecated-verification-token",
        ["trigger_id"] = trigger ?? NewTrigger(),
        ["channel"] = new JsonObject { ["id"] = channel, ["name"] = "general" },
        ["container"] = new JsonObject { ["type"] = "message", ["message_ts"] = messageTs, ["channel_id"] = channel },
        ["message"] = new JsonObject { ["type"] = "message", ["ts"] = messageTs, ["text"] = "Deliberation" },
        ["response_url"] = "http://127.0.0.1:1/response_url/2",
        ["actions"] = new JsonArray(new JsonObject
        {
            ["type"] = "button", ["action_id"] = actionId, ["block_id"] = "b1", ["value"] = value, ["action_ts"] = NewTrigger(),
            ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = "Answer" },
        }),
    };

    /// <summary>A button pressed (or, with <paramref name="selected"/>, an option chosen) inside a modal we rendered.</summary>
    public static JsonObject ViewAction(JsonObject renderedView, string actionId, string? value, string user, string viewId, string hash, string? selected = null) => new()
    {
        ["type"] = "block_actions",
        ["team"] = new JsonObject { ["id"] = Team, ["domain"] = "test" },
        ["user"] = new JsonObject { ["id"] = user, ["username"] = user.ToLowerInvariant(), ["team_id"] = Team },
        ["api_app_id"] = "A0TEST",
        ["trigger_id"] = NewTrigger(),
        ["container"] = new JsonObject { ["type"] = "view", ["view_id"] = viewId },
        ["view"] = View(renderedView, viewId, hash, new JsonObject()),
        ["actions"] = new JsonArray(selected is null
            ? new JsonObject { ["type"] = "button", ["action_id"] = actionId, ["block_id"] = "b1", ["value"] = value, ["action_ts"] = NewTrigger() }
            : new JsonObject { ["type"] = "static_select", ["action_id"] = actionId, ["block_id"] = "jump", ["selected_option"] = Option(selected), ["action_ts"] = NewTrigger() }),
    };

    /// <summary>A view_submission for a view we rendered: its callback id and metadata, with the given state values.</summary>
    public static JsonObject ViewSubmission(JsonObject renderedView, JsonObject values, string user = "U0USER", string viewId = "V0TEST", string hash = "156772938.1827394") => new()
    {
        ["type"] = "view_submission",
        ["team"] = new JsonObject { ["id"] = Team, ["domain"] = "test" },
        ["user"] = new JsonObject { ["id"] = user, ["username"] = user.ToLowerInvariant(), ["name"] = user.ToLowerInvariant(), ["team_id"] = Team },
        ["api_app_id"] = "A0TEST",
        ["trigger_id"] = NewTrigger(),
        ["view"] = View(renderedView, viewId, hash, values, rootViewId: viewId),
    };

    /// <summary>A modal we rendered as Slack sends it back: our callback id and metadata, its id, hash and state.</summary>
    private static JsonObject View(JsonObject renderedView, string viewId, string hash, JsonObject values, string? rootViewId = null)
    {
        var view = new JsonObject
        {
            ["id"] = viewId,
            ["team_id"] = Team,
            ["type"] = "modal",
            ["callback_id"] = renderedView["callback_id"]?.DeepClone(),
            ["private_metadata"] = renderedView["private_metadata"]?.DeepClone() ?? "",
            ["hash"] = hash,
        };
        if (rootViewId is not null)
        {
            view["root_view_id"] = rootViewId;
        }

        view["state"] = new JsonObject { ["values"] = values };
        return view;
    }

    /// <summary>Someone of the test workspace as Core sees them.</summary>
    public static Actor Person(string user, string name) => new("slack", Team, new UserRef(user, name));

    public static JsonObject Input(string type, JsonNode? value) => type switch
    {
        "plain_text_input" or "number_input" => new JsonObject { ["type"] = type, ["value"] = value },
        "datepicker" => new JsonObject { ["type"] = type, ["selected_date"] = value },
        "multi_users_select" => new JsonObject { ["type"] = type, ["selected_users"] = value },
        "checkboxes" or "multi_static_select" => new JsonObject { ["type"] = type, ["selected_options"] = value },
        _ => new JsonObject { ["type"] = type, ["selected_option"] = value },
    };

    public static JsonObject Option(string value) => new() { ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = value }, ["value"] = value };

    public static JsonObject Event(JsonObject @event, string? eventId = null, string team = Team) => new()
    {
        ["token"] = "deprecated-verification-token",
        ["team_id"] = team,
        ["api_app_id"] = "A0TEST",
        ["type"] = "event_callback",
        ["event_id"] = eventId ?? "Ev" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant(),
        ["event_time"] = 1700000000,
        ["authorizations"] = new JsonArray(new JsonObject { ["team_id"] = team, ["user_id"] = Bot, ["is_bot"] = true, ["is_enterprise_install"] = false }),
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

    /// <summary>
    /// A message_changed event as Slack sends it when a person edits <paramref name="ts"/> (a reply in the thread of
    /// <paramref name="threadTs"/>, or null: a message in the channel); <paramref name="editedTs"/> null is an edit Slack
    /// made itself, such as an unfurl.
    /// </summary>
    public static JsonObject MessageChanged(string user, string text, string previous, string ts, string? threadTs, string? editedTs, string channel = Channel)
    {
        var eventTs = editedTs ?? ts[..^1] + "9";
        var message = new JsonObject { ["type"] = "message", ["user"] = user, ["text"] = text, ["ts"] = ts, ["thread_ts"] = threadTs }.WithoutNulls();
        if (editedTs is not null)
        {
            message["edited"] = new JsonObject { ["user"] = user, ["ts"] = editedTs };
        }

        return new JsonObject
        {
            ["type"] = "message", ["subtype"] = "message_changed", ["hidden"] = true, ["channel"] = channel, ["ts"] = eventTs, ["event_ts"] = eventTs,
            ["channel_type"] = "channel", ["message"] = message,
            ["previous_message"] = new JsonObject { ["type"] = "message", ["user"] = user, ["text"] = previous, ["ts"] = ts, ["thread_ts"] = threadTs }.WithoutNulls(),
        };
    }

    /// <summary>A message_deleted event for a reply in a thread (or, <paramref name="threadTs"/> null, a message in the channel): Slack carries the message as it was.</summary>
    public static JsonObject MessageDeleted(string user, string text, string ts, string? threadTs, string channel = Channel)
    {
        var eventTs = ts[..^1] + "8";
        return new JsonObject
        {
            ["type"] = "message", ["subtype"] = "message_deleted", ["hidden"] = true, ["channel"] = channel, ["ts"] = eventTs, ["event_ts"] = eventTs,
            ["deleted_ts"] = ts, ["channel_type"] = "channel",
            ["previous_message"] = new JsonObject { ["type"] = "message", ["user"] = user, ["text"] = text, ["ts"] = ts, ["thread_ts"] = threadTs }.WithoutNulls(),
        };
    }

    /// <summary>Slack leaves out a field it has no value for (a message in the channel has no thread_ts).</summary>
    private static JsonObject WithoutNulls(this JsonObject o)
    {
        foreach (var name in o.Where(p => p.Value is null).Select(p => p.Key).ToList())
        {
            o.Remove(name);
        }

        return o;
    }
}
