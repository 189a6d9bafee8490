using System.Text.Json.Nodes;
using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Teams.Cards;

namespace DeliberationBot.Teams.Inbound;

/// <summary>
/// When a form comes back with something to fix, the person gets the same form again with the error on top and what
/// they entered kept, rather than a card that only says what was wrong. The form is drawn from current state (the
/// question, the review, the group choice, the start form, the decision request); what they entered comes from the
/// action's inputs.
/// </summary>
internal sealed class FormRedraw(AnsweringService answering, ThreadAnswering threads, DeliberationService deliberations, DecisionService decisions)
{
    /// <summary>The form again, or null when this verb has no form to draw again (its card then stays as it is).</summary>
    public async Task<JsonObject?> RedrawAsync(Turn turn, string verb, CardData data, string error, RenderContext context, CancellationToken ct)
    {
        var id = data.Id(CardVerbs.DeliberationField);
        OutgoingMessage? form = verb switch
        {
            CardVerbs.SubmitAnswer or CardVerbs.Flag when id is { } d && data.Str(CardVerbs.QuestionField) is { } question =>
                Only<QuestionPrompt>(await answering.ShowQuestionAsync(turn.Actor, d, question, ct)),
            CardVerbs.Edit when id is { } d => Only<AnswersReview>(await answering.OpenAsync(turn.Actor, d, ct)),
            CardVerbs.Join when id is { } d => Only<GroupPrompt>(await answering.OpenAsync(turn.Actor, d, ct)) is { } group
                ? group with { Waiting = await threads.FindWaitingAsync(turn.Actor, CardActions.Waiting(data), ct) } : null,
            CardVerbs.StartForm => new StartForm(deliberations.Flows()),
            CardVerbs.Decide when id is { } d => await decisions.RequestAsync(turn.Actor, d, ct),
            _ => null,
        };
        if (form is null || AdaptiveCardRenderer.Pages(form, context) is not [var card])
        {
            return null; // a form of several cards: the one pressed stays, with the error beside it
        }

        Keep(card, data);
        card["body"]!.AsArray().Insert(0, Card.Text(CardText.Escape(error), weight: "Bolder", color: "Attention"));
        return card;
    }

    private static T? Only<T>(TurnResult result) where T : OutgoingMessage =>
        result.Replies is [T form] ? form : null;

    /// <summary>Puts what the person entered back into every input of the card it came from.</summary>
    private static void Keep(JsonNode? node, CardData data)
    {
        switch (node)
        {
            case JsonObject element:
                if (element["type"]?.GetValue<string>() is { } type && type.StartsWith("Input.", StringComparison.Ordinal) &&
                    element["id"]?.GetValue<string>() is { } inputId && data.Str(inputId) is { } entered)
                {
                    element["value"] = type != "Input.Number" ? entered
                        : double.TryParse(entered, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;
                }

                foreach (var (_, child) in element.ToList())
                {
                    Keep(child, data);
                }

                break;
            case JsonArray items:
                foreach (var item in items)
                {
                    Keep(item, data);
                }

                break;
        }
    }
}
