using DeliberationBot.Core.Digests;
using DeliberationBot.Core.Summaries;
using DeliberationBot.Core.Commands;
using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Stakeholders;

namespace DeliberationBot.Slack.Tests.Rendering;

/// <summary>One of every outgoing message, filled with <paramref name="text"/> wherever a person or a flow supplies text.</summary>
internal static class Samples
{
    public static readonly Guid Id = Guid.Parse("0197a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b");

    public static IEnumerable<OutgoingMessage> All(string text, int many = 3)
    {
        var progress = new ProgressSummary(5, 2, [.. StakeholderGroups.All.Select(g => new GroupProgress(g.Group, 2, 1, 9))]);
        var options = Enumerable.Range(1, many).Select(i => new ChoiceOption($"opt-{i}", $"{text} {i}")).ToList();
        var flows = Enumerable.Range(1, many).Select(i => new FlowInfo($"flow-{i}", $"{text} {i}", text, 12)).ToList();
        yield return Card(text, DeliberationStatus.Open, progress);
        yield return Card(text, DeliberationStatus.Closed, progress);
        yield return Card(text, DeliberationStatus.Closed, progress) with { Decision = new Decision(DecisionOutcome.NoGo, text, new UserRef("U0DANA", "dana"), new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero)) };
        yield return new GroupPrompt(Id, text, AnonymityPolicy.AnonymousAllowed, StakeholderGroup.Community);
        foreach (var kind in Enum.GetValues<AnswerKind>())
        {
            yield return Question(text, kind, kind.HasListedOptions() ? options : AnswerKinds.ImpliedOptions(kind));
        }

