using System.Globalization;
using System.Text.Json.Nodes;
using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Messaging;

namespace DeliberationBot.Teams.Cards;

/// <summary>Cards after answering and around concerns and decisions: the review of one's answers, owners' concerns, responses, the decision.</summary>
internal static class ConcernCards
{
    public static JsonObject Review(AnswersReview review)
    {
        var body = new List<JsonNode?>(Preview(review.JustFlagged)) { Card.Text(CardText.Escape(review.Title), subtle: true, weight: "Bolder"), Card.Text(CardText.Escape(review.Text)) };
        var actions = new List<JsonNode?>();
        foreach (var (answer, i) in review.Answers.Select((a, i) => (a, i + 1)))
        {
            body.Add(Card.Text($"{i}\\. {CardText.Escape(answer.Text)}", weight: "Bolder", spacing: "Medium"));
            body.Add(Card.Text(CardText.Escape(answer.Answer), spacing: "None"));
        }

        // Teams shows a handful of actions; a choice of question plus one button edits any of them.
        if (review.Answers.Count > 0)
        {
            body.Add(Card.ChoiceSet(CardVerbs.QuestionField, "Change an answer", review.Answers.Select((a, i) => Card.Choice($"{i + 1}. {CardText.Plain(a.Text)}", a.QuestionId)), expanded: false));
            actions.Add(Card.Execute("Change", CardVerbs.Edit, Card.Data((CardVerbs.DeliberationField, review.DeliberationId.ToString()))));
        }

        return Card.New(body, actions);
    }

    public static JsonObject Owner(OwnerConcerns owner)
    {
        var body = new List<JsonNode?> { Card.Text("Concerns for you as an owner", subtle: true, weight: "Bolder"), Card.Heading(CardText.Escape(owner.Title)) };
        var actions = new List<JsonNode?>();
        foreach (var concern in owner.Concerns)
        {
            body.AddRange(Concern(concern));
            if (concern.Actions.Contains(ConcernAction.Respond) || concern.Actions.Contains(ConcernAction.MarkAddressed) || concern.Actions.Contains(ConcernAction.WontAddress))
            {
                body.Add(new JsonObject
                {
                    ["type"] = "Input.Text", ["id"] = ResponseInput(concern.Id), ["label"] = $"Response to #{concern.Number}", ["isMultiline"] = true, ["maxLength"] = 2000,
                });
            }

            body.Add(new JsonObject { ["type"] = "ActionSet", ["actions"] = new JsonArray([.. ActionsFor(concern)]) });
        }

        return Card.New(body, actions);
    }

    public static JsonObject Response(ConcernResponseNotice notice)
    {
        var intro = notice.InConversation
            ? $"The owners of \"{CardText.Escape(notice.Title)}\" responded to concern #{notice.Concern.Number}. If you raised it, tell them whether this settles it."
            : $"The owners of \"{CardText.Escape(notice.Title)}\" responded to the concern you raised. Does this settle it?";
        var body = new List<JsonNode?> { Card.Text(intro) };
        body.AddRange(Concern(notice.Concern));
        return Card.New(body, ActionsFor(notice.Concern));
    }

    public static JsonObject DecisionRequest(DecisionRequest request) => Card.New(
        [
            Card.Heading(CardText.Escape(request.Title)),
            Card.Text($"The deliberation is closed with {request.UnresolvedConcerns} unresolved concern(s). What is the decision?"),
            Card.ChoiceSet(CardVerbs.OutcomeInput, "Decision", Enum.GetValues<DecisionOutcome>().Select(o => Card.Choice(o.Label(), o.ToString())), expanded: true, required: true),
            new JsonObject
            {
                ["type"] = "Input.Text", ["id"] = CardVerbs.RationaleInput, ["label"] = "Why", ["isMultiline"] = true, ["maxLength"] = 2000,
                ["isRequired"] = true, ["errorMessage"] = "Please say why, for the record.",
            },
        ],
        [Card.Execute("Record decision", CardVerbs.Decide, Card.Data((CardVerbs.DeliberationField, request.DeliberationId.ToString())), style: "positive")]);

