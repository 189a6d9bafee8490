using System.Globalization;
using System.Text.Json.Nodes;
using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Messaging;
using static DeliberationBot.Slack.Rendering.Mrkdwn;

namespace DeliberationBot.Slack.Rendering;

/// <summary>The question form: the question, one answer, the words a person adds to a choice or a number, the concern flag.</summary>
internal static partial class ModalRenderer
{
    private static JsonObject Question(QuestionPrompt q)
    {
        var blocks = new List<JsonObject>();
        ReviewRenderer.Notice(q.Notice, blocks);
        ConcernRenderer.Preview(q.JustFlagged, blocks);
        blocks.Add(Block.Context(Escape($"{q.DeliberationTitle} · {q.SectionTitle} · {PlainTextRenderer.Progress(q)}{(q.Anonymous ? " · answering anonymously" : "")}")));
        if (!string.IsNullOrWhiteSpace(q.SectionIntro))
        {
            blocks.Add(Block.Section(Escape(q.SectionIntro)));
        }

        blocks.Add(Block.Section($"*{Escape(q.Text)}*{(q.Required ? "" : " _(optional)_")}"));
        if (!string.IsNullOrWhiteSpace(q.Help))
        {
            blocks.Add(Block.Context("Why it matters: " + Escape(q.Help)));
        }

        if (q.ReadWithConcern)
        {
            blocks.Add(Block.Context(Escape(QuestionPrompt.ReadWithConcernNote)));
        }

        var label = q.Kind switch
        {
            AnswerKind.Number when q.Unit is not null => $"Your answer ({q.Unit})",
            AnswerKind.Scale => $"Your answer ({AnswerKinds.ScaleLegend(q.LowLabel, q.HighLabel)})",
            _ => "Your answer",
        };
        // An answer longer than a text input holds (a reply in the thread can be) is never put into one, where it would
        // be cut and saved cut: it is shown whole above an empty input, and an empty input keeps it.
        var kept = q.Kind == AnswerKind.FreeText && q.CurrentAnswer is { Skipped: false, Text.Length: > SlackLimits.PlainTextInputMax };
        if (kept)
        {
            blocks.Add(Block.Section(Escape($"Your answer now ({q.CurrentAnswer!.Text!.Length:N0} characters, more than this form can hold):")));
            blocks.AddRange(Block.Verbatim(q.CurrentAnswer.Text));
            blocks.Add(Block.Input(SlackIds.AnswerBlock, "Your new answer", AnswerElement(q), optional: true, "Leave this empty to keep your answer above as it is."));
        }
        else
        {
            // A choice or a number comes with the person's own words in a box of its own. Words a thread reply gave that
            // are longer than the box holds are shown instead, and stay with the answer as long as it is not changed.
            var hint = q.Required ? null : "You can leave this empty to skip it.";
            var said = q.Kind != AnswerKind.FreeText && q.CurrentAnswer is { Skipped: false, Text: { } words } ? words : null;
            var boxed = q.Kind != AnswerKind.FreeText && !(said?.Length > SlackLimits.PlainTextInputMax);
            if (said is not null && !boxed)
            {
                blocks.Add(Block.Context("Your reply said:"));
                blocks.AddRange(Block.Verbatim(said));
                hint = "Your words above stay with your answer while you keep it." + (hint is null ? "" : " " + hint);
            }

            blocks.AddRange(ChoicesInFull(q));
            blocks.Add(Block.Input(SlackIds.AnswerBlock, label, AnswerElement(q), optional: !q.Required, hint));
            if (boxed)
            {
                blocks.Add(Block.Input(SlackIds.WordsBlock, "Anything to add?", WordsElement(said), optional: true,
                    "In your own words, kept with your answer. If it is a concern, the owners read them with it."));
            }
        }

        blocks.Add(Block.Input(SlackIds.ConcernBlock, "Concern", Checkboxes(
            [Block.Option("This is a concern", SlackIds.Checked, "Flag your answer for the discussion")],
            q.CurrentlyFlagged ? [SlackIds.Checked] : []), optional: true));
        if (ReviewRenderer.Jump(q) is { } jump)
        {
            blocks.Add(Block.Divider());
            blocks.Add(jump);
        }

        return Modal(kept ? SlackIds.KeptAnswerCallback : SlackIds.QuestionCallback, PlainTextRenderer.FormTitle(q), blocks, q.Changing ? "Save" : "Save and next",
            SlackIds.QuestionMetadata(q.DeliberationId, q.Kind, q.QuestionId), close: q.Changing ? "Cancel" : "Stop for now");
    }

    private static JsonObject WordsElement(string? current)
    {
        var box = new JsonObject
        {
            ["type"] = "plain_text_input",
            ["action_id"] = SlackIds.Value,
            ["multiline"] = true,
            ["max_length"] = Math.Min(AnswerParser.MaxTextLength, SlackLimits.PlainTextInputMax),
        };
        if (current is not null)
        {
            box["initial_value"] = current;
        }

        return box;
    }

    private static JsonObject AnswerElement(QuestionPrompt q)
    {
        var current = q.CurrentAnswer is { Skipped: false } a ? a : null;
        switch (q.Kind)
        {
            case AnswerKind.FreeText:
                var text = new JsonObject
                {
                    ["type"] = "plain_text_input",
                    ["action_id"] = SlackIds.Value,
                    ["multiline"] = true,
                    ["max_length"] = Math.Min(AnswerParser.MaxTextLength, SlackLimits.PlainTextInputMax),
                };
                if (current?.Text is { Length: > 0 and <= SlackLimits.PlainTextInputMax } words)
                {
                    text["initial_value"] = words;
                }

                return text;
            case AnswerKind.Number:
                var number = new JsonObject
                {
                    ["type"] = "number_input",
                    ["action_id"] = SlackIds.Value,
                    ["is_decimal_allowed"] = true,
                    ["min_value"] = "0",
                    ["max_value"] = "1000000",
                };
                if (current?.Number is { } n)
                {
                    number["initial_value"] = n.ToString(CultureInfo.InvariantCulture);
                }

                return number;
            case AnswerKind.Scale:
                var scale = q.Options.Select(o => Block.Option(ScaleLabel(q, o), o.Id)).ToList();
                return Choice(scale, current?.ChosenOptions(q.Kind) ?? [], multiple: false);
            case AnswerKind.MultipleChoice:
                return Choice([.. q.Options.Select(o => Block.Option(o.Label, o.Id))], current?.Choices ?? [], multiple: true);
            default:
                return Choice([.. q.Options.Select(o => Block.Option(o.Label, o.Id))], current?.Choices ?? [], multiple: false);
        }
    }

    /// <summary>
    /// Slack cuts an option's text at 75 characters: where a choice is longer, every choice is given in full above the
    /// answer, so that one cut short can still be read whole.
    /// </summary>
    private static IEnumerable<JsonObject> ChoicesInFull(QuestionPrompt q)
    {
        var labels = q.Options.Select(o => q.Kind == AnswerKind.Scale ? ScaleLabel(q, o) : o.Label).ToList();
        return labels.Any(l => l.Length > SlackLimits.OptionText)
            ? Block.Verbatim("The choices in full:\n" + string.Join("\n", labels.Select((l, i) => $"{i + 1}. {l}")))
            : [];
    }

    private static string ScaleLabel(QuestionPrompt q, ChoiceOption o) => o.Id switch
    {
        "1" when q.LowLabel is not null => $"1 — {q.LowLabel}",
        "5" when q.HighLabel is not null => $"5 — {q.HighLabel}",
        _ => o.Label,
    };
}