        yield return new Confirmation(text);
        yield return new ErrorMessage(text, text);
        yield return new ErrorMessage(text) { Question = text };
        yield return new StatusReport(Id, text, DeliberationStatus.Open, new DateOnly(2026, 12, 18), progress,
            [.. Enumerable.Range(1, many).Select(i => new SectionCoverage($"s{i}", $"{text} {i}", new Dictionary<StakeholderGroup, int> { [StakeholderGroup.Vendor] = i }))], 4, 2)
        {
            Community = new Core.Community.CommunityStatus(Core.Community.InvitationState.Paused, many, many * 3),
        };
        yield return new StatusReport(Id, text, DeliberationStatus.Closed, null, progress, [], 4, 2)
        {
            Decision = new Decision(DecisionOutcome.GoWithConditions, text, new UserRef("U0DANA", "dana"), new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero)),
            Conditions = [.. Enumerable.Range(1, many).Select(i => Concern(text, i, ConcernStatus.Resolved, []) with { Kind = ConcernKind.Condition, Owner = new UserRef("U0MARIA", "maria"), OwnersAnswer = OwnersAnswer.Addressed })],
        };
        yield return new FlowList(flows);
        yield return new HelpMessage([.. Usage.All, .. Enumerable.Range(1, many).Select(i => new CommandHelp(text, text))]);
        yield return new StartForm(flows);
        yield return new ReminderNotice(Id, text, 3, new DateOnly(2026, 12, 18));
        yield return new SummaryPlaceholder(Id, text, text);
        yield return new ConcernList(Id, text, [.. Enumerable.Range(1, many).Select(i => Concern(text, i, ConcernStatus.Open, []))]);
        yield return Question(text, AnswerKind.FreeText, []) with { Earlier = [.. Enumerable.Range(1, many).Select(i => new AnsweredQuestion($"e{i}", text, text))] };
        yield return Question(text, AnswerKind.FreeText, []) with // an answer longer than a text input holds, shown whole instead
        {
            CurrentAnswer = AnswerValue.FromText(string.Join(' ', Enumerable.Repeat(text, (3100 / (text.Length + 1)) + 1))),
        };
        yield return new AnswersReview(Id, text, text, [.. Enumerable.Range(1, many).Select(i => new AnsweredQuestion($"q{i}", text, text) { Flagged = i % 2 == 0 })]);
        yield return new OwnerConcerns(Id, text, [.. Enumerable.Range(1, many).Select(i => Concern(text, i, ConcernStatus.Open, OwnerActions))]);
        // Core offers CloseWithoutRaisers to the facilitator only; a view may carry any action, so show every one once.
        yield return new OwnerConcerns(Id, text, [Concern(text, 1, ConcernStatus.Acknowledged, Enum.GetValues<ConcernAction>())]);
        yield return new OwnerConcerns(Id, text, [Concern(text, 1, ConcernStatus.Open, OwnerActions) with { Changes = [new VoiceChange("user:U1", "q", Edited: false), new VoiceChange("anon:1", "q", Edited: true)] }]);
        yield return new ConcernResponseNotice(Id, text, Concern(text, 1, ConcernStatus.Addressed, [ConcernAction.Accept, ConcernAction.Reopen]), InConversation: true);
        yield return new ConcernResponseNotice(Id, text, Concern(text, 1, ConcernStatus.WontAddress, [ConcernAction.Accept, ConcernAction.Reopen]), InConversation: false);
        yield return new ConcernResponseNotice(Id, text, Concern(text, 1, ConcernStatus.Open, [ConcernAction.Reopen]), InConversation: false) { ReopenedBy = text + ", who raised it too" };
        yield return new ConcernResponseNotice(Id, text, Concern(text, 1, ConcernStatus.Open, [ConcernAction.Reopen]), InConversation: true) { ReopenedBy = text + ", one of the people who raised it" };
        yield return new DecisionRequest(Id, text, many) { Unresolved = [.. Enumerable.Range(1, many).Select(i => Concern(text, i, ConcernStatus.Open, []))] };
        yield return new DecisionRecorded(Id, text, new Decision(DecisionOutcome.GoWithConditions, text, new UserRef("U0DANA", "dana"), new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero)),
            [.. Enumerable.Range(1, many).Select(i => Concern(text, i, ConcernStatus.Open, []) with { Kind = ConcernKind.Condition, Owner = new UserRef("U0MARIA", "maria"), Due = new DateOnly(2027, 1, 31) })])
        {
            Unresolved = [.. Enumerable.Range(1, many)],
        };
        yield return new DecisionRecorded(Id, text, new Decision(DecisionOutcome.NoGo, text, new UserRef("U0DANA", "dana"), new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero)), [])
        {
            Unresolved = [.. Enumerable.Range(1, many)],
            Yours = [.. Enumerable.Range(1, many).Select(i => Concern(text, i, ConcernStatus.Open, []))],
        };
        foreach (var change in Enum.GetValues<ConditionChange>())
        {
            yield return new ConditionNotice(Id, text, DecisionOutcome.GoWithConditions, Concern(text, many, change == ConditionChange.Set ? ConcernStatus.Open : ConcernStatus.Resolved, []) with
            {
                Kind = ConcernKind.Condition, Owner = new UserRef("U0MARIA", "maria"), Due = new DateOnly(2027, 1, 31), Response = change == ConditionChange.Set ? null : text,
            }) { Change = change };
        }
        yield return Digest(text, many, empty: true);
        yield return Digest(text, many, empty: false);
        yield return Summary(text, many);
        yield return Summary(text, 1) with
        {
            Suggestions = [new Suggestion(Guid.Empty, Id, 1, text, null, null, ["A1"], SuggestionStatus.Suggested, null, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch)],
            RestingOn = [new SuggestionQuotes(1, [new QuotedAnswer("A1", StakeholderGroup.Community, text, false, false)])],
        };
        yield return new ExportLink(Id, text, new Uri("https://bot.example/api/deliberations/x/export?format=md&token=a|b"), new Uri("https://bot.example/api/deliberations/x/export?format=json&token=a"),
            new DateTimeOffset(2026, 12, 2, 9, 30, 0, TimeSpan.Zero));
        yield return new Core.Reports.ReportLink(Id, text, new Uri("https://bot.example/d/x?token=a|b"), new DateTimeOffset(2026, 12, 8, 9, 30, 0, TimeSpan.Zero));
        yield return new Core.Community.CommunityInvitationLink(Id, text, new Uri("https://bot.example/c/a-b_c"), new Uri("https://bot.example/c/a-b_c/qr.png"), ["en", "es"], null, 100, Core.Community.InvitationState.Open, 0, text);
        yield return new Core.Community.CommunityContactList(Id, text,
            [.. Enumerable.Range(1, many).Select(i => new Core.Community.CommunityContact(Id, Id, text, "es", new DateTimeOffset(2026, 12, 1, 9, i % 60, 0, TimeSpan.Zero)))]);
    }

    /// <summary>A weekly digest with <paramref name="many"/> proposals, each with that many concerns, stale, due and resolved items.</summary>
    public static WeeklyDigest Digest(string text, int many, bool empty)
    {
        many = Math.Min(many, 25); // 25 × 25 already overflows every limit
        // Every other concern holds two people's words, was reopened with words and is now declined with a reason.
        var concerns = Enumerable.Range(1, many).Select(i => new DigestConcern(Id, text, i, text, [StakeholderGroup.FrontlineWorker], i, i % 2 == 0 ? ConcernStatus.WontAddress : ConcernStatus.Open)
        {
            Words = i % 2 == 0 ? [new(text, 2), new(text, 1)] : null,
            Standing = i % 2 == 0 ? new DigestStanding(text, [text], 1, 3) : new DigestStanding(null, [], 0, 1),
        }).ToList();
        return empty
            ? new WeeklyDigest("2026-W45", false, null, "UTC", [], [], [], [], [], 7)
            : new WeeklyDigest("2026-W45", true, new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero), "Europe/Berlin",
                [.. Enumerable.Range(1, many).Select(i => new DigestProposal(Id, $"{text} {i}", DeliberationStatus.Open, new DateOnly(2026, 12, 18), concerns, [StakeholderGroup.Community]))],
                concerns, concerns, concerns, [.. Enumerable.Range(1, many).Select(i => new DigestDue(text, text, new DateOnly(2026, 12, 18), i - 2))], 7);
    }

    /// <summary>An offline summary of the full ai-proposal flow, <paramref name="many"/> named people per group answering every question with <paramref name="text"/>.</summary>
    public static SummaryReport Summary(string text, int many)
    {
        var path = Path.Combine(Repository.FlowsDirectory, "ai-proposal.yaml");
        var flow = FlowParser.Parse(File.ReadAllText(path), path);
        var answers = new List<SummaryAnswer>();
        foreach (var group in StakeholderGroups.All.Select(g => g.Group))
        {
            for (var person = 0; person < Math.Min(many, 6); person++) // enough to overflow every limit; more only slows the test
            {
                foreach (var q in flow.Questions.Where(q => q.IsAskedOf(group)))
                {
                    var value = q.Kind switch
                    {
                        AnswerKind.FreeText => AnswerValue.FromText(text),
                        AnswerKind.Number or AnswerKind.Scale => AnswerValue.FromNumber(person % 5 + 1),
                        _ => AnswerValue.FromChoices(q.EffectiveOptions[person % q.EffectiveOptions.Count].Id),
                    };
                    answers.Add(new SummaryAnswer($"A{answers.Count + 1}", q.Id, group, $"P{(int)group * many + person}", false, value, person == 0));
                }
            }
        }

        return new SummaryReport(Id, text, OfflineSummarizer.Summarize(new SummaryInput(Id, text, flow, answers, 3)));
    }

    public static readonly IReadOnlyList<ConcernAction> OwnerActions = [ConcernAction.Acknowledge, ConcernAction.Respond, ConcernAction.MarkAddressed, ConcernAction.WontAddress];

    public static ConcernView Concern(string text, int number, ConcernStatus status, IReadOnlyList<ConcernAction> actions) =>
        new(new Guid(number, 1, 2, [3, 4, 5, 6, 7, 8, 9, 10]), number, ConcernKind.Concern, text, text, [StakeholderGroup.Vendor, StakeholderGroup.Community], 2, status, text,
            null, null, actions)
        {
            QuestionText = text,
            Origin = ConcernOrigin.FlaggedAnswer,
            Voices = [new ConcernVoice("anon:1", StakeholderGroup.Vendor, null, text, "q"), new ConcernVoice("user:U1", StakeholderGroup.Community, text, text, "q"),
                new ConcernVoice("user:U2", null, text, text, null) { Suggested = true }, new ConcernVoice("user:U3", StakeholderGroup.Community, text, text, "q") { Cited = true },
                new ConcernVoice("user:U4", StakeholderGroup.Community, text, text, "q") { Since = new AnswerSince(AnswerSinceKind.Changed, text) }],
        };

    public static DeliberationCard Card(string text, DeliberationStatus status, ProgressSummary progress) =>
        new(Id, text, text, "quick-check", text, 11, [new UserRef("U0MARIA", "maria"), new UserRef("not a slack id", text)], new UserRef("U0FAC", "fac"),
            new DateOnly(2026, 12, 18), AnonymityPolicy.AnonymousAllowed, status, progress);

    public static QuestionPrompt Question(string text, AnswerKind kind, IReadOnlyList<ChoiceOption> options, AnswerValue? current = null) =>
        new(Id, text, text, text, "q1", text, text, kind, options, kind == AnswerKind.Number ? "minutes" : null, text, text, kind != AnswerKind.FreeText, 3, 11, current, true, false);
}
