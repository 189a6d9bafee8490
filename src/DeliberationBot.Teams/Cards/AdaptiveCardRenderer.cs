using System.Text.Json.Nodes;
using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Digests;
using DeliberationBot.Core.Summaries;
using DeliberationBot.Core.Messaging;

namespace DeliberationBot.Teams.Cards;

/// <summary>
/// What the renderer needs to know about where a card goes: the bot's own name there, for its help text, and whether it
/// is a channel, where a post's thread can be replied in.
/// </summary>
internal sealed record RenderContext(string BotName, bool InChannel = false, bool InGroupChat = false)
{
    public const string DefaultBotName = "DeliberationBot";

    public static readonly RenderContext Default = new(DefaultBotName);

    public static RenderContext Named(string? botName) => botName is { Length: > 0 } name ? new RenderContext(name) : Default;
}

/// <summary>
/// Renders every channel-neutral message as Adaptive Cards, and wraps cards into activities and invoke answers. Long
/// messages (a summary, a digest, an owner's concerns, a review of one's answers) have a layout the pager splits into
/// several cards; any other card is split by its elements only if it would not fit.
/// </summary>
internal static class AdaptiveCardRenderer
{
    public static JsonObject Render(OutgoingMessage message, RenderContext? context = null) =>
        Layout(message) is { } layout ? CardPager.Whole(layout) : Single(message, context ?? RenderContext.Default);

    /// <summary>The message as one or more cards, each within Teams' size limit.</summary>
    public static IReadOnlyList<JsonObject> Pages(OutgoingMessage message, RenderContext? context = null) =>
        Layout(message) is { } layout ? CardPager.Pages(layout) : CardPager.Pages(Single(message, context ?? RenderContext.Default));

    /// <summary>The message as the activities to send, in order, each with the line Teams shows in notifications.</summary>
    public static IReadOnlyList<JsonObject> Activities(OutgoingMessage message, RenderContext? context = null)
    {
        var pages = Pages(message, context);
        return [.. pages.Select((card, i) => Activity(card, ActivitySummary.Of(message, i + 1, pages.Count)))];
    }

    private static CardLayout? Layout(OutgoingMessage message) => message switch
    {
        SummaryReport summary => SummaryCards.Summary(summary),
        WeeklyDigest digest when !digest.IsEmpty => DigestCards.Digest(digest),
        OwnerConcerns owner => ConcernCards.Owner(owner),
        AnswersReview review => ConcernCards.Review(review),
        ConcernList list => ConcernCards.List(list),
        DecisionRequest request => DecisionCards.DecisionRequest(request),
        _ => null,
    };

    /// <summary>Every message without a long layout above (an empty digest has none).</summary>
    private static JsonObject Single(OutgoingMessage message, RenderContext context) => message switch
    {
        DeliberationCard card => DeliberationCards.Deliberation(card, context),
        StatusReport status => DeliberationCards.Status(status),
        ReminderNotice reminder => DeliberationCards.Reminder(reminder),
        SummaryPlaceholder summary => DeliberationCards.Summary(summary),
        GroupPrompt prompt => AnswerCards.Group(prompt),
        QuestionPrompt prompt => AnswerCards.Question(prompt),
        FlowList flows => CommandCards.Flows(flows),
        HelpMessage help => CommandCards.Help(help, context.BotName),
        StartForm form => CommandCards.Start(form),
        ErrorMessage error => CommandCards.Error(error),
        Confirmation confirmation => CommandCards.Confirmation(confirmation),
        ConcernResponseNotice notice => ConcernCards.Response(notice),
        DecisionRecorded decision => DecisionCards.DecisionRecorded(decision),
        ConditionNotice condition => DecisionCards.ConditionNotice(condition),
        ExportLink link => LinkCards.Export(link),
        Core.Reports.ReportLink link => LinkCards.Report(link),
        Core.Community.CommunityInvitationLink link => LinkCards.CommunityLink(link),
        Core.Community.CommunityContactList contacts => LinkCards.CommunityContacts(contacts),
        WeeklyDigest digest => DigestCards.Quiet(digest),
        _ => throw new UnrenderableMessageException("Adaptive Cards", message),
    };

    /// <summary>Several replies as one card (an invoke can answer with one card only).</summary>
    public static JsonObject Combine(IReadOnlyList<OutgoingMessage> messages, RenderContext? context = null)
    {
        if (messages.Count == 1)
        {
            return Render(messages[0], context);
        }

        var cards = messages.Select(m => Render(m, context)).ToList();
        var body = new List<JsonNode?>();
        foreach (var card in cards)
        {
            var items = card["body"]!.AsArray().Select(n => n!.DeepClone()).ToList();
            if (body.Count > 0 && items.Count > 0)
            {
                items[0]!["separator"] = true;
            }

            body.AddRange(items);
        }

        var actions = cards.SelectMany(c => c["actions"]?.AsArray().Select(a => a!.DeepClone()) ?? []).ToList();
        return Card.New(body, actions);
    }

    /// <summary>A message activity carrying the card; <paramref name="summary"/> is what notifications and the chat list show.</summary>
    public static JsonObject Activity(JsonObject card, string? summary = null)
    {
        var activity = new JsonObject { ["type"] = "message" };
        if (summary is not null)
        {
            activity["summary"] = summary;
        }

        activity["attachments"] = new JsonArray(new JsonObject { ["contentType"] = Card.ContentType, ["content"] = card });
        return activity;
    }
}
