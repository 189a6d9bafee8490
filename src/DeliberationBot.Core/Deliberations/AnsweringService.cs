using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Privacy;
using DeliberationBot.Core.Stakeholders;
using DeliberationBot.Core.Telemetry;
using Microsoft.Extensions.Options;

namespace DeliberationBot.Core.Deliberations;

/// <summary>
/// The participant's side: join with a stakeholder group, answer (and edit) questions, flag concerns.
/// Every method returns what to show the person next; messages for others go through the outbox. Each turn that
/// writes asks once whether it was delivered before (<see cref="TurnSupport.OnceAsync"/>); the Record methods behind
/// them, which call one another, do not ask again.
/// </summary>
public sealed class AnsweringService(TurnSupport turn, IOptions<GroupSizeOptions> groupSize)
{
    /// <summary>The "Answer" button: asks for the group first, then shows the next question.</summary>
    public async Task<TurnResult> OpenAsync(Actor actor, Guid deliberationId, CancellationToken ct)
    {
        if (await turn.LoadAsync(actor.WorkspaceId, deliberationId, ct) is not var (d, flow))
        {
            return TurnResult.Error(TurnSupport.NotFound);
        }

        var participant = await turn.FindParticipantAsync(actor, d.Id, ct);
        if (participant is null)
        {
            return d.IsOpen ? TurnResult.Reply(await GroupPromptAsync(actor, d, ct)) : ClosedError(d);
        }

        return TurnResult.Reply(await NextStepAsync(d, flow, participant, ct));
    }

    public Task<TurnResult> JoinAsync(Actor actor, Guid deliberationId, StakeholderGroup group, bool anonymous, string deliveryKey, CancellationToken ct) =>
        turn.OnceAsync(actor, deliberationId, deliveryKey, () => RecordJoinAsync(actor, deliberationId, group, anonymous, deliveryKey, ct), ct);

    /// <summary>Records an answer, or replaces an earlier one (an edit).</summary>
    public Task<TurnResult> AnswerAsync(Actor actor, Guid deliberationId, string questionId, AnswerValue value, bool flagConcern, string deliveryKey, CancellationToken ct) =>
        turn.OnceAsync(actor, deliberationId, deliveryKey, () => RecordAnswerAsync(actor, deliberationId, questionId, value, flagConcern, deliveryKey, ct), ct);

    /// <summary>What someone who has answered everything is told when they reply again: their words went nowhere.</summary>
    public const string AllAnswered =
        "You have answered every question, so this reply is not recorded. To add it to an answer, press *Change* next to that answer below; there you can also flag it as a concern.";

    /// <summary>A typed reply (e.g. in a chat, or a deliberation's thread) answers the person's current question.</summary>
    public Task<TurnResult> AnswerTextAsync(Actor actor, Guid deliberationId, string text, string deliveryKey, CancellationToken ct) =>
        turn.OnceAsync(actor, deliberationId, deliveryKey, () => RecordTextAsync(actor, deliberationId, text, deliveryKey, ct), ct);

    /// <summary>
    /// A typed reply that answered a question was edited (<paramref name="answeredBy"/> is the reply's delivery key):
    /// the answer it gave now reads as edited, as long as it is still the answer that reply gave.
    /// </summary>
    public Task<TurnResult> ReviseTextAsync(Actor actor, Guid deliberationId, string answeredBy, string text, string deliveryKey, CancellationToken ct) =>
        turn.OnceAsync(actor, deliberationId, deliveryKey, () => RecordRevisionAsync(actor, deliberationId, answeredBy, text, deliveryKey, ct), ct);

    /// <summary>Flags (or unflags) an answer already given as a concern.</summary>
    public Task<TurnResult> FlagConcernAsync(Actor actor, Guid deliberationId, string questionId, bool flagged, string deliveryKey, CancellationToken ct) =>
        turn.OnceAsync(actor, deliberationId, deliveryKey, () => RecordFlagAsync(actor, deliberationId, questionId, flagged, deliveryKey, ct), ct);

