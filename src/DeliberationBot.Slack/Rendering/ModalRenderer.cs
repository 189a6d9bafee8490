using System.Text.Json.Nodes;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Stakeholders;
using static DeliberationBot.Slack.Rendering.Mrkdwn;

namespace DeliberationBot.Slack.Rendering;

/// <summary>
/// Renders replies shown in a modal: the group choice, one question per modal (an input built for its answer kind),
/// the start form, and any other reply as a read-only notice.
/// </summary>
internal static partial class ModalRenderer
{
    /// <param name="channelId">The conversation a start form starts the deliberation in.</param>
    public static JsonObject Render(OutgoingMessage message, string? channelId = null) => message switch
    {
        GroupPrompt g => Group(g),
        QuestionPrompt q => Question(q),
        StartForm f => Start(f, channelId ?? ""),
        AnswersReview r => Review(r, Fits(r) ? ReviewRenderer.Review(r) : ReviewRenderer.FollowsInMessages(r)),
        Confirmation c => Notice("Done", [Block.Section(Escape(c.Text))]),
        ErrorMessage e => Notice("Not quite", [.. MessageRenderer.Render(e).Blocks.Select(b => b!.AsObject().DeepClone().AsObject())]),
        _ => Notice("DeliberationBot", [.. MessageRenderer.Render(message).Blocks.Where(b => b!["type"]?.GetValue<string>() != "actions").Select(b => b!.DeepClone().AsObject())]),
    };

    /// <summary>
    /// Whether a reply fits one modal whole: at most 100 blocks and well under Slack's 250 KB per view. Only a review
    /// of one's answers can grow past that (62 questions of long answers); it then goes out as messages instead.
    /// </summary>
    public static bool Fits(OutgoingMessage message)
    {
        if (message is not AnswersReview review)
        {
            return true;
        }

        var blocks = ReviewRenderer.Review(review);
        return blocks.Count <= SlackLimits.ModalBlocks
            && System.Text.Encoding.UTF8.GetByteCount(new JsonArray([.. blocks]).ToJsonString()) <= SlackLimits.ViewBytes;
    }

    private static JsonObject Review(AnswersReview r, List<JsonObject> blocks) =>
        Modal(SlackIds.NoticeCallback, "Your answers", blocks, submit: null, r.DeliberationId.ToString("N"), close: "Done");

    private static JsonObject Group(GroupPrompt g)
    {
        var options = g.Groups.Select(info => Block.Option(info.Label, info.Id, info.Description)).ToList();
        var select = new JsonObject
        {
            ["type"] = "static_select",
            ["action_id"] = SlackIds.Value,
            ["placeholder"] = Block.Plain("Choose your group", SlackLimits.OptionText),
            ["options"] = new JsonArray([.. options]),
        };
        if (g.Remembered is { } remembered)
        {
            select["initial_option"] = Block.Option(remembered.Info().Label, remembered.Id(), remembered.Info().Description);
        }

        var blocks = new List<JsonObject>
        {
            Block.Section($"*{Escape(g.DeliberationTitle)}*\nWhich stakeholder group are you answering as? You'll only see the questions meant for your group."),
            Block.Input(SlackIds.GroupBlock, "Stakeholder group", select, optional: false, g.Remembered is null ? null : "Pre-selected from last time; change it if it no longer fits."),
        };
        if (g.Anonymity == AnonymityPolicy.AnonymousAllowed)
        {
            blocks.Add(Block.Input(SlackIds.AnonymousBlock, "Anonymity", Checkboxes([Block.Option("Answer anonymously", SlackIds.Checked,
                "Your name is not stored with your answers")], []), optional: true));
        }
        else if (g.Anonymity == AnonymityPolicy.AnonymousOnly)
        {
            blocks.Add(Block.Context("Answers to this deliberation are anonymous: your name is not stored with them."));
        }

        if (g.Waiting is { } waiting)
        {
            blocks.Add(Block.Context($"Your {waiting.Place.Message()} will be your answer to the first question:"));
            blocks.AddRange(Block.Sections(Escape(waiting.Text)));
        }

        return Modal(SlackIds.GroupCallback, "Join the deliberation", blocks, "Next", SlackIds.AnswerValue(g.DeliberationId, g.Waiting));
    }

    /// <summary>Radio buttons or checkboxes up to 10 options, a (multi) select beyond.</summary>
    private static JsonObject Choice(List<JsonObject> options, IReadOnlyList<string> selected, bool multiple)
    {
        if (options.Count <= SlackLimits.RadioOrCheckboxOptions)
        {
            return multiple ? Checkboxes(options, selected) : Radio(options, selected.Count > 0 ? selected[0] : null);
        }

        var select = new JsonObject
        {
            ["type"] = multiple ? "multi_static_select" : "static_select",
            ["action_id"] = SlackIds.Value,
            ["placeholder"] = Block.Plain(multiple ? "Choose one or more" : "Choose one", SlackLimits.OptionText),
            ["options"] = new JsonArray([.. options.Take(SlackLimits.SelectOptions)]),
        };
        SetInitial(select, options, selected, multiple);
        return select;
    }

