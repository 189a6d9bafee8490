using System.Text.Json.Nodes;
using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Digests;
using DeliberationBot.Core.Summaries;
using DeliberationBot.Core.Messaging;

namespace DeliberationBot.Teams.Cards;

/// <summary>Renders every channel-neutral message as an Adaptive Card, and wraps cards into activities and invoke answers.</summary>
internal static class AdaptiveCardRenderer
{
    public static JsonObject Render(OutgoingMessage message) => message switch
    {
        DeliberationCard card => DeliberationCards.Deliberation(card),
        StatusReport status => DeliberationCards.Status(status),
        ConcernList concerns => DeliberationCards.Concerns(concerns),
        ReminderNotice reminder => DeliberationCards.Reminder(reminder),
        SummaryPlaceholder summary => DeliberationCards.Summary(summary),
        GroupPrompt prompt => AnswerCards.Group(prompt),
        QuestionPrompt prompt => AnswerCards.Question(prompt),
        FlowList flows => CommandCards.Flows(flows),
        HelpMessage help => CommandCards.Help(help),
        StartForm form => CommandCards.Start(form),
        ErrorMessage error => CommandCards.Error(error),
        Confirmation confirmation => CommandCards.Confirmation(confirmation),
        AnswersReview review => ConcernCards.Review(review),
        OwnerConcerns owner => ConcernCards.Owner(owner),
        ConcernResponseNotice notice => ConcernCards.Response(notice),
        DecisionRequest request => ConcernCards.DecisionRequest(request),
        DecisionRecorded decision => ConcernCards.DecisionRecorded(decision),
        ExportLink link => ConcernCards.Export(link),
        Core.Reports.ReportLink link => ConcernCards.Report(link),
        WeeklyDigest digest => DigestCards.Digest(digest),
        SummaryReport summary => SummaryCards.Summary(summary),
        _ => PlainText(message),
    };

    /// <summary>A message Core added after this renderer: its plain text, escaped, a block per line, rather than a failed send.</summary>
    private static JsonObject PlainText(OutgoingMessage message) =>
        Card.New(PlainTextRenderer.Render(message).Split('\n')
            .Where(line => line.Trim().Length > 0)
            .Select((line, i) => (JsonNode?)Card.Text(CardText.Escape(line.Trim()), weight: i == 0 ? "Bolder" : null, spacing: i == 0 ? null : "None")));

    /// <summary>Several replies as one card (an invoke can answer with one card only).</summary>
    public static JsonObject Combine(IReadOnlyList<OutgoingMessage> messages)
    {
        if (messages.Count == 1)
        {
            return Render(messages[0]);
        }

        var cards = messages.Select(Render).ToList();
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

    /// <summary>A message activity carrying the card.</summary>
    public static JsonObject Activity(JsonObject card) => new()
    {
        ["type"] = "message",
        ["attachments"] = new JsonArray(new JsonObject { ["contentType"] = Card.ContentType, ["content"] = card }),
    };

    public static JsonObject Activity(OutgoingMessage message) => Activity(Render(message));
}
