using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Forms;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Stakeholders;

namespace DeliberationBot.Core.Community;

/// <summary>Where a visitor stands on the public page: the link, the community questions, and their own answers.</summary>
public sealed record PublicPage(
    CommunityInvitation Invitation,
    Deliberation Deliberation,
    FlowDefinition Flow,
    InvitationAvailability Availability,
    IReadOnlyDictionary<string, Answer> Mine,
    ParticipantProgress Progress)
{
    public bool TakesAnswers => Availability == InvitationAvailability.Open;

    /// <summary>The visitor's answer to <paramref name="question"/> goes to the owners with the concern their answer before it raised.</summary>
    public bool ReadWithConcern(Question question) => ConcernSync.FollowsUpAConcern(Flow, question, Mine.GetValueOrDefault);

    /// <summary>The question asked before this one, for the back link; null for the first.</summary>
    public Question? Before(Question question)
    {
        var index = Progress.Applicable.ToList().FindIndex(q => q.Id == question.Id);
        return index > 0 ? Progress.Applicable[index - 1] : null;
    }
}

/// <summary>A condition of the decision as the public page shows it: its words, when it is due, whether it is met; never its owner.</summary>
public sealed record PublicCondition(int Number, string Text, DateOnly? Due, bool Met)
{
    /// <summary>It will not be met: its owner said why and the facilitator accepted it, or the facilitator closed it.</summary>
    public bool Dropped { get; init; }
}

public enum PublicAnswerOutcome
{
    Recorded,
    Unavailable,
    Invalid,
    Duplicate,
}

/// <summary>
/// One of a visitor's concerns as they read it on the public page: their own words (never anyone else's), where it
/// stands, the owners' response, and what they may do about it now (<see cref="ConcernAction.Accept"/>,
/// <see cref="ConcernAction.Reopen"/>). A visitor has no conversation to be told in: this is where they hear back.
/// </summary>
/// <param name="Number">Null for a flagged answer the owners have not had yet (they get concerns when someone reviews them, at the latest with the daily round-up).</param>
public sealed record PublicConcern(int? Number, Question? Question, IReadOnlyList<ConcernVoice> Words, ConcernStatus Status, string? Response, bool Accepted, IReadOnlyList<ConcernAction> Actions)
{
    /// <summary>Whether the owners have answered it (a response, or a decision to address it or not).</summary>
    public bool Answered => Response is not null;

    /// <summary>The questions the visitor's words answered other than the concern's own, by id (words merged in from another concern).</summary>
    public IReadOnlyDictionary<string, Question> OtherQuestions { get; init; } = new Dictionary<string, Question>();

    /// <summary>
    /// The visitor's words that raised it, each run followed by the question it answered: the concern's own, or, for
    /// words merged in from a concern about another question, that one.
    /// </summary>
    public IReadOnlyList<(IReadOnlyList<ConcernVoice> Words, Question? Question)> RaisingByQuestion() =>
        VoiceRuns.Of(Words.Where(w => !w.Reopening), v => v.QuestionId is { } id && OtherQuestions.TryGetValue(id, out var other) ? other : Question);

    /// <summary>Reopened, and not answered again since: words are all there is left to add, so the box is not optional.</summary>
    public bool Reopened => ConcernLifecycle.IsReopened(Status, Response);
}

/// <summary>What became of an answer; an invalid one names the answer rule it broke, none when the question is not asked here.</summary>
/// <see cref="NoLongerRaises"/>: the changed answer raised a concern before and does not now; a concern holding its earlier
/// words keeps them (<see cref="PublicAnswering.KeptAsync"/>).
public sealed record PublicAnswerResult(PublicAnswerOutcome Outcome, PublicPage? Page = null, ConcernPreview? Flagged = null, AnswerProblem? Problem = null, bool NoLongerRaises = false);

/// <summary>
/// The public community page's side of answering: anyone with the link, no account, always anonymous, always as a
/// community member or advocate. A visitor is known only by a random key their browser keeps, turned into a keyed
/// pseudonym like any anonymous participant's, so they can come back and change an answer.
/// </summary>
public sealed class PublicAnswering(TurnSupport turn, AnsweringService answering, ConcernService concerns)
{
    public const string Channel = "web";

