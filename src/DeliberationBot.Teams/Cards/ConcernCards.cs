using System.Globalization;
using System.Text.Json.Nodes;
using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Summaries;

namespace DeliberationBot.Teams.Cards;

/// <summary>Cards after answering and around concerns: the review of one's answers, owners' concerns, the responses.</summary>
internal static class ConcernCards
{
    public const string PickAnswerError = "Pick the answer you want to change.";

    /// <summary>One's answers, each under its question; a choice of the answers on the page and one Change button edit any of them.</summary>
    public static CardLayout Review(AnswersReview review)
    {
        var head = new List<JsonNode?> { Card.Text(CardText.Escape(review.Title), subtle: true, weight: "Bolder") };
        head.AddRange(AnswerCards.Notice(review.Notice));
        head.AddRange(AnswerCards.Flagged(review.JustFlagged));
        head.Add(Card.Text(CardText.Escape(review.Text)));
        var parts = review.Answers.Select((answer, i) => (IReadOnlyList<JsonNode?>)
        [
            Card.Text($"{i + 1}\\. {CardText.Escape(answer.Text)}", weight: "Bolder", spacing: "Medium"),
            Card.Text(CardText.Escape(answer.Answer), spacing: "None"),
            .. answer.Flagged ? [Card.Text(CardText.Escape(AnsweredQuestion.FlaggedNote), subtle: true, spacing: "None")] : Array.Empty<JsonNode?>(),
        ]).ToList();
        return new CardLayout(head, parts, $"Your answers to {CardText.Escape(review.Title)} (continued)", Footer: onPage => ChangeAnswer(review, onPage));
    }

    /// <summary>
    /// Teams shows a handful of actions: a required choice of question plus one button. Teams checks the choice before
    /// sending, and says what is missing under it.
    /// </summary>
    private static CardFooter ChangeAnswer(AnswersReview review, IReadOnlyList<int> onPage)
    {
        if (onPage.Count == 0)
        {
            return new CardFooter([], []);
        }

        var choices = onPage.Select(i => Card.Choice($"{i + 1}. {CardText.Plain(review.Answers[i].Text)}", review.Answers[i].QuestionId));
        var choice = Card.ChoiceSet(CardVerbs.QuestionField, "Change an answer", choices, expanded: false, required: true);
        choice["errorMessage"] = PickAnswerError;
        return new CardFooter([choice], [Card.Execute("Change", CardVerbs.Edit, Card.Data((CardVerbs.DeliberationField, review.DeliberationId.ToString())))]);
    }

    /// <summary>
    /// An owner's concerns, each in its raiser's words first; what the owner can do about one opens under it on demand
    /// (a response box and the buttons), so the card reads as the list of what people said.
    /// </summary>
    public static CardLayout Owner(OwnerConcerns owner)
    {
        var (unanswered, toActOn) = (owner.Unanswered, owner.AwaitingResponse);
        var lead = unanswered > 0 ? $"{owner.Counted(unanswered)} {(unanswered == 1 ? "needs" : "need")} your response. Open **Respond** under one to answer it."
            : toActOn > 0 ? $"You have responded{(toActOn == 1 ? "" : " to each")}. Open **Respond** under one to change your response or mark it addressed."
            : GroupWords.Capitalised(owner.NothingToAnswer);
        var head = new List<JsonNode?>
        {
            Card.Text($"{owner.Holds} for you", subtle: true, weight: "Bolder"),
            Card.Heading(CardText.Escape(owner.Title)),
            Card.Text(lead, spacing: "None"),
        };
        // Every action names the card's concerns, so that the card can be drawn again as they then stand.
        var listed = string.Join(",", owner.Concerns.Select(c => c.Number));
        var parts = owner.Concerns.Select(concern => (IReadOnlyList<JsonNode?>)[.. Concern(concern), RespondOnDemand(concern, listed)]).ToList();
        return new CardLayout(head, parts, $"{owner.Holds} for you: {CardText.Escape(owner.Title)} (continued)");
    }

    private static JsonObject? RespondOnDemand(ConcernView concern, string listed)
    {
        if (concern.Actions.Count == 0)
        {
            return null;
        }

        // The facilitator, offered only to close it, writes why it closes, not a response.
        var closesOnly = concern.Actions.All(a => a == ConcernAction.CloseWithoutRaisers);
        var body = new JsonArray();
        if (concern.Actions.Any(NeedsText))
        {
            body.Add(new JsonObject
            {
                ["type"] = "Input.Text", ["id"] = ResponseInput(concern.Id), ["isMultiline"] = true, ["maxLength"] = 2000, ["isRequired"] = true,
                ["label"] = closesOnly ? $"{PlainTextRenderer.CloseReasonLabel} (#{concern.Number})" : $"Your response to #{concern.Number}",
                ["errorMessage"] = closesOnly ? "Write why it closes first; it is kept in the deliberation's history." : $"Write your response first; {concern.ReadBy} will read it.",
            });
        }

        var show = new JsonObject
        {
            ["type"] = "Action.ShowCard",
            ["title"] = closesOnly ? $"Close #{concern.Number}" : $"Respond to #{concern.Number}",
            ["card"] = new JsonObject { ["type"] = "AdaptiveCard", ["body"] = body, ["actions"] = new JsonArray([.. ActionsFor(concern, (CardVerbs.ListedConcernsField, listed))]) },
        };
        return new JsonObject { ["type"] = "ActionSet", ["actions"] = new JsonArray(show) };
    }

