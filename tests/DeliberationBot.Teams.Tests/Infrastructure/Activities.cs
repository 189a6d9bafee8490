using System.Text.Json.Nodes;

namespace DeliberationBot.Teams.Tests.Infrastructure;

/// <summary>Someone in the test tenant: their Teams id ("29:…"), Entra object id and display name.</summary>
internal sealed record Person(string TeamsId, string AadId, string Name)
{
    public static readonly Person Fiona = new("29:fiona", "aad-fiona", "Fiona Facilitator");
    public static readonly Person Maria = new("29:maria", "aad-maria", "Maria Garcia");
    public static readonly Person Sam = new("29:sam", "aad-sam", "Sam Screener");

    public JsonObject Account() => new() { ["id"] = TeamsId, ["name"] = Name, ["aadObjectId"] = AadId };
}

/// <summary>A conversation the activities happen in.</summary>
internal sealed record Chat(string Id, string Type)
{
    public const string TeamId = "19:team@thread.tacv2";
    public const string ChannelId = "19:general@thread.tacv2";

    public static readonly Chat Channel = new(ChannelId, "channel");

    public static readonly Chat Group = new("19:group-chat@thread.v2", "groupChat");

    /// <summary>A post in the channel: its own thread, ";messageid=…".</summary>
    public static Chat Thread(string rootId) => new($"{ChannelId};messageid={rootId}", "channel");

    /// <summary>The 1:1 chat the fake connector creates for a person.</summary>
    public static Chat Personal(Person person) => new("a:1on1-" + person.TeamsId, "personal");
}

/// <summary>Builds Bot Framework activities as Teams sends them (protocols.md C).</summary>
internal static class Activities
{
    public const string Tenant = "72f988bf-0000-4000-8000-00000000abcd";

    private static int _next = 1000;

    public static string NewId() => Interlocked.Increment(ref _next).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static JsonObject Base(string type, string serviceUrl, Person from, Chat chat, string? id = null)
    {
        var channelData = new JsonObject { ["tenant"] = new JsonObject { ["id"] = Tenant } };
        if (chat.Type == "channel")
        {
            channelData["team"] = new JsonObject { ["id"] = Chat.TeamId, ["name"] = "Child welfare" };
            channelData["channel"] = new JsonObject { ["id"] = Chat.ChannelId, ["name"] = "General" };
        }

        return new JsonObject
        {
            ["type"] = type,
            ["id"] = id ?? NewId(),
            ["timestamp"] = "2026-11-29T10:00:00.000Z",
            ["serviceUrl"] = serviceUrl,
            ["channelId"] = "msteams",
            ["from"] = from.Account(),
            ["recipient"] = new JsonObject { ["id"] = TeamsTestHost.BotId, ["name"] = "DeliberationBot" },
            ["conversation"] = new JsonObject { ["id"] = chat.Id, ["conversationType"] = chat.Type, ["tenantId"] = Tenant, ["isGroup"] = chat.Type != "personal" },
            ["channelData"] = channelData,
            ["locale"] = "en-US",
        };
    }

    public static JsonObject BotMention => Mention(TeamsTestHost.BotId, "DeliberationBot");

    public static JsonObject Mention(string id, string name) => new()
    {
        ["type"] = "mention",
        ["text"] = $"<at>{name}</at>",
        ["mentioned"] = new JsonObject { ["id"] = id, ["name"] = name },
    };

    public static JsonObject Mention(Person person) => Mention(person.TeamsId, person.Name);

    /// <summary>A typed message; in channels and group chats it starts with the bot's mention, as Teams requires.</summary>
    public static JsonObject Message(string serviceUrl, Person from, Chat chat, string text, IEnumerable<JsonObject>? mentions = null, string? id = null)
    {
        var activity = Base("message", serviceUrl, from, chat, id);
        var entities = new JsonArray();
        if (chat.Type != "personal")
        {
            text = "<at>DeliberationBot</at> " + text;
            entities.Add(BotMention);
        }

        foreach (var mention in mentions ?? [])
        {
            entities.Add(mention);
        }

        activity["text"] = text;
        activity["textFormat"] = "plain";
        activity["entities"] = entities;
        return activity;
    }