    /// <summary>
    /// The concerns the visitor raised (a flagged answer, or one a question's rule took up), merged ones as the concern
    /// that carries their words now. Shown whatever the link's state but revoked, so that a visitor who comes back after
    /// the deliberation closed still reads the response.
    /// </summary>
    public async Task<IReadOnlyList<PublicConcern>> ConcernsAsync(PublicPage page, string? visitor, CancellationToken ct) =>
        [.. (await RaisedAsync(page, visitor, ct)).Select(x => x.Shown)];

    /// <summary>
    /// The visitor accepts the owners' response to one of their concerns, or reopens it with why it does not settle it
    /// for them; Core's rules decide, as for anyone who raised it in chat. Nothing changes when it is not theirs or no
    /// longer possible: the page they are sent back to shows where it stands. False when nothing changed because words
    /// were needed: a concern already reopened takes only words, and an empty box is a mistake to point out.
    /// </summary>
    public async Task<bool> ActAsync(string token, string visitor, int number, ConcernAction action, string? words, string deliveryKey, CancellationToken ct)
    {
        if (action is ConcernAction.Accept or ConcernAction.Reopen
            && await OpenAsync(token, visitor, ct) is { } page
            && (await RaisedAsync(page, visitor, ct)).FirstOrDefault(x => x.Shown.Number == number) is { Concern: { } concern, Shown: var mine }
            && mine.Actions.Contains(action))
        {
            if (action == ConcernAction.Reopen && mine.Reopened && words is null)
            {
                return false;
            }

            await concerns.ActAsync(ActorOf(page.Invitation, visitor), concern.Id, action, action == ConcernAction.Reopen ? words : null, deliveryKey, ct);
        }

        return true;
    }

    /// <summary>The visitor's concerns as <see cref="ConcernsAsync"/> shows them, each with the concern it is (none yet for a flagged answer not numbered).</summary>
    private async Task<List<(Concern? Concern, PublicConcern Shown)>> RaisedAsync(PublicPage page, string? visitor, CancellationToken ct)
    {
        if (visitor is null || page.Invitation.State == InvitationState.Revoked)
        {
            return [];
        }

        var d = page.Deliberation;
        var key = turn.AnonymousKey(ActorOf(page.Invitation, visitor), d.Id);
        var all = await turn.Store.ListConcernsAsync(d.WorkspaceId, d.Id, ct);
        var raised = all
            .Where(c => !c.IsMerged && c.Raisers.Contains(key))
            .OrderBy(c => c.Number)
            .Select(c =>
            {
                var accepted = c.AcceptedBy.Contains(key);
                var words = c.Voices.Where(v => v.RaiserKey == key).ToList();
                // Reopened, by someone else who raised it or by the visitor without words: they may still say why it does not settle it for them.
                List<ConcernAction> actions = ConcernLifecycle.IsReopened(c)
                    ? words.Any(v => v.Reopening) ? [] : [ConcernAction.Reopen]
                    : [.. ConcernLifecycle.AllowedFor(c, ConcernLifecycle.Role.Raiser).Where(a => !(accepted && a == ConcernAction.Accept))];
                var question = c.QuestionId is null ? null : page.Flow.FindQuestion(c.QuestionId);
                var others = words.Select(v => ConcernView.OtherQuestionOf(c, v, page.Flow)).OfType<Question>().DistinctBy(q => q.Id).ToDictionary(q => q.Id);
                return ((Concern?)c, new PublicConcern(c.Number, question, words, c.Status, c.Response, accepted, actions) { OtherQuestions = others });
            });

        // A flagged answer is sent at once, but becomes a numbered concern only when the owners next get their concerns.
        var notYet = page.Mine.Values
            .Where(a => a.FlaggedConcern && !all.Any(c => c.Voices.Any(v => v.RaiserKey == key && v.QuestionId == a.QuestionId)))
            .Select(a => (Answer: a, Question: page.Flow.FindQuestion(a.QuestionId)!))
            .Select(x => ((Concern?)null, new PublicConcern(null, x.Question, [ConcernSync.VoiceOf(x.Question, x.Answer, new Dictionary<string, string?>())], ConcernStatus.Open, null, false, [])));
        return [.. raised, .. notYet];
    }

