using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Forms;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Stakeholders;
using DeliberationBot.Teams.Cards;

namespace DeliberationBot.Teams.Inbound;

/// <summary>What a card action did: Core's result, or why the action's data made no sense (a bug or a forged card).</summary>
internal sealed record CardOutcome(TurnResult Result, string? BadRequest = null)
{
    /// <summary>What the card acted on reads as now, to be drawn in its place (an owner's concerns after acting on one).</summary>
    public OutgoingMessage? Redrawn { get; init; }

    public static CardOutcome Bad(string why) => new(TurnResult.Reply(), why);
}

/// <summary>
/// The card verbs, registered explicitly: answer (open the answering flow), join (group and anonymity), submit-answer,
/// flag, edit (show an earlier question again), start-form, concern (an owner's or raiser's action on a concern) and
/// decide. Used by both Action.Execute invokes and Action.Submit messages.
/// </summary>
internal sealed class CardActions(AnsweringService answering, ThreadAnswering threads, DeliberationService deliberations, ConcernService concerns, DecisionService decisions, SuggestionService suggestions, PeopleDirectory people, TimeProvider time)
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
        CardVerbs.Suggestion => int.TryParse(data.Str(CardVerbs.SuggestionField), out var number)
            ? WithIdAsync(data, id => suggestions.SettleAsync(turn.Actor, id, number, data.Flag(CardVerbs.ConfirmField), turn.DeliveryKey, ct))
            : Task.FromResult(CardOutcome.Bad("suggestion without a number")),
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
        var result = await concerns.ActAsync(turn.Actor, concern, action, text, turn.DeliveryKey, ct);
        return new CardOutcome(result)
        {
            // Also when refused because the card is older than the concern's last change: drawn as the concern now stands, with why.
            Redrawn = CardVerbs.ShownOn(data.Str) is { } shown ? await concerns.RedrawnAfterAsync(turn.Actor, concern, shown, action, result, ct) : null,
        };
    }

    private async Task<CardOutcome> DecideAsync(Turn turn, CardData data, CancellationToken ct)
    {
        var (outcome, rationale, problem) = ChoiceForms.Decision(data.Str(CardVerbs.OutcomeInput), data.Str(CardVerbs.RationaleInput));
        if (problem is not null)
        {
            return Problem(problem);
        }

        return data.Id(CardVerbs.DeliberationField) is { } id
            ? new CardOutcome(await decisions.DecideAsync(turn.Actor, id, outcome, rationale, turn.DeliveryKey, ct, fromButton: true))
            : CardOutcome.Bad("decide without a deliberation id");
    }

    private Task<CardOutcome> JoinAsync(Turn turn, CardData data, CancellationToken ct)
    {
        var (group, problem) = ChoiceForms.Group(data.Str(CardVerbs.GroupInput));
        if (group is not { } chosen)
        {
            return Task.FromResult(Problem(problem!));
        }

        return WithIdAsync(data, id => threads.JoinAsync(turn.Actor, id, chosen, data.Flag(CardVerbs.AnonymousInput), Waiting(data), turn.DeliveryKey, ct));
    }

    /// <summary>The thread reply a group card names (<see cref="AnswerCards.Group"/>), if any.</summary>
    public static WaitingReply? Waiting(CardData data) =>
        data.Str(CardVerbs.WaitingKeyField) is { Length: > 0 } key ? WaitingReply.Carried(key, data.Str(CardVerbs.WaitingTextField)) : null;

    private Task<CardOutcome> SubmitAnswerAsync(Turn turn, CardData data, CancellationToken ct)
    {
        if (data.Str(CardVerbs.QuestionField) is not { } question || !Enum.TryParse<AnswerKind>(data.Str(CardVerbs.KindField), out var kind))
        {
            return Task.FromResult(CardOutcome.Bad("submit-answer without a question id or answer kind"));
        }

        var (value, problem) = data.Flag(CardVerbs.SkipField) ? (AnswerValue.Skip(), null) : AnswerParser.FromForm(kind, AnswerInput(kind, data));
        if (value is null)
        {
            return Task.FromResult(Problem(problem!));
        }

        // A card drawn with the box for words sends it, empty too: what it holds is all of the answer's words.
        var withWords = kind != AnswerKind.FreeText && data.Fields.ContainsKey(CardVerbs.WordsInput);
        var (words, tooLong) = AnswerForm.Words(data.Str(CardVerbs.WordsInput));
        if (tooLong is not null)
        {
            return Task.FromResult(new CardOutcome(TurnResult.Error(tooLong.Text)));
        }

        var answer = withWords ? AnswerForm.WithBoxWords(value, kind, words) : value;
        return WithIdAsync(data, id => answering.AnswerAsync(turn.Actor, id, question, answer, data.Flag(CardVerbs.ConcernInput), turn.DeliveryKey, ct, withWords));
    }

    /// <summary>The answer input as sent: one value, or a multiple choice's comma-separated option ids.</summary>
    private static IEnumerable<string?> AnswerInput(AnswerKind kind, CardData data) =>
        kind == AnswerKind.MultipleChoice ? (data.Str(CardVerbs.AnswerInput) ?? "").Split(',') : new[] { data.Str(CardVerbs.AnswerInput) };

    private static CardOutcome Problem(FormProblem problem) => new(TurnResult.Error(problem.Text));

    private async Task<CardOutcome> StartAsync(Turn turn, CardData data, CancellationToken ct)
    {
        var owners = new List<UserRef>();
        foreach (var id in (data.Str(CardVerbs.OwnersInput) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct())
        {
            owners.Add(await people.NameAsync(turn, id, ct));
        }

        var fields = new StartFormFields(
            data.Str(CardVerbs.FlowInput), data.Str(CardVerbs.TitleInput), data.Str(CardVerbs.DescriptionInput), owners, data.Str(CardVerbs.DueInput), data.Str(CardVerbs.AnonymityInput));
        var (request, problem) = StartInput.Read(fields, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
        if (request is null)
        {
            return Problem(problem!);
        }

        return new CardOutcome(await deliberations.StartAsync(turn.Actor, turn.Home, request, turn.DeliveryKey, ct));
    }
}
