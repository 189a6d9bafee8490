using System.Text.Json.Nodes;

namespace DeliberationBot.Teams.Cards;

/// <summary>
/// Small builders for Adaptive Card 1.5 JSON (the newest version Teams renders). Text given to <see cref="Text"/> and
/// <see cref="Facts"/> must already be escaped (<see cref="CardText.Escape"/>) or be our own Markdown.
/// </summary>
internal static class Card
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";
    public const string Version = "1.5";

    public static JsonObject New(IEnumerable<JsonNode?> body, IEnumerable<JsonNode?>? actions = null)
    {
        var card = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = Version,
            ["body"] = new JsonArray([.. body.Where(b => b is not null)]),
        };
        var list = actions?.Where(a => a is not null).ToArray() ?? [];
        if (list.Length > 0)
        {
            card["actions"] = new JsonArray(list);
        }

        card["msteams"] = new JsonObject { ["width"] = "Full" };
        return card;
    }

    public static JsonObject Text(string markdown, string? size = null, string? weight = null, bool subtle = false, string? color = null, string? spacing = null)
    {
        var block = new JsonObject { ["type"] = "TextBlock", ["text"] = markdown, ["wrap"] = true };
        Set(block, "size", size);
        Set(block, "weight", weight);
        Set(block, "color", color);
        Set(block, "spacing", spacing);
        if (subtle)
        {
            block["isSubtle"] = true;
        }

        return block;
    }

    public static JsonObject Heading(string markdown) => Text(markdown, size: "Large", weight: "Bolder");

    public static JsonObject Label(string markdown) => Text(markdown, weight: "Bolder", spacing: "Medium");

    public static JsonObject Facts(IEnumerable<(string Title, string Value)> facts) => new()
    {
        ["type"] = "FactSet",
        ["facts"] = new JsonArray([.. facts.Select(f => (JsonNode)new JsonObject { ["title"] = f.Title, ["value"] = f.Value })]),
    };

    /// <summary>An Action.Execute (Universal Actions) with an Action.Submit fallback carrying the same data.</summary>
    public static JsonObject Execute(string title, string verb, JsonObject data, string? style = null, bool withInputs = true)
    {
        data[CardVerbs.VerbField] = verb;
        var submit = new JsonObject { ["type"] = "Action.Submit", ["title"] = title, ["data"] = data.DeepClone() };
        var execute = new JsonObject { ["type"] = "Action.Execute", ["title"] = title, ["verb"] = verb, ["data"] = data };
        Set(execute, "style", style);
        if (!withInputs)
        {
            execute["associatedInputs"] = "none";
            submit["associatedInputs"] = "none";
        }

        execute["fallback"] = submit;
        return execute;
    }

    public static JsonObject Data(params (string Key, string? Value)[] fields)
    {
        var data = new JsonObject();
        foreach (var (key, value) in fields)
        {
            if (value is not null)
            {
                data[key] = value;
            }
        }

        return data;
    }

    public static JsonObject Choice(string title, string value) => new() { ["title"] = title, ["value"] = value };

    public static JsonObject ChoiceSet(string id, string label, IEnumerable<JsonObject> choices, bool expanded, bool multiSelect = false, bool required = false, string? value = null)
    {
        var set = new JsonObject
        {
            ["type"] = "Input.ChoiceSet",
            ["id"] = id,
            ["label"] = label,
            ["style"] = expanded ? "expanded" : "compact",
            ["isMultiSelect"] = multiSelect,
            ["wrap"] = true,
            ["choices"] = new JsonArray([.. choices]),
        };
        if (required)
        {
            set["isRequired"] = true;
            set["errorMessage"] = multiSelect ? "Please pick at least one option." : "Please pick an option.";
        }

        Set(set, "value", value);
        return set;
    }

    public static JsonObject Toggle(string id, string title, bool on) => new()
    {
        ["type"] = "Input.Toggle",
        ["id"] = id,
        ["title"] = title,
        ["value"] = on ? "true" : "false",
        ["valueOn"] = "true",
        ["valueOff"] = "false",
        ["wrap"] = true,
    };

    public static JsonObject Separator(JsonObject element)
    {
        element["separator"] = true;
        return element;
    }

    private static void Set(JsonObject target, string key, string? value)
    {
        if (value is not null)
        {
            target[key] = value;
        }
    }
}
