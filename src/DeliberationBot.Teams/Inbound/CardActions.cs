using System.Globalization;
using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Stakeholders;
using DeliberationBot.Teams.Cards;

namespace DeliberationBot.Teams.Inbound;

/// <summary>What a card action did: Core's result, or why the action's data made no sense (a bug or a forged card).</summary>
internal sealed record CardOutcome(TurnResult Result, string? BadRequest = null)
{
    public static CardOutcome Bad(string why) => new(TurnResult.Reply(), why);
}

/// <summary>
/// The card verbs, registered explicitly: answer (open the answering flow), join (group and anonymity), submit-answer,
/// flag, edit (show an earlier question again), start-form, concern (an owner's or raiser's action on a concern) and
/// decide. Used by both Action.Execute invokes and Action.Submit messages.
/// </summary>
internal sealed class CardActions(AnsweringService answering, DeliberationService deliberations, ConcernService concerns, DecisionService decisions, PeopleDirectory people)
{
    public Task<CardOutcome> HandleAsync(Turn turn, string? verb, CardData data, CancellationToken ct) => verb switch
    {
        CardVerbs.Answer => WithIdAsync(data, id => answering.OpenAsync(turn.Actor, id, ct)),
        CardVerbs.Join => JoinAsync(turn, data, ct),
        CardVerbs.SubmitAnswer => SubmitAnswerAsync(turn, data, ct),
        CardVerbs.Flag => data.Str(CardVerbs.QuestionField) is { } question
            ? WithIdAsync(data, id => answering.FlagConcernAsync(turn.Actor, id, question, data.Flag(CardVerbs.ConcernInput), turn.DeliveryKey, ct))
            : Task.FromResult(CardOutcome.Bad("flag without a question id")),
        CardVerbs.StartForm => StartAsync(turn, data, ct),
        CardVerbs.Edit => data.Str(CardVerbs.QuestionField) is { Length: > 0 } question
            ? WithIdAsync(data, id => answering.ShowQuestionAsync(turn.Actor, id, question, ct))
            : Task.FromResult(new CardOutcome(TurnResult.Error("Pick the answer you want to change."))),
        CardVerbs.Concern => ConcernAsync(turn, data, ct),
        CardVerbs.Decide => DecideAsync(turn, data, ct),
        null => Task.FromResult(CardOutcome.Bad("card action without a verb")),
        _ => Task.FromResult(CardOutcome.Bad($"unknown card verb '{verb}'")),
    };

    /// <summary>After a redelivered answering action: where the person stands now.</summary>
    public async Task<TurnResult> CurrentStepAsync(Turn turn, CardData data, CancellationToken ct) =>
        data.Id(CardVerbs.DeliberationField) is { } id ? await answering.OpenAsync(turn.Actor, id, ct) : TurnResult.Reply();

    private static async Task<CardOutcome> WithIdAsync(CardData data, Func<Guid, Task<TurnResult>> run) =>
        data.Id(CardVerbs.DeliberationField) is { } id ? new CardOutcome(await run(id)) : CardOutcome.Bad("card action without a deliberation id");

    private async Task<CardOutcome> ConcernAsync(Turn turn, CardData data, CancellationToken ct)
    {
        if (data.Id(CardVerbs.ConcernField) is not { } concern || !Enum.TryParse<ConcernAction>(data.Str(CardVerbs.ConcernActionField), out var action))
        {
            return CardOutcome.Bad("concern action without a concern id or action");
        }

        var text = data.Str(ConcernCards.ResponseInput(concern))?.Trim() is { Length: > 0 } written ? written : null;
        return new CardOutcome(await concerns.ActAsync(turn.Actor, concern, action, text, turn.DeliveryKey, ct));
    }

    private async Task<CardOutcome> DecideAsync(Turn turn, CardData data, CancellationToken ct)
    {
        if (!Enum.TryParse<DecisionOutcome>(data.Str(CardVerbs.OutcomeInput), out var outcome))
        {
            return new CardOutcome(TurnResult.Error("Please pick the decision."));
        }

        if (data.Str(CardVerbs.RationaleInput)?.Trim() is not { Length: > 0 } rationale)
        {
            return new CardOutcome(TurnResult.Error("Please say why, for the record."));
        }

        return data.Id(CardVerbs.DeliberationField) is { } id
            ? new CardOutcome(await decisions.DecideAsync(turn.Actor, id, outcome, rationale, turn.DeliveryKey, ct, fromButton: true))
            : CardOutcome.Bad("decide without a deliberation id");
    }