    private async Task<TurnResult> RecordJoinAsync(Actor actor, Guid deliberationId, StakeholderGroup group, bool anonymous, string deliveryKey, CancellationToken ct)
    {
        if (await turn.LoadAsync(actor.WorkspaceId, deliberationId, ct) is not var (d, flow))
        {
            return TurnResult.Error(TurnSupport.NotFound);
        }

        if (!d.IsOpen)
        {
            return ClosedError(d);
        }

        if (await turn.FindParticipantAsync(actor, d.Id, ct) is { } existing)
        {
            return TurnResult.Reply(await NextStepAsync(d, flow, existing, ct));
        }

        if (anonymous && d.Anonymity == AnonymityPolicy.Named)
        {
            return TurnResult.Error("This deliberation asks for named answers, so it can't be answered anonymously.");
        }

        anonymous |= d.Anonymity == AnonymityPolicy.AnonymousOnly;
        var participant = anonymous
            ? new Participant(d.Id, turn.AnonymousKey(actor, d.Id), null, null, group, true, turn.Now)
            : new Participant(d.Id, TurnSupport.NamedKey(actor.User.Id), actor.User.Id, actor.User.Name, group, false, turn.Now);
        var commit = new Commit(d.WorkspaceId, deliveryKey)
        {
            Participants = [participant],
            // Remember the group for next time, but never for an anonymous join: it would tie the person to a group's answers.
            Profile = anonymous ? null : new MemberProfile(actor.WorkspaceId, actor.User.Id, group, actor.TimeZone ?? (await turn.Store.FindProfileAsync(actor.WorkspaceId, actor.User.Id, ct))?.TimeZone),
            Events = [new DeliberationEvent(d.Id, EventTypes.Joined, participant.Key, null, group.Id(), turn.Now)],
            Outbox = [turn.CardUpdate(d, flow, deliveryKey)],
        };
        if (await turn.CommitAsync(commit, ct) == CommitOutcome.Duplicate)
        {
            return TurnResult.AlreadyHandled;
        }

        var none = new Dictionary<string, AnswerValue>();
        return TurnResult.Reply(Prompt(d, flow, participant, FlowEngine.Evaluate(flow, group, none), none, null));
    }

    private async Task<TurnResult> RecordAnswerAsync(
        Actor actor, Guid deliberationId, string questionId, AnswerValue value, bool flagConcern, string deliveryKey, CancellationToken ct, string? source = null)
    {
        using var span = BotTelemetry.StartCommand("Answer", actor.Channel);
        if (await turn.LoadAsync(actor.WorkspaceId, deliberationId, ct) is not var (d, flow))
        {
            return TurnResult.Error(TurnSupport.NotFound);
        }

        if (!d.IsOpen)
        {
            return ClosedError(d);
        }

        var participant = await turn.FindParticipantAsync(actor, d.Id, ct);
        if (participant is null)
        {
            return TurnResult.Reply(await GroupPromptAsync(actor, d, ct));
        }

        var question = flow.FindQuestion(questionId);
        if (question is null || !question.IsAskedOf(participant.Group))
        {
            return TurnResult.Error("That question isn't part of this deliberation for your stakeholder group.");
        }

        if (FlowEngine.Validate(question, value) is { } problem)
        {
            return TurnResult.Error(problem.Text);
        }

        var answers = await turn.Store.ListAnswersOfAsync(d.WorkspaceId, d.Id, participant.Key, ct);
        var (commit, answer, previous, progress, mine) = AnswerRecording.Build(turn, d, flow, participant, question, value, flagConcern, answers, deliveryKey, source: source);
        if (await turn.CommitAsync(commit, ct) == CommitOutcome.Duplicate)
        {
            return TurnResult.AlreadyHandled;
        }

        var preview = flagConcern && (previous?.FlaggedConcern != true || previous.Value != value)
            ? await PreviewAsync(d, participant, question, answer, ct)
            : null;
        return TurnResult.Reply(progress.IsComplete
            ? Completed(d, flow, progress, mine, previous is not null) with { JustFlagged = preview }
            : Prompt(d, flow, participant, progress, mine, null) with { JustFlagged = preview });
    }

    /// <summary>What the owners will receive from a flagged answer, with a warning when an anonymous person's group is small.</summary>
    public async Task<ConcernPreview> PreviewAsync(Deliberation d, Participant participant, Question question, Answer answer, CancellationToken ct)
    {
        var voice = ConcernSync.VoiceOf(question, answer, participant.Anonymous ? new Dictionary<string, string?>() : new() { [participant.Key] = participant.DisplayName ?? participant.UserId });
        var min = groupSize.Value.MinGroupSize;
        var small = participant.Anonymous && ((await turn.Store.TallyAsync(d.WorkspaceId, d.Id, ct)).Groups.FirstOrDefault(g => g.Group == participant.Group)?.Participants ?? 0) < min;
        return new ConcernPreview(voice.Text, ConcernView.Attribution(voice), question.Text, small, min);
    }