    /// <summary>Actions that record what the owner writes; the others do not send the response box (and do not require it).</summary>
    private static bool NeedsText(ConcernAction action) =>
        action is ConcernAction.Respond or ConcernAction.MarkAddressed or ConcernAction.WontAddress or ConcernAction.CloseWithoutRaisers;

    public static JsonObject Response(ConcernResponseNotice notice)
    {
        var body = new List<JsonNode?> { Card.Text(notice.Lead($"\"{CardText.Escape(notice.Title)}\"", CardText.Escape) + " " + CardText.Escape(notice.NextStep)) };
        body.AddRange(Concern(notice.Concern));
        if (notice.Concern.Actions.Contains(ConcernAction.Reopen))
        {
            // For Reopen: why the response does not settle it, in their words, for the owners to read. Accept sends it too,
            // only to be refused rather than drop the words.
            body.Add(new JsonObject
            {
                ["type"] = "Input.Text", ["id"] = ResponseInput(notice.Concern.Id), ["label"] = "If you reopen it: what is not settled for you? (optional)",
                ["isMultiline"] = true, ["maxLength"] = 2000,
                ["placeholder"] = ConcernResponseNotice.ReopenWordsHint(notice.InConversation),
            });
        }
        return Card.New(body, ActionsFor(notice.Concern, (CardVerbs.RaisersNoticeField, new ConcernMessageShown.ToRaisers(notice.InConversation).Name)));
    }

    public static string ResponseInput(Guid concernId) => "response-" + concernId.ToString("N");

    /// <summary>
    /// A concern: its number and where it stands, then each person's words with their group (and name, only if they
    /// answered by name), then the question it came from as context, any words given on reopening it, and any response.
    /// </summary>
    public static IEnumerable<JsonNode?> Concern(ConcernView c)
    {
        var title = string.Join(" ", new[] { $"**#{c.Number}**", c.Kind == ConcernKind.Condition ? (c.Heading is null ? "Condition" : "Condition:") : null, c.Heading is { } h ? CardText.Escape(h) : null }.OfType<string>());
        var merged = c.MergedInto is { } into ? $" · merged into #{into}" : "";
        var owner = c.Owner is null ? "" : " · owner " + CardText.Escape(c.Owner.Display) + (c.Due is { } due ? " · due " + due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "");
        yield return Card.Separator(Card.Text($"{title} · {c.StatusWords}{merged}{owner}", spacing: "Medium"));
        foreach (var note in c.Notes)
        {
            yield return Card.Text(CardText.Escape(note), subtle: true, spacing: "Small");
        }

        foreach (var (voices, context) in c.RaisingInContext)
        {
            foreach (var block in voices.SelectMany(Voice))
            {
                yield return block;
            }

            if (context is not null)
            {
                yield return Card.Text(CardText.Escape(context), subtle: true, spacing: "Small");
            }
        }

        foreach (var block in c.OnReopening.SelectMany(Voice))
        {
            yield return block;
        }

        if (c.Response is not null)
        {
            yield return Card.Text($"{CardText.Escape(c.ResponseLabel)}: " + CardText.Escape(c.Response), spacing: "Small");
        }

        IEnumerable<JsonNode?> Voice(ConcernVoice voice)
        {
            var mark = c.ChangeOf(voice) is { } change ? $" · **{change}**" : "";
            return [Card.Text($"“{CardText.Escape(voice.Text)}”", spacing: "Small"), Card.Text("— " + CardText.Escape(ConcernView.Attribution(voice)) + mark, subtle: true, spacing: "None")];
        }
    }

    /// <summary>A deliberation's concerns, each in people's words, in as many cards as they need.</summary>
    public static CardLayout List(ConcernList list)
    {
        var head = new List<JsonNode?>
        {
            Card.Text("Concerns", subtle: true, weight: "Bolder"),
            Card.Heading(CardText.Escape(list.Title)),
            Card.Text(list.Lead + "."),
        };
        return new CardLayout(head, [.. list.Concerns.Select(c => (IReadOnlyList<JsonNode?>)[.. Concern(c)])], $"Concerns on {CardText.Escape(list.Title)} (continued)");
    }

    /// <param name="shown">Which card this is (<see cref="CardVerbs.ListedConcernsField"/>, <see cref="CardVerbs.RaisersNoticeField"/>), to draw it again after the action.</param>
    private static JsonNode?[] ActionsFor(ConcernView c, (string Field, string Value) shown) =>
    [
        .. c.Actions.Select(action =>
        {
            var data = Card.Data((CardVerbs.ConcernField, c.Id.ToString()), (CardVerbs.ConcernActionField, action.ToString()), shown);

            return (JsonNode?)Card.Execute(Label(action, c.Kind), CardVerbs.Concern, data, withInputs: NeedsText(action) || action is ConcernAction.Reopen or ConcernAction.Accept);
        }),
    ];

    /// <summary>Core's labels, with Accept kept short beside Reopen on a card.</summary>
    private static string Label(ConcernAction action, ConcernKind kind) =>
        action == ConcernAction.Accept ? "Accept" : PlainTextRenderer.ActionLabel(action, kind);
}
