using System.Globalization;
using System.Text.Json.Nodes;
using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Summaries;

namespace DeliberationBot.Teams.Cards;

/// <summary>The decision: the form after the unresolved concerns, the decision recorded with its conditions, a condition's news.</summary>
internal static class DecisionCards
{
    /// <summary>
    /// The decision form, after the unresolved concerns in the words of the people who raised them: a long list pages
    /// between concerns, and the form with its button comes last.
    /// </summary>
    public static CardLayout DecisionRequest(DecisionRequest request)
    {
        var head = new List<JsonNode?>
        {
            Card.Heading(CardText.Escape(request.Title)),
            Card.Text($"The deliberation is closed with {GroupWords.Count(request.UnresolvedConcerns, "unresolved concern")}. What is the decision?"),
            request.Unresolved.Count > 0 ? Card.Text(CardText.Escape(Core.Concerns.DecisionRequest.UnresolvedHeading), weight: "Bolder", spacing: "Medium") : null,
        };
        IReadOnlyList<JsonNode?> form =
        [
            Card.ChoiceSet(CardVerbs.OutcomeInput, "Decision", Enum.GetValues<DecisionOutcome>().Select(o => Card.Choice(o.Label(), o.ToString())), expanded: true, required: true),
            new JsonObject
            {
                ["type"] = "Input.Text", ["id"] = CardVerbs.RationaleInput, ["label"] = "Why", ["isMultiline"] = true, ["maxLength"] = 2000,
                ["isRequired"] = true, ["errorMessage"] = Core.Forms.FormTexts.GiveRationale,
            },
            Card.Text(CardText.Escape(request.WhoReadsIt), subtle: true, spacing: "None"),
        ];
        JsonNode?[] record =
        [
            Card.Execute("Record decision", CardVerbs.Decide, Card.Data((CardVerbs.DeliberationField, request.DeliberationId.ToString())), style: "positive"),
        ];
        return new CardLayout(head, [.. request.Unresolved.Select(c => (IReadOnlyList<JsonNode?>)[.. ConcernCards.Concern(c)]), form],
            $"Decision on {CardText.Escape(request.Title)} (continued)", record);
    }

    public static JsonObject DecisionRecorded(DecisionRecorded r)
    {
        var d = r.Decision;
        var body = new List<JsonNode?>
        {
            Card.Text(r.Previous is { } was ? $"Decision amended (was {was.Outcome.Label()}, {was.At.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)})" : "Decision", subtle: true, weight: "Bolder"),
            r.LeadForRaiser($"\"{CardText.Escape(r.Title)}\"") is { } lead ? Card.Text(lead, weight: "Bolder") : null,
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
            r.UnresolvedLine is { } unresolved ? Card.Text(CardText.Escape(unresolved), spacing: "Small") : null,
        };
        if (r.Previous is { } earlier)
        {
            body.Add(Card.Text(
                $"This amends the decision of {earlier.At.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} ({CardText.Escape(earlier.Outcome.Label())}: {CardText.Escape(earlier.Rationale)}), which stays in the record.",
                subtle: true, spacing: "Small"));
        }

        if (r.Conditions.Count > 0)
        {
            body.Add(Card.Separator(Card.Label("Conditions")));
            body.AddRange(r.Conditions.SelectMany(Condition));
        }

        if (r.NextForRaiser is { } next)
        {
            body.Add(Card.Separator(Card.Label(CardText.Escape(r.YoursHeading))));
            body.AddRange(r.Yours.SelectMany(ConcernCards.Concern));
            body.Add(Card.Text(CardText.Escape(next), subtle: true, spacing: "Small"));
        }

        return Card.New(body);
    }

    /// <summary>The decision where it is shown without its own message (the card, the status): its headline, its rationale as written, each condition.</summary>
    public static IEnumerable<JsonNode?> Decided(Decision decision, IReadOnlyList<ConcernView> conditions)
    {
        yield return Card.Text(CardText.Escape(decision.Headline()), weight: "Bolder", spacing: "Medium");
        yield return Card.Text(CardText.Escape(decision.Rationale), spacing: "None");
        if (conditions.Count > 0)
        {
            yield return Card.Label("Conditions");
            foreach (var element in conditions.SelectMany(Condition))
            {
                yield return element;
            }
        }
    }

    public static JsonObject ConditionNotice(ConditionNotice c) => Card.New(
        [
            Card.Text(c.Lead($"\"{CardText.Escape(c.Title)}\""), weight: "Bolder"),
            .. Condition(c.Condition),
            c.Condition.Response is { } response ? Card.Text($"{CardText.Escape(c.Condition.ResponseLabel)}: {CardText.Escape(response)}", spacing: "Small") : null,
        ]);

    /// <summary>A condition of the decision as the decision lists it: its number and words, then its owner, due date and status.</summary>
    private static IEnumerable<JsonNode> Condition(ConcernView c)
    {
        yield return Card.Text($"**#{c.Number}** {CardText.Escape(c.Text)}", spacing: "Small");
        var owner = c.Owner is null ? "no owner yet" : "owner " + CardText.Escape(c.Owner.Display);
        var due = c.Due is { } date ? " · due " + date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "";
        yield return Card.Text($"{owner}{due} · {c.StatusWords}", subtle: true, spacing: "None");
    }
}
