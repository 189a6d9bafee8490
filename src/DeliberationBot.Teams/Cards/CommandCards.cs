using System.Text.Json.Nodes;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Messaging;

namespace DeliberationBot.Teams.Cards;

/// <summary>Cards answering commands: flows, help, the start form, errors and confirmations.</summary>
internal static class CommandCards
{
    public static JsonObject Flows(FlowList list)
    {
        var body = new List<JsonNode?> { Card.Heading("Flows you can start") };
        foreach (var flow in list.Flows)
        {
            body.Add(Card.Separator(Card.Text($"**{CardText.Escape(flow.Title)}**", spacing: "Medium")));
            body.Add(Card.Text($"{CardText.Escape(flow.Id)} · {flow.QuestionCount} questions", subtle: true, spacing: "None"));
            body.Add(Card.Text(CardText.Escape(flow.Description)));
        }

        body.Add(Card.Text(CardText.Escape("Start one with: start <flow> \"<proposal title>\" owner:@someone due:YYYY-MM-DD, or just: start"), subtle: true, spacing: "Medium"));
        return Card.New(body);
    }

    public static JsonObject Help(HelpMessage help, string botName)
    {
        var body = new List<JsonNode?>
        {
            Card.Heading("What I can do"),
            Card.Text($"In a channel or group chat, mention me first, e.g. **@{CardText.Escape(botName)} status**. In our 1:1 chat just type the command.", subtle: true),
        };
        foreach (var command in help.Commands)
        {
            body.Add(Card.Text($"**{CardText.Escape(command.Usage)}**", spacing: "Medium"));
            body.Add(Card.Text(CardText.Escape(command.Description), spacing: "None"));
        }

        return Card.New(body);
    }

    public static JsonObject Start(StartForm form)
    {
        var flows = form.Flows.Select(f => Card.Choice(CardText.Plain($"{f.Title} ({f.QuestionCount} questions)"), f.Id));
        JsonNode?[] body =
        [
            Card.Heading("Start a deliberation"),
            Card.Text("Everyone in this conversation will be able to answer. You can close it at any time.", subtle: true),
            Card.ChoiceSet(CardVerbs.FlowInput, "Question flow", flows, expanded: false, required: true, value: form.Flows.Count > 0 ? form.Flows[0].Id : null),
            new JsonObject
            {
                ["type"] = "Input.Text", ["id"] = CardVerbs.TitleInput, ["label"] = "Proposal title", ["maxLength"] = 200,
                ["isRequired"] = true, ["errorMessage"] = "Please give the proposal a title.", ["placeholder"] = "Predictive screening for hotline calls",
            },
            new JsonObject
            {
                ["type"] = "Input.Text", ["id"] = CardVerbs.DescriptionInput, ["label"] = "What is proposed (optional)", ["isMultiline"] = true, ["maxLength"] = 2000,
            },
            new JsonObject
            {
                ["type"] = "Input.ChoiceSet", ["id"] = CardVerbs.OwnersInput, ["label"] = "Owners (optional; you by default)", ["isMultiSelect"] = true,
                ["choices"] = new JsonArray(), ["choices.data"] = new JsonObject { ["type"] = "Data.Query", ["dataset"] = "graph.microsoft.com/users" },
            },
            new JsonObject { ["type"] = "Input.Date", ["id"] = CardVerbs.DueInput, ["label"] = "Deadline (optional)" },
            Card.ChoiceSet(CardVerbs.AnonymityInput, "Answers", [
                Card.Choice("Named", nameof(AnonymityPolicy.Named)),
                Card.Choice("Named or anonymous, as each person chooses", nameof(AnonymityPolicy.AnonymousAllowed)),
                Card.Choice("Anonymous only", nameof(AnonymityPolicy.AnonymousOnly)),
            ], expanded: true, value: nameof(AnonymityPolicy.AnonymousAllowed)),
        ];
        return Card.New(body, [Card.Execute("Start", CardVerbs.StartForm, new JsonObject(), style: "positive")]);
    }

    public static JsonObject Error(ErrorMessage error)
    {
        var body = new List<JsonNode?> { Card.Text(CardText.Escape(error.Text), color: "Attention") };
        if (error.Usage is not null)
        {
            body.Add(Card.Text("Usage: " + CardText.Escape(error.Usage), subtle: true));
        }

        if (error.Question is not null)
        {
            body.Add(Card.Text("Question: " + CardText.Escape(error.Question), subtle: true));
        }

        return Card.New(body);
    }

    public static JsonObject Confirmation(Confirmation confirmation) =>
        Card.New([Card.Text(CardText.Escape(confirmation.Text))]);
}
