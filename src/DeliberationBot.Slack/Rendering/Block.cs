using System.Text.Json.Nodes;
using DeliberationBot.Core.Messaging;

namespace DeliberationBot.Slack.Rendering;

/// <summary>
/// Block Kit builders. Every mrkdwn text goes in already escaped (see <see cref="Mrkdwn"/>) and is cut to its limit
/// here. plain_text is not parsed for mentions, but as a second line of defence anything that looks like a control
/// sequence there is broken up too (see <see cref="Mrkdwn.Inert"/>).
/// </summary>
internal static class Block
{
    public static JsonObject Plain(string? text, int max, bool emoji = true) => new()
    {
        ["type"] = "plain_text",
        ["text"] = Mrkdwn.Truncate(Mrkdwn.Inert(string.IsNullOrWhiteSpace(text) ? " " : text), max),
        ["emoji"] = emoji,
    };

    /// <summary>
    /// Text shown exactly as written, in plain_text sections split between lines so nothing is cut: mrkdwn would turn
    /// the stars, underscores, tildes and backticks in what people wrote into formatting and drop them ("~10 minutes, not
    /// ~2" struck through), and has no way to escape them. For what people said, and anything that carries it.
    /// </summary>
    /// <param name="accessory">A button beside the first section, if any.</param>
    public static IEnumerable<JsonObject> Verbatim(string text, JsonObject? accessory = null) =>
        TextChunks.Split(Mrkdwn.Inert(text), SlackLimits.TextObject).Select((chunk, i) =>
        {
            var section = new JsonObject { ["type"] = "section", ["text"] = Plain(chunk, SlackLimits.TextObject, emoji: false) };
            if (i == 0 && accessory is not null)
            {
                section["accessory"] = accessory;
            }

            return section;
        });

    /// <summary>A mrkdwn text object; <paramref name="escaped"/> must already be escaped. Verbatim: no auto-linking.</summary>
    public static JsonObject Md(string escaped, int max = SlackLimits.TextObject) => new()
    {
        ["type"] = "mrkdwn",
        ["text"] = Mrkdwn.TruncateEscaped(string.IsNullOrWhiteSpace(escaped) ? " " : escaped, max),
        ["verbatim"] = true,
    };

    public static JsonObject Header(string? text) => new() { ["type"] = "header", ["text"] = Plain(text, SlackLimits.HeaderText) };

    public static JsonObject Section(string escaped) => new() { ["type"] = "section", ["text"] = Md(escaped) };

    /// <summary>
    /// Escaped mrkdwn of any length as one or more sections, split at line ends (or, for a longer line, between words)
    /// so that nothing is cut: Slack cuts a section's text at 3,000 characters.
    /// </summary>
    public static IEnumerable<JsonObject> Sections(string escaped, int max = SlackLimits.TextObject) =>
        TextChunks.Split(escaped, max).Select(chunk => Section(chunk));

    public static JsonObject Section(string escaped, JsonObject accessory) =>
        new() { ["type"] = "section", ["text"] = Md(escaped), ["accessory"] = accessory };

    public static JsonObject Fields(IEnumerable<string> escaped) => new()
    {
        ["type"] = "section",
        ["fields"] = new JsonArray([.. escaped.Take(SlackLimits.Fields).Select(f => (JsonNode)Md(f, SlackLimits.FieldText))]),
    };

    public static JsonObject Context(string escaped) => new()
    {
        ["type"] = "context",
        ["elements"] = new JsonArray(Md(escaped)),
    };

    public static JsonObject Divider() => new() { ["type"] = "divider" };

    public static JsonObject Actions(string blockId, params JsonObject[] elements) => new()
    {
        ["type"] = "actions",
        ["block_id"] = blockId,
        ["elements"] = new JsonArray([.. elements]),
    };

    public static JsonObject Button(string text, string actionId, string value, bool primary = false)
    {
        var button = new JsonObject
        {
            ["type"] = "button",
            ["text"] = Plain(text, SlackLimits.ButtonText),
            ["action_id"] = actionId,
            ["value"] = value,
        };
        if (primary)
        {
            button["style"] = "primary";
        }

        return button;
    }

    public static JsonObject Option(string text, string value, string? description = null)
    {
        var option = new JsonObject { ["text"] = Plain(text, SlackLimits.OptionText), ["value"] = Mrkdwn.Truncate(value, SlackLimits.OptionValue) };
        if (!string.IsNullOrWhiteSpace(description))
        {
            option["description"] = Plain(description, SlackLimits.OptionDescription);
        }

        return option;
    }

    public static JsonObject Input(string blockId, string label, JsonObject element, bool optional, string? hint = null)
    {
        var input = new JsonObject
        {
            ["type"] = "input",
            ["block_id"] = blockId,
            ["label"] = Plain(label, SlackLimits.InputLabel),
            ["element"] = element,
            ["optional"] = optional,
        };
        if (!string.IsNullOrWhiteSpace(hint))
        {
            input["hint"] = Plain(hint, SlackLimits.InputHint);
        }

        return input;
    }

    /// <summary>
    /// Keeps a block list within <paramref name="maxBlocks"/> and the cumulative text budget: the content is cut with a
    /// visible "… not shown" note, the trailer (e.g. the Answer button) is always kept.
    /// </summary>
    public static JsonArray Fit(IReadOnlyList<JsonObject> content, IReadOnlyList<JsonObject> trailer, int maxBlocks, int textBudget = int.MaxValue)
    {
        var result = new JsonArray();
        var room = maxBlocks - trailer.Count;
        var budget = textBudget - trailer.Sum(TextLength);
        var kept = 0;
        foreach (var block in content)
        {
            var length = TextLength(block);
            var isLast = kept == content.Count - 1;
            if (kept >= room - (isLast ? 0 : 1) || length > budget - (isLast ? 0 : 100))
            {
                break;
            }

            result.Add(block);
            budget -= length;
            kept++;
        }

        if (kept < content.Count)
        {
            result.Add(Context(Mrkdwn.Escape($"{Mrkdwn.Ellipsis} {content.Count - kept} more not shown here (too long for one Slack message).")));
        }

        foreach (var block in trailer)
        {
            result.Add(block);
        }

        return result;
    }

    /// <summary>
    /// Splits a block list into as many messages as it takes to stay within <paramref name="maxBlocks"/> blocks and the
    /// cumulative text budget each, dropping nothing. <paramref name="room"/> is kept free on every page for the part
    /// note; the trailer (e.g. buttons) goes on the last page.
    /// </summary>
    public static IReadOnlyList<List<JsonObject>> Pages(IReadOnlyList<JsonObject> content, IReadOnlyList<JsonObject> trailer, int maxBlocks, int textBudget, int room = 1)
    {
        var pages = new List<List<JsonObject>> { new() };
        var budget = textBudget;
        foreach (var block in content.Concat(trailer))
        {
            var length = TextLength(block);
            var page = pages[^1];
            if (page.Count > 0 && (page.Count >= maxBlocks - room || length > budget - 200))
            {
                pages.Add(page = []);
                budget = textBudget;
            }

            page.Add(block);
            budget -= length;
        }

        return pages;
    }

    /// <summary>Characters of text in a block, as Slack counts towards its cumulative limit.</summary>
    public static int TextLength(JsonNode? node) => node switch
    {
        JsonObject o => o.Sum(p => p.Key == "text" && p.Value is JsonValue v && v.TryGetValue<string>(out var s) ? s.Length : TextLength(p.Value)),
        JsonArray a => a.Sum(TextLength),
        _ => 0,
    };
}
