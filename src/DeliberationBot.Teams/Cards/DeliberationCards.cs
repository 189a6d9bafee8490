using System.Globalization;
using System.Text.Json.Nodes;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Stakeholders;
using DeliberationBot.Core.Summaries;

namespace DeliberationBot.Teams.Cards;

/// <summary>Cards about a whole deliberation: its card in the home conversation, status, concerns, reminders, the closing note.</summary>
internal static class DeliberationCards
{
    public static JsonObject Deliberation(DeliberationCard c, RenderContext context)
    {
        var open = c.Status == DeliberationStatus.Open;
        var body = new List<JsonNode?>
        {
            Card.Text(open ? "Deliberation" : "Deliberation · closed", subtle: true, weight: "Bolder", color: open ? "Accent" : null),
            Card.Heading(CardText.Escape(c.Title)),
        };
        if (!string.IsNullOrWhiteSpace(c.Description))
        {
            body.Add(Card.Text(CardText.Escape(c.Description)));
        }

        body.Add(Card.Facts(
        [
            ("Flow", $"{CardText.Escape(c.FlowTitle)} ({c.QuestionCount} questions)"),
            ("Owners", c.Owners.Count == 0 ? "none" : string.Join(", ", c.Owners.Select(o => CardText.Escape(o.Display)))),
            ("Facilitator", CardText.Escape(c.Facilitator.Display)),
            ("Deadline", Date(c.Due) ?? "none"),
            ("Answers", Anonymity(c.Anonymity)),
        ]));
        body.AddRange(Progress(c.Progress));
        if (c.Decision is { } decision)
        {
            body.AddRange(DecisionCards.Decided(decision, []));
        }

        if (open)
        {
            // In a channel the card is a post of its own, and a reply to it answers; a group chat has no threads, and a
            // message there answers its only open deliberation. Either shows its writer's name, so only where answers may
            // carry one.
            var mention = "@" + CardText.Escape(context.BotName);
            var byReply = c.Anonymity == AnonymityPolicy.AnonymousOnly ? ""
                : context.InChannel ? $" You can also answer by replying to this post with {mention} and your answer."
                : context.InGroupChat ? $" You can also answer here: write {mention} and your answer."
                : "";
            body.Add(Card.Text("Press **Answer** to take part; your questions come in a private chat with me." + byReply, subtle: true, spacing: "Medium"));
        }

        var actions = open ? new JsonNode?[] { Answer(c.DeliberationId, "Answer") } : [];
        return Card.New(body, actions);
    }

    public static JsonObject Status(StatusReport s)
    {
        var body = new List<JsonNode?>
        {
            Card.Text("Status", subtle: true, weight: "Bolder"),
            Card.Heading(CardText.Escape(s.Title)),
            Card.Text($"{(s.Status == DeliberationStatus.Open ? "Open" : "Closed")}{(Date(s.Due) is { } due ? " · due " + due : "")} · concerns so far: {CardText.Escape(PlainTextRenderer.ConcernCount(s))}", subtle: true),
        };
        if (s.Decision is { } decision)
        {
            body.AddRange(DecisionCards.Decided(decision, s.Conditions));
        }
        else if (s.Status != DeliberationStatus.Open)
        {
            body.Add(Card.Text(CardText.Escape(StatusReport.AwaitingDecision), spacing: "Small"));
        }

        body.AddRange(Progress(s.Progress));
        body.Add(Card.Label("Answers by section"));
        body.Add(Card.Facts(s.Coverage.Select(section => (
            CardText.Escape(section.SectionTitle),
            section.AnswersByGroup.Count == 0
                ? "no answers yet"
                : string.Join(", ", section.AnswersByGroup.OrderBy(x => x.Key).Select(x => $"{CardText.Escape(x.Key.Label())} {x.Value}"))))));
        if (s.Community is { } community)
        {
            body.Add(Card.Text(CardText.Escape(PlainTextRenderer.CommunityLine(community))));
        }

        return Card.New(body);
    }

    public static JsonObject Reminder(ReminderNotice r)
    {
        var due = Date(r.Due) is { } d ? $" (due {d})" : "";
        var text = r.QuestionsLeft > 0
            ? $"You have {GroupWords.Count(r.QuestionsLeft, "question")} left in \"{CardText.Escape(r.Title)}\"{due}."
            : $"Some participants have not finished \"{CardText.Escape(r.Title)}\"{due}.";
        return Card.New(
            [Card.Text("Reminder", weight: "Bolder"), Card.Text(text), Card.Text("Press **Continue** to pick up where you stopped.", subtle: true)],
            [Answer(r.DeliberationId, "Continue")]);
    }

    public static JsonObject Summary(SummaryPlaceholder p) =>
        Card.New([Card.Text("Closed", subtle: true, weight: "Bolder"), Card.Heading(CardText.Escape(p.Title)), Card.Text(CardText.Escape(p.Text))]);

    public static JsonObject Answer(Guid deliberationId, string title) =>
        Card.Execute(title, CardVerbs.Answer, Card.Data((CardVerbs.DeliberationField, deliberationId.ToString())), style: "positive", withInputs: false);

    private static IEnumerable<JsonNode?> Progress(ProgressSummary progress)
    {
        yield return Card.Label("Progress");
        yield return Card.Text($"{GroupWords.Count(progress.Participants, "participant")}, {progress.Finished} finished", spacing: "None");
        if (progress.ByGroup.Count > 0)
        {
            yield return Card.Facts(progress.ByGroup.Select(g => (
                CardText.Escape(g.Group.Label()),
                $"{g.Participants} joined · {g.Finished} finished · {GroupWords.Count(g.Answers, "answer")}")));
        }
    }

    private static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Anonymity(AnonymityPolicy policy) => policy switch
    {
        AnonymityPolicy.Named => "named",
        AnonymityPolicy.AnonymousAllowed => "named or anonymous",
        _ => "anonymous only",
    };
}