    public async Task<PublicPage?> OpenAsync(string token, string? visitor, CancellationToken ct)
    {
        if (await turn.Store.FindInvitationByTokenAsync(token, ct) is not { } invitation
            || await turn.LoadAsync(invitation.WorkspaceId, invitation.DeliberationId, ct) is not var (d, flow))
        {
            return null;
        }

        var view = flow.CommunityView();
        var key = visitor is null ? null : turn.AnonymousKey(ActorOf(invitation, visitor), d.Id);
        var participants = await turn.Store.ListParticipantsAsync(d.WorkspaceId, d.Id, ct);
        var answers = key is null ? [] : await turn.Store.ListAnswersOfAsync(d.WorkspaceId, d.Id, key, ct);
        var mine = answers.Where(a => a.ParticipantKey == key && view.FindQuestion(a.QuestionId) is not null).ToDictionary(a => a.QuestionId, StringComparer.Ordinal);
        var availability = invitation.Availability(d.IsOpen, DateOnly.FromDateTime(turn.Now.UtcDateTime), participants.Count(p => p.ViaPublicPage), participants.Any(p => p.Key == key));
        var progress = FlowEngine.Evaluate(view, StakeholderGroup.Community, mine.ToDictionary(a => a.Key, a => a.Value.Value, StringComparer.Ordinal));
        return new PublicPage(invitation, d, view, availability, mine, progress);
    }

    /// <summary>
    /// The conditions of the decision, for the page that shows the decision to the people who answered here: met only
    /// when the facilitator accepted that it was addressed, not that it won't be.
    /// </summary>
    public async Task<IReadOnlyList<PublicCondition>> ConditionsAsync(PublicPage page, CancellationToken ct)
    {
        var d = page.Deliberation;
        var conditions = (await turn.Store.ListConcernsAsync(d.WorkspaceId, d.Id, ct)).Where(c => c.Kind == ConcernKind.Condition).OrderBy(c => c.Number).ToList();
        // A condition settled before the owners' answer was kept on it: its history says what was answered.
        var history = conditions.Any(c => c.Status == ConcernStatus.Resolved && c.OwnersAnswer is null)
            ? Exports.DeliberationRecords.EventsByConcern(await turn.Store.ListEventsAsync(d.WorkspaceId, d.Id, ct))
            : null;
        return [.. conditions.Select(c => Of(c, c.OwnersAnswer ?? AnsweredIn(history?[c.Number])))];

        static PublicCondition Of(Concern c, OwnersAnswer? answered)
        {
            var met = c.Status == ConcernStatus.Resolved && answered == OwnersAnswer.Addressed;
            return new PublicCondition(c.Number, c.Text, c.Due, met) { Dropped = c.Status is ConcernStatus.Resolved or ConcernStatus.ClosedByFacilitator && !met };
        }

        static OwnersAnswer? AnsweredIn(IEnumerable<DeliberationEvent>? history)
        {
            var (addressed, wontAddress) = (ConcernLifecycle.EventType(ConcernAction.MarkAddressed), ConcernLifecycle.EventType(ConcernAction.WontAddress));
            var last = history?.LastOrDefault(e => e.Type == addressed || e.Type == wontAddress)?.Type;
            return last is null ? null : last == addressed ? OwnersAnswer.Addressed : OwnersAnswer.WontAddress;
        }
    }