    private async Task<TurnResult> RecordTextAsync(Actor actor, Guid deliberationId, string text, string deliveryKey, CancellationToken ct)
    {
        if (await turn.LoadAsync(actor.WorkspaceId, deliberationId, ct) is not var (d, flow))
        {
            return TurnResult.Error(TurnSupport.NotFound);
        }

        var participant = await turn.FindParticipantAsync(actor, d.Id, ct);
        if (participant is null || !d.IsOpen)
        {
            return await OpenAsync(actor, deliberationId, ct);
        }

        var answers = await turn.Store.ListAnswersOfAsync(d.WorkspaceId, d.Id, participant.Key, ct);
        var progress = FlowEngine.Evaluate(flow, participant.Group, Overview.AnswersOf(answers, participant.Key));
        if (progress.Next is not { } question)
        {
            return TurnResult.Reply(Completed(d, flow, progress, Overview.AnswersOf(answers, participant.Key), edited: false) with { Notice = AllAnswered });
        }

        var (words, flag) = ConcernPrefix.Strip(text);
        var (value, error) = AnswerParser.Parse(question, words);
        if (value is null)
        {
            // Marked, so that correcting the message by editing it answers this question (RefusedAnswers).
            await turn.CommitAsync(new Commit(d.WorkspaceId, RefusedAnswers.Mark(question.Id, deliveryKey)), ct);
            return TurnResult.Reply(new ErrorMessage(error!) { Question = question.Text });
        }

        return await RecordAnswerAsync(actor, deliberationId, question.Id, value, flag, deliveryKey, ct);
    }

    private async Task<TurnResult> RecordRevisionAsync(Actor actor, Guid deliberationId, string answeredBy, string text, string deliveryKey, CancellationToken ct)
    {
        if (await turn.LoadAsync(actor.WorkspaceId, deliberationId, ct) is not var (d, flow)
            || await turn.FindParticipantAsync(actor, d.Id, ct) is not { } participant)
        {
            return new TurnResult([]); // someone who never answered edited a message: nothing of theirs to change
        }

        var answers = await turn.Store.ListAnswersOfAsync(d.WorkspaceId, d.Id, participant.Key, ct);
        var source = turn.AnswerSource(d.WorkspaceId, participant.Anonymous, answeredBy);
        var given = answers.FirstOrDefault(a => a.ParticipantKey == participant.Key && a.Source == source);
        if (given is null || flow.FindQuestion(given.QuestionId) is not { } question)
        {
            return TurnResult.Error(
                "Editing that message changes no answer: it gave none, or the answer it gave has been changed since. " +
                "To change an answer, press Answer on the deliberation's card.");
        }

        if (!d.IsOpen)
        {
            return TurnResult.Error($"\"{d.Title}\" is closed, so your answer to \"{question.Text}\" stays as it was.");
        }

        // Taking "concern:" away in an edit does not withdraw a concern; unflagging is its own, deliberate step.
        var (words, flag) = ConcernPrefix.Strip(text);
        var (value, error) = AnswerParser.Parse(question, words);
        if (value is null)
        {
            return TurnResult.Error($"{error} Your answer to \"{question.Text}\" stays as it was.");
        }

        flag |= given.FlaggedConcern;
        if (value == given.Value && flag == given.FlaggedConcern)
        {
            return new TurnResult([]);
        }

        var recorded = await RecordAnswerAsync(actor, d.Id, question.Id, value, flag, deliveryKey, ct, source: given.Source);
        return recorded.Duplicate || recorded.Replies.Any(r => r is ErrorMessage)
            ? recorded
            : TurnResult.Reply(new Confirmation($"Your answer to \"{question.Text}\" now reads as you edited it."));
    }

    private async Task<TurnResult> RecordFlagAsync(Actor actor, Guid deliberationId, string questionId, bool flagged, string deliveryKey, CancellationToken ct)
    {
        var d = await turn.Store.FindAsync(actor.WorkspaceId, deliberationId, ct);
        var participant = d is null ? null : await turn.FindParticipantAsync(actor, d.Id, ct);
        var answers = d is null || participant is null ? [] : await turn.Store.ListAnswersOfAsync(d.WorkspaceId, d.Id, participant.Key, ct);
        var answer = answers.FirstOrDefault(a => a.ParticipantKey == participant?.Key && a.QuestionId == questionId);
        if (answer is null)
        {
            return TurnResult.Error("Answer the question first; then you can flag your answer as a concern.");
        }

        // The words are still the ones their source gave, so editing that message still changes them.
        return await RecordAnswerAsync(actor, deliberationId, questionId, answer.Value, flagged, deliveryKey, ct, source: answer.Source);
    }