    public static JsonObject DecisionRecorded(DecisionRecorded r)
    {
        var d = r.Decision;
        var body = new List<JsonNode?>
        {
            Card.Text(r.Previous is { } was ? $"Decision amended (was {was.Outcome.Label()}, {was.At.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)})" : "Decision", subtle: true, weight: "Bolder"),
            Card.Heading(CardText.Escape(r.Title)),
            Card.Text(CardText.Escape(d.Outcome.Label()), size: "Large", weight: "Bolder", color: d.Outcome switch
            {
                DecisionOutcome.Go => "Good",
                DecisionOutcome.NoGo => "Attention",
                DecisionOutcome.GoWithConditions => "Warning",
                _ => null,
            }),
            Card.Text(CardText.Escape(d.Rationale)),
            Card.Text($"Decided by {CardText.Escape(d.DecidedBy.Display)} on {d.At.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}", subtle: true, spacing: "None"),
        };
        if (r.Conditions.Count > 0)
        {
            body.Add(Card.Separator(Card.Label("Conditions")));
            foreach (var c in r.Conditions)
            {
                body.Add(Card.Text($"**#{c.Number}** {CardText.Escape(c.Text)}", spacing: "Small"));
                var owner = c.Owner is null ? "no owner yet" : "owner " + CardText.Escape(c.Owner.Display);
                var due = c.Due is { } date ? " · due " + date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "";
                body.Add(Card.Text($"{owner}{due} · {ConcernService.Describe(c.Status)}", subtle: true, spacing: "None"));
            }
        }

        return Card.New(body);
    }

    public static JsonObject Export(ExportLink link) => Card.New(
        [
            Card.Text($"The record of \"{CardText.Escape(link.Title)}\"", weight: "Bolder"),
            Card.Text($"The links work until {link.Expires.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC.", subtle: true),
        ],
        [
            new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = "Markdown", ["url"] = link.Markdown.AbsoluteUri },
            new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = "JSON", ["url"] = link.Json.AbsoluteUri },
        ]);

    public static string ResponseInput(Guid concernId) => "response-" + concernId.ToString("N");

    /// <summary>A concern: its number and each person's words with their group (and name when named), the question as context.</summary>
    internal static IEnumerable<JsonNode?> Concern(ConcernView c)
    {
        var kind = c.Kind == ConcernKind.Condition ? "Condition: " : "";
        yield return Card.Separator(Card.Text($"**#{c.Number}** {kind}{CardText.Escape(c.Heading ?? "")}", spacing: "Medium"));
        foreach (var v in c.Voices)
        {
            yield return Card.Text($"\u201C{CardText.Escape(v.Text)}\u201D", spacing: "Small");
            yield return Card.Text("— " + CardText.Escape(ConcernView.Attribution(v)), subtle: true, spacing: "None");
        }

        if (PlainTextRenderer.Context(c) is { } context)
        {
            yield return Card.Text(CardText.Escape(context), subtle: true, spacing: "Small");
        }

        yield return Card.Text($"{ConcernService.Describe(c.Status)}{(c.Owner is null ? "" : " · owner " + CardText.Escape(c.Owner.Display))}", subtle: true, spacing: "None");
        if (c.Response is not null)
        {
            yield return Card.Text("Response: " + CardText.Escape(c.Response), spacing: "Small");
        }
    }

    /// <summary>What the owners will receive from the answer just flagged, and the small-group warning.</summary>
    internal static IEnumerable<JsonNode?> Preview(ConcernPreview? p)
    {
        if (p is null)
        {
            yield break;
        }

        yield return Card.Text(CardText.Escape(p.Lead), weight: "Bolder");
        yield return Card.Text($"\u201C{CardText.Escape(p.Words)}\u201D", spacing: "Small");
        yield return Card.Text("— " + CardText.Escape(p.Attribution), subtle: true, spacing: "None");
        if (p.Warning is { } warning)
        {
            yield return Card.Text(CardText.Escape(warning), color: "Warning", spacing: "Small");
        }
    }

    private static JsonNode?[] ActionsFor(ConcernView c) =>
    [
        .. c.Actions.Select(action => (JsonNode?)Card.Execute(Label(action), CardVerbs.Concern,
            Card.Data((CardVerbs.ConcernField, c.Id.ToString()), (CardVerbs.ConcernActionField, action.ToString())))),
    ];

    private static string Label(ConcernAction action) => action switch
    {
        ConcernAction.Acknowledge => "Acknowledge",
        ConcernAction.Respond => "Respond",
        ConcernAction.MarkAddressed => "Mark addressed",
        ConcernAction.WontAddress => "Won't address",
        ConcernAction.Accept => "Accept",
        ConcernAction.Reopen => "Reopen",
        _ => "Close without raisers",
    };
}
