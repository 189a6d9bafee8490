using System.Text.Json.Nodes;
using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Teams.Cards;
using DeliberationBot.Teams.Installation;
using DeliberationBot.Teams.Outbound;
using Microsoft.AspNetCore.Http;

namespace DeliberationBot.Teams.Inbound;

/// <summary>
/// What to write back for an invoke: the HTTP status and the JSON body (the invoke response), and optionally work to do
/// right after answering (drawing a shared card again for everyone who sees it).
/// </summary>
internal sealed record InvokeAnswer(int HttpStatus, JsonObject? Body, Func<CancellationToken, Task>? After = null);

/// <summary>
/// adaptiveCard/action (Action.Execute), answered in the HTTP response of the same request. In a 1:1 chat the card
/// is replaced by what comes next (the next question, a thank-you); elsewhere the answering flow goes to the person's
/// 1:1 chat through the outbox and the card stays as it is, with a short note for the person who pressed it. The
/// "answer", "concern" and "decide" verbs do not replace their card with their replies (the deliberation's card, a
/// reminder or a list of concerns, which still matter); their replies are queued and the person sees a short note, or,
/// for an owner's concerns, the card drawn again as they now stand.
/// </summary>
internal sealed class InvokeHandler(CardActions cards, FormRedraw forms, ReplyQueue replies, BotConnectorClient connector, TeamsLog log)
{
    public const string AdaptiveCardAction = "adaptiveCard/action";

    public async Task<InvokeAnswer> HandleAsync(Turn turn, CancellationToken ct)
    {
        var activity = turn.Activity;
        if (!string.Equals(activity.Name, AdaptiveCardAction, StringComparison.Ordinal))
        {
            log.Ignored($"invoke '{activity.Name}'", "not handled by this bot");
            return new InvokeAnswer(StatusCodes.Status501NotImplemented, null);
        }

        var (verb, data) = activity.Value?.Invoked() ?? (null, CardData.Empty);
        var outcome = await cards.HandleAsync(turn, verb, data, ct);
        if (outcome.BadRequest is { } why)
        {
            log.BadCardAction(why, turn.TenantId);
            return Error(400, "BadRequest", "That card action is not one I know.");
        }

        var personal = verb is not null && CardVerbs.IsPersonal(verb);
        var context = RenderContext.Named(activity.Recipient?.Name);
        var result = outcome.Result;
        if (result.Duplicate)
        {
            log.Duplicate(ActivityTypes.Invoke, turn.TenantId, turn.DeliveryKey);
            result = personal ? await cards.CurrentStepAsync(turn, data, ct) : result;
            return result.Replies.Count > 0 && personal && activity.IsPersonal && !CardVerbs.KeepsCard(verb!)
                ? await CardOrQueueAsync(turn, result.Replies, context, ct)
                : Message("Already done.");
        }

        if (result.Replies.Count == 0)
        {
            return Message("Done.");
        }

        // Something to fix: the same form again with the error shown and what was entered kept; where there is no
        // form to draw again, the card stays as it is (inputs and all) and the error is shown beside it.
        if (result.Replies.All(r => r is ErrorMessage))
        {
            // A concerns card refused (pressed after the concern moved on): why, above the concern as it now stands.
            if (outcome.Redrawn is { } now && Above(result.Replies, now, context) is { } refused)
            {
                return CardAnswer(refused);
            }

            var error = string.Join(" ", result.Replies.OfType<ErrorMessage>().Select(e => CardText.Plain(e.OnOneLine)));
            return await forms.RedrawAsync(turn, verb!, data, error, context, ct) is { } form ? CardAnswer(form) : Message(error);
        }

        var replaceCard = !CardVerbs.KeepsCard(verb!) && (!personal || activity.IsPersonal);
        if (replaceCard)
        {
            return await CardOrQueueAsync(turn, result.Replies, context, ct);
        }

        // A concerns card (an owner's, or the response to the people who raised one), drawn again as it now stands: no
        // button offers what was just done.
        if (outcome.Redrawn is { } redrawn && Above([], redrawn, context) is { } card)
        {
            // The card an invoke answers with is its presser's alone, so it also says what came of the press (who was
            // told), above the concern as it now stands, as Slack shows it beside the redrawn message; only what does not
            // fit there is sent as a message too, privately where the card is everyone's (people who raised it anonymously
            // press there). Everyone else in the conversation sees the card as it stands, without it.
            var said = result.Replies.OfType<Confirmation>().ToList();
            var told = said.Count > 0 ? Above(said, redrawn, context) : null;
            await replies.QueueAsync(turn, told is null ? result.Replies : [.. result.Replies.Where(r => r is not Confirmation)], personal || SharedByEveryone(redrawn), ct);
            return SharedByEveryone(redrawn) && !activity.IsPersonal && activity.ReplyToId is { Length: > 0 } pressed
                ? CardAnswer(told ?? card) with { After = ct => UpdateForEveryoneAsync(activity, pressed, AdaptiveCardRenderer.Activity(card.DeepClone().AsObject()), ct) }
                : CardAnswer(told ?? card);
        }

        await replies.QueueAsync(turn, result.Replies, personal, ct);
        if (verb == CardVerbs.Answer)
        {
            return Message(activity.IsPersonal ? "Here you go." : "I've sent you the questions in our 1:1 chat.");
        }

        return Message(CardText.Truncate(PlainTextRenderer.Render(result.Replies[0]), 200));
    }