    private Task<CardOutcome> JoinAsync(Turn turn, CardData data, CancellationToken ct)
    {
        if (!StakeholderGroups.TryParse(data.Str(CardVerbs.GroupInput), out var group))
        {
            return Task.FromResult(new CardOutcome(TurnResult.Error("Please pick the stakeholder group you answer as.")));
        }

        return WithIdAsync(data, id => answering.JoinAsync(turn.Actor, id, group, data.Flag(CardVerbs.AnonymousInput), turn.DeliveryKey, ct));
    }

    private Task<CardOutcome> SubmitAnswerAsync(Turn turn, CardData data, CancellationToken ct)
    {
        if (data.Str(CardVerbs.QuestionField) is not { } question || !Enum.TryParse<AnswerKind>(data.Str(CardVerbs.KindField), out var kind))
        {
            return Task.FromResult(CardOutcome.Bad("submit-answer without a question id or answer kind"));
        }

        var value = data.Flag(CardVerbs.SkipField) ? AnswerValue.Skip() : ReadAnswer(kind, data);
        if (value is null)
        {
            return Task.FromResult(new CardOutcome(TurnResult.Error(kind is AnswerKind.Number or AnswerKind.Scale ? "Please answer with a number." : "Please give an answer.")));
        }

        return WithIdAsync(data, id => answering.AnswerAsync(turn.Actor, id, question, value, data.Flag(CardVerbs.ConcernInput), turn.DeliveryKey, ct));
    }

    /// <summary>The answer input as Core's value; an empty input is a skip (Core refuses it for required questions).</summary>
    private static AnswerValue? ReadAnswer(AnswerKind kind, CardData data)
    {
        var raw = data.Str(CardVerbs.AnswerInput)?.Trim();
        if (string.IsNullOrEmpty(raw))
        {
            return AnswerValue.Skip();
        }

        return kind switch
        {
            AnswerKind.FreeText => AnswerValue.FromText(raw),
            AnswerKind.Number or AnswerKind.Scale => data.Number(CardVerbs.AnswerInput) is { } n ? AnswerValue.FromNumber(n) : null,
            AnswerKind.MultipleChoice => AnswerValue.FromChoices(raw.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct()),
            _ => AnswerValue.FromChoices(raw),
        };
    }

    private async Task<CardOutcome> StartAsync(Turn turn, CardData data, CancellationToken ct)
    {
        // Core checks the title's length and that the deadline is not past; only what a form can get wrong is checked here.
        var title = data.Str(CardVerbs.TitleInput)?.Trim() ?? "";
        if (data.Str(CardVerbs.FlowInput) is not { Length: > 0 } flow)
        {
            return new CardOutcome(TurnResult.Error("Please choose a question flow."));
        }

        DateOnly? due = null;
        if (data.Str(CardVerbs.DueInput) is { Length: > 0 } dueText)
        {
            if (!DateOnly.TryParseExact(dueText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return new CardOutcome(TurnResult.Error($"\"{dueText}\" is not a date I understand; pick the deadline from the calendar."));
            }

            due = date;
        }

        var anonymity = Enum.TryParse<AnonymityPolicy>(data.Str(CardVerbs.AnonymityInput), ignoreCase: true, out var a) ? a : AnonymityPolicy.Named;
        var owners = new List<UserRef>();
        foreach (var id in (data.Str(CardVerbs.OwnersInput) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct())
        {
            owners.Add(await people.NameAsync(turn, id, ct));
        }

        var description = data.Str(CardVerbs.DescriptionInput)?.Trim() is { Length: > 0 } d ? d : null;
        var request = new StartRequest(flow, title, description, owners, due, anonymity);
        return new CardOutcome(await deliberations.StartAsync(turn.Actor, turn.Home, request, turn.DeliveryKey, ct));
    }
}
