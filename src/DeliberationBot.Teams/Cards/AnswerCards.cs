using DeliberationBot.Core.Concerns;
using System.Text.Json.Nodes;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Forms;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Stakeholders;

namespace DeliberationBot.Teams.Cards;

/// <summary>The answering forms: the stakeholder group (once), then one card per question with the input its kind needs.</summary>
internal static class AnswerCards
{
    public static JsonObject Group(GroupPrompt prompt)
    {
        var body = new List<JsonNode?>
        {
            Card.Text(CardText.Escape(prompt.DeliberationTitle), subtle: true, weight: "Bolder"),
            Card.Text("Which stakeholder group are you answering as?", size: "Medium", weight: "Bolder"),
            Card.Text("You'll only see the questions meant for your group.", subtle: true, spacing: "None"),
            Card.ChoiceSet(
                CardVerbs.GroupInput, "Stakeholder group",
                prompt.Groups.Select(g => Card.Choice($"{g.Label} — {g.Description}", g.Id)),
                expanded: true, required: true, value: prompt.Remembered?.Id()),
        };
        switch (prompt.Anonymity)
        {
            case AnonymityPolicy.AnonymousAllowed:
                body.Add(Card.Toggle(CardVerbs.AnonymousInput, "Answer anonymously (your name is not kept with your answers)", on: false));
                break;
            case AnonymityPolicy.AnonymousOnly:
                body.Add(Card.Text("Answers to this deliberation are anonymous.", subtle: true));
                break;
        }

        var data = Card.Data((CardVerbs.DeliberationField, prompt.DeliberationId.ToString()));
        if (prompt.Waiting is { } waiting)
        {
            // The action's data names the reply (Core holds its words), to be the answer to the first question once the
            // person has a group.
            var unlessAnonymous = prompt.Anonymity == AnonymityPolicy.AnonymousAllowed ? $" (unless you answer anonymously: {waiting.Place.Name()} shows your name)" : "";
            body.Add(Card.Text($"Your {waiting.Place.Message()} will be your answer to the first question{unlessAnonymous}:", subtle: true, spacing: "Medium"));
            body.Add(Card.Text(CardText.Escape(waiting.Text), spacing: "None"));
            data[CardVerbs.WaitingKeyField] = waiting.DeliveryKey;
        }

        return Card.New(body, [Card.Execute("Continue", CardVerbs.Join, data, style: "positive")]);
    }

    public static JsonObject Question(QuestionPrompt q)
    {
        var body = new List<JsonNode?> { Card.Text(CardText.Escape(q.DeliberationTitle), subtle: true, weight: "Bolder") };
        body.AddRange(Notice(q.Notice));
        body.AddRange(Flagged(q.JustFlagged));
        var position = $"{CardText.Escape(q.SectionTitle)} · {PlainTextRenderer.Progress(q)}{(q.Required ? " · required" : "")}{(q.Anonymous ? " · anonymous" : "")}";
        if (q.SectionIntro is not null)
        {
            body.Add(Card.Text(CardText.Escape(q.SectionIntro), spacing: "Small"));
        }

        body.Add(Card.Text(position, subtle: true, spacing: "Small"));
        body.Add(Card.Text(CardText.Escape(q.Text), size: "Medium", weight: "Bolder", spacing: "None"));
        if (q.Help is not null)
        {
            body.Add(Card.Text("Why it matters: " + CardText.Escape(q.Help), subtle: true));
        }

        if (q.ReadWithConcern)
        {
            body.Add(Card.Text(CardText.Escape(QuestionPrompt.ReadWithConcernNote), subtle: true));
        }

        body.Add(Asked(q, Input(q)));
        if (q.Kind != AnswerKind.FreeText)
        {
            // A choice or a number comes with the person's own words (those a message typed with it, to begin with).
            var words = new JsonObject
            {
                ["type"] = "Input.Text", ["id"] = CardVerbs.WordsInput, ["label"] = "Anything to add? (optional)", ["isMultiline"] = true,
                ["maxLength"] = AnswerParser.MaxTextLength, ["placeholder"] = "In your own words, kept with your answer",
            };
            if (q.CurrentAnswer is { Skipped: false, Text: { } said })
            {
                words["value"] = CardText.Plain(said);
            }

            body.Add(words);
        }

        body.Add(Card.Toggle(CardVerbs.ConcernInput, "This is a concern: I want the owners to look at it", q.CurrentlyFlagged));

        var data = Card.Data(
            (CardVerbs.DeliberationField, q.DeliberationId.ToString()),
            (CardVerbs.QuestionField, q.QuestionId),
            (CardVerbs.KindField, q.Kind.ToString()));
        var actions = new List<JsonNode?> { Card.Execute(q.CurrentAnswer is null ? "Submit answer" : "Save answer", CardVerbs.SubmitAnswer, data, style: "positive") };
        if (!q.Required)
        {
            var skip = (JsonObject)data.DeepClone();
            skip[CardVerbs.SkipField] = "true";
            actions.Add(Card.Execute("Skip", CardVerbs.SubmitAnswer, skip, withInputs: false));
        }

        return Card.New(body, actions);
    }