    /// <summary>What was said of the press (done, or why not) above a concerns card as it now stands; null when that is more than one card.</summary>
    private static JsonObject? Above(IEnumerable<OutgoingMessage> said, OutgoingMessage redrawn, RenderContext context) =>
        AdaptiveCardRenderer.Combine([.. said, redrawn], context) is var card && CardPager.Fits(card) ? card : null;

    /// <summary>
    /// The response to the people who raised a concern, posted in the conversation for those who answered anonymously,
    /// reads the same for everyone there; the other concerns cards say what the reader may do.
    /// </summary>
    private static bool SharedByEveryone(OutgoingMessage redrawn) => redrawn is ConcernResponseNotice { InConversation: true };

    /// <summary>
    /// An invoke's card replaces the pressed one for the person who pressed it only; the message itself is updated so
    /// that everyone else in the conversation sees where the concern stands too, not buttons that no longer apply.
    /// </summary>
    private async Task UpdateForEveryoneAsync(Activity activity, string pressed, JsonObject redrawn, CancellationToken ct)
    {
        var updated = await connector.UpdateActivityAsync(activity.ServiceUrl!, ConversationIds.Base(activity.Conversation!.Id!), pressed, redrawn, ct);
        if (!updated.Ok)
        {
            log.CardNotUpdated(updated.ToString());
        }
    }

    /// <summary>
    /// The replies in place of the card pressed; when they are too long for one card (a long review of one's answers),
    /// a short card says so and they follow as messages, in as many parts as they need.
    /// </summary>
    private async Task<InvokeAnswer> CardOrQueueAsync(Turn turn, IReadOnlyList<OutgoingMessage> messages, RenderContext context, CancellationToken ct)
    {
        var card = AdaptiveCardRenderer.Combine(messages, context);
        if (CardPager.Fits(card))
        {
            return CardAnswer(card);
        }

        await replies.QueueAsync(turn, messages, personalTurn: true, ct);
        return CardAnswer(Card.New([
            Card.Text(CardText.Escape(ActivitySummary.Of(messages[0])), weight: "Bolder"),
            Card.Text("It is too long for this card, so it follows in the next messages.", subtle: true),
        ]));
    }

    public static InvokeAnswer CardAnswer(JsonObject card) =>
        new(200, new JsonObject { ["statusCode"] = 200, ["type"] = Card.ContentType, ["value"] = card });

    public static InvokeAnswer Message(string text) =>
        new(200, new JsonObject { ["statusCode"] = 200, ["type"] = "application/vnd.microsoft.activity.message", ["value"] = text });

    /// <summary>Errors travel in the body (HTTP 200), as Universal Actions expect.</summary>
    public static InvokeAnswer Error(int status, string code, string message) =>
        new(200, new JsonObject
        {
            ["statusCode"] = status,
            ["type"] = "application/vnd.microsoft.error",
            ["value"] = new JsonObject { ["code"] = code, ["message"] = message },
        });
}