    internal static JsonObject Radio(List<JsonObject> options, string? selected)
    {
        var radio = new JsonObject { ["type"] = "radio_buttons", ["action_id"] = SlackIds.Value, ["options"] = new JsonArray([.. options]) };
        SetInitial(radio, options, selected is null ? [] : [selected], multiple: false);
        return radio;
    }

    private static JsonObject Checkboxes(List<JsonObject> options, IReadOnlyList<string> selected)
    {
        var boxes = new JsonObject { ["type"] = "checkboxes", ["action_id"] = SlackIds.Value, ["options"] = new JsonArray([.. options]) };
        SetInitial(boxes, options, selected, multiple: true);
        return boxes;
    }

    private static void SetInitial(JsonObject element, List<JsonObject> options, IReadOnlyList<string> selected, bool multiple)
    {
        var initial = options.Where(o => selected.Contains(o["value"]!.GetValue<string>())).Select(o => (JsonNode)o.DeepClone()).ToList();
        if (initial.Count == 0)
        {
            return;
        }

        if (multiple)
        {
            element["initial_options"] = new JsonArray([.. initial]);
        }
        else
        {
            element["initial_option"] = initial[0];
        }
    }

    private static JsonObject Start(StartForm form, string channelId)
    {
        var flows = form.Flows.Take(SlackLimits.SelectOptions).Select(f => Block.Option(f.Title, f.Id, $"{f.QuestionCount} questions · {f.Id}")).ToList();
        var flowSelect = new JsonObject
        {
            ["type"] = "static_select",
            ["action_id"] = SlackIds.Value,
            ["placeholder"] = Block.Plain("Choose a question flow", SlackLimits.OptionText),
            ["options"] = new JsonArray([.. flows]),
        };
        if (flows.Count == 1)
        {
            flowSelect["initial_option"] = flows[0].DeepClone();
        }

        JsonObject anonymity = Radio(
        [
            Block.Option("Named answers", "named"),
            Block.Option("Named or anonymous, as each person chooses", "anonymous_allowed"),
            Block.Option("Anonymous answers only", "anonymous_only"),
        ], "named");
        var blocks = new List<JsonObject>
        {
            Block.Input(SlackIds.FlowBlock, "Question flow", flowSelect, optional: false),
            Block.Input(SlackIds.TitleBlock, "Proposal title", new JsonObject { ["type"] = "plain_text_input", ["action_id"] = SlackIds.Value, ["max_length"] = 200 }, optional: false),
            Block.Input(SlackIds.DescriptionBlock, "Description", new JsonObject
            {
                ["type"] = "plain_text_input", ["action_id"] = SlackIds.Value, ["multiline"] = true, ["max_length"] = SlackLimits.PlainTextInputMax,
            }, optional: true),
            Block.Input(SlackIds.OwnersBlock, "Owners", new JsonObject
            {
                ["type"] = "multi_users_select", ["action_id"] = SlackIds.Value, ["placeholder"] = Block.Plain("People who own the proposal", SlackLimits.OptionText),
            }, optional: true, "Owners and you may close the deliberation. Leave empty to own it yourself."),
            Block.Input(SlackIds.DueBlock, "Deadline", new JsonObject { ["type"] = "datepicker", ["action_id"] = SlackIds.Value }, optional: true),
            Block.Input(SlackIds.AnonymityBlock, "Answers", anonymity, optional: false),
        };
        return Modal(SlackIds.StartCallback, "Start a deliberation", blocks, "Start", channelId);
    }

    private static JsonObject Notice(string title, List<JsonObject> blocks) =>
        Modal(SlackIds.NoticeCallback, title, blocks, submit: null, metadata: null, close: "Close");

    internal static JsonObject Modal(string callbackId, string title, List<JsonObject> blocks, string? submit, string? metadata, string close = "Cancel")
    {
        var view = new JsonObject
        {
            ["type"] = "modal",
            ["callback_id"] = callbackId,
            ["title"] = Block.Plain(title, SlackLimits.ModalTitle),
            ["close"] = Block.Plain(close, SlackLimits.ModalTitle),
            ["blocks"] = Block.Fit(blocks, [], SlackLimits.ModalBlocks),
        };
        if (submit is not null)
        {
            view["submit"] = Block.Plain(submit, SlackLimits.ModalTitle);
        }

        if (metadata is not null)
        {
            view["private_metadata"] = Truncate(metadata, SlackLimits.PrivateMetadata);
        }

        return view;
    }
}
