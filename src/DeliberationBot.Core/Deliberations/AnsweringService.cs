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
public sealed partial class AnsweringService(TurnSupport turn, IOptions<GroupSizeOptions> groupSize)
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
    /// <param name="withWords">The form had a box for the words of a choice or a number: <paramref name="value"/> is all of the answer, its words left out included (<see cref="AnswerRecording.Build"/>).</param>
    public Task<TurnResult> AnswerAsync(
        Actor actor, Guid deliberationId, string questionId, AnswerValue value, bool flagConcern, string deliveryKey, CancellationToken ct, bool withWords = false) =>
        turn.OnceAsync(actor, deliberationId, deliveryKey, () => RecordAnswerAsync(actor, deliberationId, questionId, value, flagConcern, deliveryKey, ct, withWords: withWords), ct);

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
        return TurnResult.Reply(Prompt(d, flow, participant, FlowEngine.Evaluate(flow, group, none), none, [], null));
    }

    private async Task<TurnResult> RecordAnswerAsync(
        Actor actor, Guid deliberationId, string questionId, AnswerValue value, bool flagConcern, string deliveryKey, CancellationToken ct, string? source = null, bool withWords = false)
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
        var (commit, answer, previous, progress, mine) = AnswerRecording.Build(turn, d, flow, participant, question, value, flagConcern, answers, deliveryKey, source: source, withWords: withWords);
        if (await turn.CommitAsync(commit, ct) == CommitOutcome.Duplicate)
        {
            return TurnResult.AlreadyHandled;
        }

        var preview = flagConcern && (previous?.FlaggedConcern != true || previous.Value != value)
            ? await PreviewAsync(d, participant, question, answer, ct)
            : await RuleWarningAsync(d, participant, question, answer, previous, ct);
        var result = TurnResult.Reply(progress.IsComplete
            ? Completed(d, progress, mine, FlaggedOf([.. answers.Where(a => a.QuestionId != question.Id), answer], participant.Key), previous is not null) with { JustFlagged = preview }
            : Prompt(d, flow, participant, progress, mine, [.. answers.Where(a => a.QuestionId != question.Id), answer], null) with { JustFlagged = preview });
        return await KeptWordsAsync(d, question, previous, answer, ct) is { } kept ? result.WithNotice(kept) : result;
    }

    /// <summary>
    /// An answer changed so that it no longer raises a concern its words are in leaves them there, marked with what
    /// became of it (<see cref="LaterAnswers"/>): the person is told, rather than left to think the concern withdrawn.
    /// </summary>
    private async Task<string?> KeptWordsAsync(Deliberation d, Question question, Answer? previous, Answer answer, CancellationToken ct) =>
        LaterAnswers.NoLongerRaises(question, previous, answer)
            ? LaterAnswers.Kept(await turn.Store.ListConcernsAsync(d.WorkspaceId, d.Id, ct), question, answer)?.Told(d.Facilitator)
            : null;

    /// <summary>What the owners will receive from a flagged answer, with a warning when an anonymous person's group is small.</summary>
    public async Task<ConcernPreview> PreviewAsync(Deliberation d, Participant participant, Question question, Answer answer, CancellationToken ct)
    {
        var voice = ConcernSync.VoiceOf(question, answer, participant.Anonymous ? new Dictionary<string, string?>() : new() { [participant.Key] = participant.DisplayName ?? participant.UserId });
        var min = groupSize.Value.MinGroupSize;
        var small = participant.Anonymous && (await turn.Store.TallyAsync(d.WorkspaceId, d.Id, ct)).IsSmall(participant.Group, min);
        var read = VoiceReading.Of(voice, question);
        return new ConcernPreview(read.Text, ConcernView.Attribution(read), question.TextWithScale, small, min);
    }

    /// <summary>
    /// An anonymous person's words that meet the question's concern rule reach the owners, with their group, though they
    /// flagged nothing: where the group is small, they are shown what the owners receive and warned, as when flagging.
    /// </summary>
    private async Task<ConcernPreview?> RuleWarningAsync(Deliberation d, Participant participant, Question question, Answer answer, Answer? previous, CancellationToken ct) =>
        participant.Anonymous && answer.Value.Text is not null && question.RaisesConcern(answer.Value)
        && previous?.Value != answer.Value && await PreviewAsync(d, participant, question, answer, ct) is { SmallGroup: true } preview
            ? preview with { ByRule = true }
            : null;

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

        if (!d.IsOpen)
        {
            return TurnResult.Error(NoMoreChanges(d)); // said before the form opens, not after it was filled in
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
        return TurnResult.Reply(Prompt(d, flow, participant, progress, mine, answers, question, answers.FirstOrDefault(a => a.ParticipantKey == participant.Key && a.QuestionId == questionId)));
    }

    private async Task<OutgoingMessage> NextStepAsync(Deliberation d, FlowDefinition flow, Participant participant, CancellationToken ct)
    {
        if (!d.IsOpen)
        {
            return new ErrorMessage(NoMoreChanges(d));
        }

        var answers = await turn.Store.ListAnswersOfAsync(d.WorkspaceId, d.Id, participant.Key, ct);
        var mine = Overview.AnswersOf(answers, participant.Key);
        var progress = FlowEngine.Evaluate(flow, participant.Group, mine);
        return progress.IsComplete ? Completed(d, progress, mine, FlaggedOf(answers, participant.Key), edited: false) : Prompt(d, flow, participant, progress, mine, answers, null);
    }

    private async Task<GroupPrompt> GroupPromptAsync(Actor actor, Deliberation d, CancellationToken ct)
    {
        var profile = await turn.Store.FindProfileAsync(actor.WorkspaceId, actor.User.Id, ct);
        return new GroupPrompt(d.Id, d.Title, d.Anonymity, profile?.Group);
    }

    /// <param name="given">The person's answers as recorded (<paramref name="answers"/> holds their values), for which of them raise a concern.</param>
    private static QuestionPrompt Prompt(
        Deliberation d, FlowDefinition flow, Participant participant, ParticipantProgress progress, IReadOnlyDictionary<string, AnswerValue> answers,
        IReadOnlyList<Answer> given, Question? question, Answer? current = null)
    {
        var q = question ?? progress.Next!;
        var section = flow.SectionOf(q);
        var left = progress.Applicable.Count(a => !answers.ContainsKey(a.Id) || a.Id == q.Id);
        var isFirstOfSection = section.Questions.FirstOrDefault(s => progress.Applicable.Contains(s))?.Id == q.Id;
        var before = progress.Answered.Where(a => a.Id != q.Id).ToList();
        var skipped = before.Count(a => answers.TryGetValue(a.Id, out var value) && value.Skipped);
        return new QuestionPrompt(
            d.Id, d.Title, section.Title, isFirstOfSection ? section.Intro : null, q.Id, q.Text, q.Help, q.Kind, q.EffectiveOptions,
            q.Unit, q.LowLabel, q.HighLabel, q.Required, before.Count - skipped, left, current?.Value, current?.FlaggedConcern ?? false,
            participant.Anonymous)
        {
            Skipped = skipped,
            Earlier = [.. progress.Answered.Where(a => a.Id != q.Id && answers.ContainsKey(a.Id)).Select(a => new AnsweredQuestion(a.Id, a.Text, AnswerParser.Describe(a, answers[a.Id])))],
            ReadWithConcern = ConcernSync.FollowsUpAConcern(flow, q, id => given.FirstOrDefault(a => a.ParticipantKey == participant.Key && a.QuestionId == id)),
        };
    }

    /// <summary>
    /// Done: thanks, and the answers given, any of which can still be changed while the deliberation is open; each read
    /// as the owners would read it (a rating with what its scale's ends mean), those flagged as concerns said to be.
    /// </summary>
    private static AnswersReview Completed(Deliberation d, ParticipantProgress progress, IReadOnlyDictionary<string, AnswerValue> answers, IReadOnlySet<string> flagged, bool edited) =>
        new(d.Id, d.Title,
            edited
                ? $"Your answer is updated. You have answered every question for \"{d.Title}\"."
                : $"Thank you — you have answered every question for \"{d.Title}\". You can change an answer until the deliberation closes.",
            [.. progress.Answered.Where(q => answers.ContainsKey(q.Id))
                .Select(q => new AnsweredQuestion(q.Id, q.TextWithScale, AnswerParser.Describe(q, answers[q.Id])) { Flagged = flagged.Contains(q.Id) })]);

    private static HashSet<string> FlaggedOf(IEnumerable<Answer> answers, string participantKey) =>
        [.. answers.Where(a => a.ParticipantKey == participantKey && a.FlaggedConcern).Select(a => a.QuestionId)];

    private static string NoMoreChanges(Deliberation d) => $"\"{d.Title}\" is closed, so answers can no longer be changed.";

    private static TurnResult ClosedError(Deliberation d) =>
        TurnResult.Error($"\"{d.Title}\" is closed, so it no longer takes answers.");
}