    /// <summary>
    /// An edit of a message, as Teams sends it: a messageUpdate naming the message edited by its id, with the new text,
    /// channelData.eventType editMessage and the time of the edit.
    /// </summary>
    public static JsonObject Edit(string serviceUrl, Person from, Chat chat, string messageId, string text, string at)
    {
        var activity = Base("messageUpdate", serviceUrl, from, chat, messageId);
        activity["timestamp"] = at;
        activity["text"] = text;
        activity["textFormat"] = "plain";
        activity["channelData"]!["eventType"] = "editMessage";
        return activity;
    }

    /// <summary>The deletion of a message, as Teams sends it: a messageDelete naming it, eventType softDeleteMessage.</summary>
    public static JsonObject Deletion(string serviceUrl, Person from, Chat chat, string messageId)
    {
        var activity = Base("messageDelete", serviceUrl, from, chat, messageId);
        activity["channelData"]!["eventType"] = "softDeleteMessage";
        return activity;
    }

    /// <summary>Adds the message's HTML as Teams sends it beside the text: a text/html attachment.</summary>
    public static JsonObject WithHtml(JsonObject activity, string html)
    {
        activity["attachments"] = new JsonArray(new JsonObject { ["contentType"] = "text/html", ["content"] = html });
        return activity;
    }

    /// <summary>How Teams' HTML marks a mention (the text marks it &lt;at&gt;…&lt;/at&gt;).</summary>
    public static string MentionSpan(int itemId, string name) =>
        $"<span itemscope=\"\" itemtype=\"http://schema.skype.com/Mention\" itemid=\"{itemId}\">{name}</span>";

    /// <summary>An Action.Submit click: a message whose value is the action's data merged with the card's inputs.</summary>
    public static JsonObject Submit(string serviceUrl, Person from, Chat chat, JsonObject value, string? id = null)
    {
        var activity = Base("message", serviceUrl, from, chat, id);
        activity["value"] = value;
        activity["replyToId"] = "card-activity";
        return activity;
    }

    /// <summary>An Action.Execute click: an adaptiveCard/action invoke.</summary>
    public static JsonObject Execute(string serviceUrl, Person from, Chat chat, string verb, JsonObject data, string? id = null)
    {
        var activity = Base("invoke", serviceUrl, from, chat, id);
        activity["name"] = "adaptiveCard/action";
        activity["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data },
            ["trigger"] = "manual",
        };
        return activity;
    }

    /// <summary>The bot added to a conversation by <paramref name="by"/>, together with them and <paramref name="others"/>.</summary>
    public static JsonObject BotAdded(string serviceUrl, Person by, Chat chat, params Person[] others)
    {
        var activity = Base("conversationUpdate", serviceUrl, by, chat);
        activity["membersAdded"] = new JsonArray([new JsonObject { ["id"] = TeamsTestHost.BotId }, by.Account(), .. others.Select(o => (JsonNode)o.Account())]);
        return activity;
    }

    /// <summary>The bot removed from a conversation by <paramref name="by"/>.</summary>
    public static JsonObject BotRemoved(string serviceUrl, Person by, Chat chat)
    {
        var activity = Base("conversationUpdate", serviceUrl, by, chat);
        activity["membersRemoved"] = new JsonArray(new JsonObject { ["id"] = TeamsTestHost.BotId });
        return activity;
    }

    /// <summary>Adds the clientInfo entity a Teams client sends along with its time zone.</summary>
    public static JsonObject FromClientIn(this JsonObject activity, string timeZone)
    {
        var entities = activity["entities"] as JsonArray ?? [];
        entities.Add(new JsonObject { ["type"] = "clientInfo", ["locale"] = "en-US", ["country"] = "US", ["platform"] = "Web", ["timezone"] = timeZone });
        activity["entities"] = entities;
        return activity;
    }

    public static JsonObject Installed(string serviceUrl, Person by, Chat chat, string action = "add")
    {
        var activity = Base("installationUpdate", serviceUrl, by, chat);
        activity["action"] = action;
        return activity;
    }
}