    /// <summary>Shows one question again, with the current answer, so it can be edited.</summary>
    public async Task<TurnResult> ShowQuestionAsync(Actor actor, Guid deliberationId, string questionId, CancellationToken ct)
    {
        if (await turn.LoadAsync(actor.WorkspaceId, deliberationId, ct) is not var (d, flow))
        {
            return TurnResult.Error(TurnSupport.NotFound);
        }

        var participant = await turn.FindParticipantAsync(actor, d.Id, ct);
        var question = flow.FindQuestion(questionId);
        if (participant is null || question is null || !question.IsAskedOf(participant.Group))
        {
            return await OpenAsync(actor, deliberationId, ct);
        }

        var answers = await turn.Store.ListAnswersOfAsync(d.WorkspaceId, d.Id, participant.Key, ct);
        var mine = Overview.AnswersOf(answers, participant.Key);
        var progress = FlowEngine.Evaluate(flow, participant.Group, mine);
        return TurnResult.Reply(Prompt(d, flow, participant, progress, mine, question, answers.FirstOrDefault(a => a.ParticipantKey == participant.Key && a.QuestionId == questionId)));
    }

    private async Task<OutgoingMessage> NextStepAsync(Deliberation d, FlowDefinition flow, Participant participant, CancellationToken ct)
    {
        if (!d.IsOpen)
        {
            return new ErrorMessage($"\"{d.Title}\" is closed, so answers can no longer be changed.");
        }

        var answers = await turn.Store.ListAnswersOfAsync(d.WorkspaceId, d.Id, participant.Key, ct);
        var mine = Overview.AnswersOf(answers, participant.Key);
        var progress = FlowEngine.Evaluate(flow, participant.Group, mine);
        return progress.IsComplete ? Completed(d, flow, progress, mine, edited: false) : Prompt(d, flow, participant, progress, mine, null);
    }

    private async Task<GroupPrompt> GroupPromptAsync(Actor actor, Deliberation d, CancellationToken ct)
    {
        var profile = await turn.Store.FindProfileAsync(actor.WorkspaceId, actor.User.Id, ct);
        return new GroupPrompt(d.Id, d.Title, d.Anonymity, profile?.Group);
    }

    private static QuestionPrompt Prompt(Deliberation d, FlowDefinition flow, Participant participant, ParticipantProgress progress, IReadOnlyDictionary<string, AnswerValue> answers, Question? question, Answer? current = null)
    {
        var q = question ?? progress.Next!;
        var section = flow.SectionOf(q);
        var left = progress.Applicable.Count(a => !answers.ContainsKey(a.Id) || a.Id == q.Id);
        var isFirstOfSection = section.Questions.FirstOrDefault(s => progress.Applicable.Contains(s))?.Id == q.Id;
        return new QuestionPrompt(
            d.Id, d.Title, section.Title, isFirstOfSection ? section.Intro : null, q.Id, q.Text, q.Help, q.Kind, q.EffectiveOptions,
            q.Unit, q.LowLabel, q.HighLabel, q.Required, progress.Answered.Count(a => a.Id != q.Id), left, current?.Value, current?.FlaggedConcern ?? false,
            participant.Anonymous)
        {
            Earlier = [.. progress.Answered.Where(a => a.Id != q.Id && answers.ContainsKey(a.Id)).Select(a => new AnsweredQuestion(a.Id, a.Text, AnswerParser.Describe(a, answers[a.Id])))],
        };
    }

    /// <summary>Done: thanks, and the answers given, any of which can still be changed while the deliberation is open.</summary>
    private static AnswersReview Completed(Deliberation d, FlowDefinition flow, ParticipantProgress progress, IReadOnlyDictionary<string, AnswerValue> answers, bool edited) =>
        new(d.Id, d.Title,
            edited
                ? $"Your answer is updated. You have answered every question for \"{d.Title}\"."
                : $"Thank you — you have answered every question for \"{d.Title}\". You can change an answer until the deliberation closes.",
            [.. progress.Answered.Where(q => answers.ContainsKey(q.Id)).Select(q => new AnsweredQuestion(q.Id, q.Text, AnswerParser.Describe(q, answers[q.Id])))]);

    private static TurnResult ClosedError(Deliberation d) =>
        TurnResult.Error($"\"{d.Title}\" is closed, so it no longer takes answers.");
}