    /// <summary>Records (or changes) a visitor's answer; their participation is created with their first answer.</summary>
    public async Task<PublicAnswerResult> AnswerAsync(string token, string visitor, string questionId, AnswerValue value, bool flagConcern, string deliveryKey, CancellationToken ct)
    {
        if (await OpenAsync(token, visitor, ct) is not { } page)
        {
            return new PublicAnswerResult(PublicAnswerOutcome.Unavailable);
        }

        if (!page.TakesAnswers)
        {
            return new PublicAnswerResult(PublicAnswerOutcome.Unavailable, page);
        }

        var question = page.Flow.FindQuestion(questionId);
        if (question is null || !page.Progress.Applicable.Contains(question))
        {
            return new PublicAnswerResult(PublicAnswerOutcome.Invalid, page);
        }

        if (FlowEngine.Validate(question, value) is { } problem)
        {
            return new PublicAnswerResult(PublicAnswerOutcome.Invalid, page, Problem: problem);
        }

        var d = page.Deliberation;
        var actor = ActorOf(page.Invitation, visitor);
        var key = turn.AnonymousKey(actor, d.Id);
        var existing = await turn.Store.FindParticipantAsync(d.WorkspaceId, d.Id, key, ct);
        var participant = existing ?? new Participant(d.Id, key, null, null, StakeholderGroup.Community, true, turn.Now, ViaPublicPage: true);
        var answers = await turn.Store.ListAnswersOfAsync(d.WorkspaceId, d.Id, key, ct);
        var recorded = AnswerRecording.Build(turn, d, page.Flow, participant, question, value, flagConcern, answers, deliveryKey, joining: existing is null, withWords: true);
        if (await turn.CommitAsync(recorded.Commit, ct) == CommitOutcome.Duplicate)
        {
            return new PublicAnswerResult(PublicAnswerOutcome.Duplicate, page);
        }

        var flagged = flagConcern ? await answering.PreviewAsync(d, participant, question, recorded.Answer, ct) : null;
        return new PublicAnswerResult(PublicAnswerOutcome.Recorded, await OpenAsync(token, visitor, ct), flagged,
            NoLongerRaises: LaterAnswers.NoLongerRaises(question, recorded.Previous, recorded.Answer));
    }

    /// <summary>
    /// The visitor's earlier words that stay in the concerns they raised now that their answer no longer raises them,
    /// and what the people in charge will read became of it; null when none do.
    /// </summary>
    public async Task<KeptWords?> KeptAsync(PublicPage page, string questionId, CancellationToken ct) =>
        page.Mine.TryGetValue(questionId, out var answer) && page.Flow.FindQuestion(questionId) is { } question
            ? LaterAnswers.Kept(await turn.Store.ListConcernsAsync(page.Deliberation.WorkspaceId, page.Deliberation.Id, ct), question, answer)
            : null;

    /// <summary>What the owners receive from one of the visitor's flagged answers.</summary>
    public async Task<ConcernPreview?> FlaggedAsync(PublicPage page, string visitor, string questionId, CancellationToken ct)
    {
        var d = page.Deliberation;
        if (!page.Mine.TryGetValue(questionId, out var answer) || !answer.FlaggedConcern || page.Flow.FindQuestion(questionId) is not { } question
            || await turn.Store.FindParticipantAsync(d.WorkspaceId, d.Id, turn.AnonymousKey(ActorOf(page.Invitation, visitor), d.Id), ct) is not { } me)
        {
            return null;
        }

        return await answering.PreviewAsync(d, me, question, answer, ct);
    }

    /// <summary>Keeps an address someone chose to leave, with nothing that links it to their answers.</summary>
    public async Task<bool> LeaveContactAsync(string token, string address, string language, CancellationToken ct)
    {
        if (await turn.Store.FindInvitationByTokenAsync(token, ct) is not { State: not InvitationState.Revoked } invitation)
        {
            return false;
        }

        await turn.CommitAsync(new Commit(invitation.WorkspaceId, null) { Contact = new CommunityContact(Guid.CreateVersion7(turn.Now), invitation.DeliberationId, address, language, turn.Now) }, ct);
        return true;
    }

    private static Actor ActorOf(CommunityInvitation invitation, string visitor) =>
        new(Channel, invitation.WorkspaceId, new UserRef("community:" + visitor));
}