    /// <summary>What became of words the person typed (a reply in a thread, a message after answering everything), first.</summary>
    public static IEnumerable<JsonNode?> Notice(string? notice) =>
        notice is null ? [] : [Card.Text(CardText.Escape(notice), weight: "Bolder")];

    /// <summary>What someone who just flagged an answer sees: exactly what the owners will receive, and a warning for a small group.</summary>
    public static IEnumerable<JsonNode?> Flagged(ConcernPreview? preview)
    {
        if (preview is null)
        {
            yield break;
        }

        yield return Card.Text(CardText.Escape(preview.Lead), weight: "Bolder", spacing: "Small");
        yield return Card.Text($"“{CardText.Escape(preview.Words)}”", spacing: "None");
        yield return Card.Text("— " + CardText.Escape(preview.Attribution), subtle: true, spacing: "None");
        yield return Card.Text("On: " + CardText.Escape(preview.QuestionText), subtle: true, spacing: "None");
        if (preview.Warning is { } warning)
        {
            yield return Card.Text(CardText.Escape(warning), color: "Warning", spacing: "Small");
        }
    }

    /// <summary>A required question's input is required on the card too: Teams asks before sending, in Core's words for an empty answer.</summary>
    private static JsonObject Asked(QuestionPrompt q, JsonObject input)
    {
        if (q.Required)
        {
            input["isRequired"] = true;
            input["errorMessage"] = AnswerForm.Missing(q.Kind).Text;
        }

        return input;
    }

    private static JsonObject Input(QuestionPrompt q)
    {
        var current = q.CurrentAnswer is { Skipped: false } a ? a : null;
        switch (q.Kind)
        {
            case AnswerKind.FreeText:
                var text = new JsonObject
                {
                    ["type"] = "Input.Text", ["id"] = CardVerbs.AnswerInput, ["label"] = "Your answer", ["isMultiline"] = true,
                    ["maxLength"] = AnswerParser.MaxTextLength, ["placeholder"] = "Answer in your own words",
                };
                if (current?.Text is { } written)
                {
                    text["value"] = CardText.Plain(written);
                }

                return text;
            case AnswerKind.Number:
                var number = new JsonObject
                {
                    ["type"] = "Input.Number", ["id"] = CardVerbs.AnswerInput, ["label"] = q.Unit is null ? "Your answer" : $"Your answer ({CardText.Plain(q.Unit)})",
                    ["min"] = 0, ["max"] = AnswerForm.MaxNumber,
                };

                if (current?.Number is { } n)
                {
                    number["value"] = (double)n;
                }

                return number;
            case AnswerKind.Scale:
                var scale = q.Options.Count > 0 ? q.Options : AnswerKinds.ImpliedOptions(AnswerKind.Scale);
                return Card.ChoiceSet(CardVerbs.AnswerInput, "Your answer", scale.Select(o => Card.Choice(ScaleTitle(q, o), o.Id)), expanded: true,
                    value: current?.ChosenOptions(q.Kind) is [var rating] ? rating : null);
            default:
                var multi = q.Kind == AnswerKind.MultipleChoice;
                return Card.ChoiceSet(
                    CardVerbs.AnswerInput, multi ? "Pick one or more" : "Your answer",
                    q.Options.Select(o => Card.Choice(CardText.Plain(o.Label), o.Id)),
                    expanded: multi || q.Options.Count <= 6, multiSelect: multi,
                    value: current is { Choices.Count: > 0 } ? string.Join(",", current.Choices) : null);
        }
    }

    private static string ScaleTitle(QuestionPrompt q, ChoiceOption option) => option.Id switch
    {
        "1" when q.LowLabel is not null => $"1 — {CardText.Plain(q.LowLabel)}",
        "5" when q.HighLabel is not null => $"5 — {CardText.Plain(q.HighLabel)}",
        _ => option.Label,
    };
}
