using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Commands;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Stakeholders;
using DeliberationBot.Core.Tests.Flows;

namespace DeliberationBot.Core.Tests.Messaging;

public class PlainTextRendererTests
{
    private static readonly Guid Id = Guid.Parse("6f1c2d4e-0000-4000-8000-000000000001");

    private static readonly ProgressSummary Progress = new(3, 1,
    [
        new GroupProgress(StakeholderGroup.FrontlineWorker, 2, 1, 10),
        new GroupProgress(StakeholderGroup.LegalPolicy, 1, 0, 4),
    ]);

    private static readonly FlowInfo[] SampleFlows =
    [
        new("ai-proposal", "Full review of an AI proposal", "A full review.", 42),
        new("quick-check", "Quick check", "A short first look.", 10),
    ];

    private static DeliberationCard Card(DeliberationStatus status = DeliberationStatus.Open, DateOnly? due = null) =>
        new(Id, "Predictive screening", "Score hotline calls.", "ai-proposal", "Full review of an AI proposal", 42,
            [new UserRef("U1", "maria"), new UserRef("U2")], new UserRef("U3", "sam"), due, AnonymityPolicy.AnonymousAllowed, status, Progress);

    private static QuestionPrompt Prompt(AnswerKind kind, IReadOnlyList<ChoiceOption>? options = null, string? unit = null, string? low = null, string? high = null) =>
        new(Id, "Predictive screening", "Daily work", "How the tool changes daily work.", "q", "How many minutes?", "Small additions add up.",
            kind, options ?? [], unit, low, high, Required: true, Answered: 2, Left: 10, CurrentAnswer: null, CurrentlyFlagged: false, Anonymous: true);

    /// <summary>One instance of every message type, with text each rendering must contain.</summary>
    public static TheoryData<OutgoingMessage, string[]> EveryMessage() => new()
    {
        { Card(due: new DateOnly(2026, 12, 18)), ["[Deliberation] Predictive screening", "Score hotline calls.", "Flow: Full review of an AI proposal (42 questions)", "Owners: maria, U2", "Facilitator: sam", "Deadline: 2026-12-18", "named or anonymous", "Progress: 3 participants, 1 finished", "Frontline worker: 2 joined, 1 finished, 10 answers", "Legal & policy: 1 joined, 0 finished, 4 answers", "[Answer]"] },
        { new GroupPrompt(Id, "Predictive screening", AnonymityPolicy.AnonymousAllowed, StakeholderGroup.Vendor), ["\"Predictive screening\"", "Frontline worker", "Community member or advocate", "Vendor — The company or partner supplying the tool. (last time)", "[ ] Answer anonymously"] },
        { Prompt(AnswerKind.Number, unit: "minutes per case"), ["How the tool changes daily work.", "Daily work · 2 answered · 10 left (required) · anonymous", "How many minutes?", "Why it matters: Small additions add up.", "Answer with a number (minutes per case)"] },
        { Prompt(AnswerKind.FreeText) with { ReadWithConcern = true }, ["How many minutes?", QuestionPrompt.ReadWithConcernNote] },
        { new Confirmation("Thanks, your answer is saved."), ["Thanks, your answer is saved."] },
        { new AnswersReview(Id, "Predictive screening", "Thank you.", [new AnsweredQuestion("can-override", "Can workers override?", "No"), new AnsweredQuestion("vendor-open", "How open? (1 = Not at all, 5 = Very)", "2") { Flagged = true }]), ["Thank you.", "• Can workers override? — No [Change]", "• How open? (1 = Not at all, 5 = Very) — 2 [Change]\n    " + AnsweredQuestion.FlaggedNote] },
        { new ErrorMessage("That is not a command.", Usage.Start), ["That is not a command.", "Usage: " + Usage.Start] },
        { new ErrorMessage("Please answer with a number.") { Question = "Minutes added per case?" }, ["Please answer with a number.", "Question: Minutes added per case?"] },
        { new StatusReport(Id, "Predictive screening", DeliberationStatus.Open, new DateOnly(2026, 12, 18), Progress, [new SectionCoverage("goals", "Goals", new Dictionary<StakeholderGroup, int> { [StakeholderGroup.Vendor] = 2, [StakeholderGroup.AgencyLeader] = 5 }), new SectionCoverage("data", "Data", new Dictionary<StakeholderGroup, int>())], 7, 5), ["Status of \"Predictive screening\" (Open, due 2026-12-18)", "Goals: Agency leader 5, Vendor 2", "Data: no answers yet", "Concerns so far: 7 (5 unresolved)", "Progress: 3 participants"] },
        { new StatusReport(Id, "Predictive screening", DeliberationStatus.Closed, null, Progress, [], 7, 5), ["Concerns so far: 7 (5 unresolved)", StatusReport.AwaitingDecision] },
        { new StatusReport(Id, "Predictive screening", DeliberationStatus.Closed, null, Progress, [], 7, 5)
          {
              Decision = new Decision(DecisionOutcome.GoWithConditions, "Pilot first.", new UserRef("U3", "sam"), new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero)),
              Conditions = [SampleConcern with { Kind = ConcernKind.Condition, Owner = new UserRef("U1", "maria"), Due = new DateOnly(2027, 1, 31), Status = ConcernStatus.Resolved, OwnersAnswer = OwnersAnswer.WontAddress, Actions = [] }],
          },
          ["Concerns so far: 7 (5 unresolved)\nDecision (2026-12-07, sam): Go with conditions — Pilot first.", "owner maria, due 2027-01-31 · resolved (won't be met)"] },
        { new FlowList(SampleFlows), ["Flows you can start:", "ai-proposal — Full review of an AI proposal (42 questions). A full review.", "quick-check — Quick check (10 questions). A short first look."] },
        { new HelpMessage(Usage.All), ["Commands:", Usage.Start, "status — Show who has answered what so far", "help — Show this help."] },
        { new StartForm(SampleFlows), ["Start a deliberation: choose a flow (ai-proposal, quick-check)"] },
        { new ReminderNotice(Id, "Predictive screening", 4, new DateOnly(2026, 12, 18)), ["Reminder: you have 4 questions left in \"Predictive screening\" (due 2026-12-18)"] },
        { new SummaryPlaceholder(Id, "Predictive screening", "The summary is being written."), ["The summary is being written."] },
        { new ConcernList(Id, "Predictive screening", [SampleConcern with { Actions = [] }]), ["Concerns raised in \"Predictive screening\":", "#4 · open", "\"Six new fields typed in by hand, another 20 minutes a case.\" — Frontline worker (anonymous)", "\"Overrides need a supervisor's form.\" — Legal & policy (Sam Lee)", "On: Can workers override? (Daily work)"] },
        { new OwnerConcerns(Id, "Predictive screening", [SampleConcern]), ["Concerns on \"Predictive screening\" for you to act on:", "\"Six new fields typed in by hand, another 20 minutes a case.\" — Frontline worker (anonymous)", "[Acknowledge] [Respond] [Mark addressed] [Won't address]", "\"No\" — Frontline worker (anonymous), who has since changed this answer to \u201CYes\u201D"] },
        { new ConcernResponseNotice(Id, "Predictive screening", SampleConcern with { Status = ConcernStatus.Acknowledged, Response = "We are asking the vendor.", Actions = [] }, false), ["The owners of \"Predictive screening\" responded to the concern you raised. It stays open: when the owners mark it addressed, or say they won't address it, you'll be asked whether that settles it.", "Response: We are asking the vendor."] },
        { new ConcernResponseNotice(Id, "Predictive screening", SampleConcern with { Status = ConcernStatus.ClosedByFacilitator, Response = "Out of scope.", Actions = [] }, false), ["The facilitator of \"Predictive screening\" closed the concern you raised. It is closed without waiting"] },
        { new ConcernResponseNotice(Id, "Predictive screening", SampleConcern with { Status = ConcernStatus.Open, Response = "Overrides need no form.", Actions = [ConcernAction.Reopen] }, false) { ReopenedBy = "someone who raised it anonymously" },
            ["The concern you raised on \"Predictive screening\" is open again: it was reopened by someone who raised it anonymously, as the owners' response did not settle it for them. The owners have been told. If it is not settled for you either, press Reopen and tell them why.", "[Reopen]"] },
        { new ConcernResponseNotice(Id, "Predictive screening", SampleConcern with { Status = ConcernStatus.Open, Response = "Overrides need no form.", Actions = [ConcernAction.Reopen] }, true) { ReopenedBy = "Sam Lee, one of the people who raised it" },
            ["Concern #4 on \"Predictive screening\" is open again: it was reopened by Sam Lee, one of the people who raised it, as the owners' response did not settle it for them. The owners have been told. Anyone else who raised it can press Reopen", "[Reopen]"] },
        { new ConcernResponseNotice(Id, "Predictive screening", SampleConcern with { Status = ConcernStatus.Addressed, Response = "Overrides need no form.", Actions = [ConcernAction.Accept, ConcernAction.Reopen] }, true), ["responded to concern #4. Only the people who raised it can accept the response or reopen the concern.", "Response: Overrides need no form.", "[Accept the response] [Reopen]"] },
        { new DeliberationBot.Core.Digests.WeeklyDigest("2026-W45", true, new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero), "UTC",
            [new DeliberationBot.Core.Digests.DigestProposal(Id, "Predictive screening", DeliberationStatus.Open, new DateOnly(2026, 12, 18),
                [new DeliberationBot.Core.Digests.DigestConcern(Id, "Predictive screening", 2, "Can workers override?", [StakeholderGroup.FrontlineWorker], 9, ConcernStatus.Open)],
                [StakeholderGroup.Community])], [], [], [], [], 7),
          ["This digest is late: it was due Monday 2 November 09:00", "1 open concern across 1 proposal", "#2 \"Can workers override?\" — Frontline worker; 9 days old", "Not heard yet: Community member or advocate"] },
        { new DeliberationBot.Core.Summaries.SummaryReport(Id, "Predictive screening", DeliberationBot.Core.Summaries.OfflineSummarizer.Summarize(new DeliberationBot.Core.Summaries.SummaryInput(
              Id, "Predictive screening", DeliberationBot.Core.Tests.Flows.TestFlows.Engine,
              [new DeliberationBot.Core.Summaries.SummaryAnswer("A1", "intro", StakeholderGroup.LegalPolicy, "P1", false, AnswerValue.FromText("Scores could reach court."), true)], 3))),
          ["Summary of \"Predictive screening\"", "Scores could reach court."] },
        { new DeliberationBot.Core.Summaries.SummaryReport(Id, "Predictive screening", DeliberationBot.Core.Summaries.OfflineSummarizer.Summarize(new DeliberationBot.Core.Summaries.SummaryInput(
              Id, "Predictive screening", DeliberationBot.Core.Tests.Flows.TestFlows.Engine,
              [new DeliberationBot.Core.Summaries.SummaryAnswer("A1", "intro", StakeholderGroup.LegalPolicy, "P1", false, AnswerValue.FromText("Scores could reach court."), true)], 3)))
          {
              Suggestions = [new Suggestion(Id, Id, 2, "Retention is undecided.", "first", null, ["A1"], SuggestionStatus.Suggested, null, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch)],
              RestingOn = [new DeliberationBot.Core.Summaries.SuggestionQuotes(2, [new DeliberationBot.Core.Summaries.QuotedAnswer("A1", StakeholderGroup.LegalPolicy, "Scores could reach court.", true, false)])],
          },
          ["- S2: Retention is undecided. [A1] — type confirm S2 or dismiss S2", "  The answers it cites:", "    \"Scores could reach court.\" — Legal & policy [A1]"] },
        { new DecisionRequest(Id, "Predictive screening", 2), ["\"Predictive screening\" is closed with 2 unresolved concerns. What is the decision?", Usage.Decide] },
        { new DecisionRecorded(Id, "Predictive screening", new Decision(DecisionOutcome.GoWithConditions, "Pilot first.", new UserRef("U3", "sam"), DateTimeOffset.UnixEpoch), [SampleConcern with { Kind = ConcernKind.Condition, Owner = new UserRef("U1", "maria"), Due = new DateOnly(2027, 1, 31), Actions = [] }]), ["Decision on \"Predictive screening\": Go with conditions — Pilot first. (sam)", "owner maria, due 2027-01-31"] },
        { new DecisionRecorded(Id, "Predictive screening", new Decision(DecisionOutcome.NoGo, "Not now.", new UserRef("U3", "sam"), DateTimeOffset.UnixEpoch), []) { Unresolved = [4] },
          ["Decision on \"Predictive screening\": No-go — Not now. (sam)", "Decided with 1 concern unresolved (#4); the owners still respond to it."] },
        { new DecisionRecorded(Id, "Predictive screening", new Decision(DecisionOutcome.NoGo, "Not now.", new UserRef("U3", "sam"), DateTimeOffset.UnixEpoch), []) { Unresolved = [4], Yours = [SampleConcern with { Actions = [] }] },
          ["The decision on \"Predictive screening\" was recorded with the concern you raised, #4, still unresolved.", "Your concern, still unresolved:",
           "\"Six new fields typed in by hand, another 20 minutes a case.\"", "\"Overrides need a supervisor's form.\"",
           "The decision does not settle it: the owners still answer for it, and it stays open until you and the others who raised it accept their response."] },
        { new ConditionNotice(Id, "Predictive screening", DecisionOutcome.GoWithConditions, SampleConcern with { Kind = ConcernKind.Condition, Owner = new UserRef("U1", "maria"), Due = new DateOnly(2027, 1, 31), Actions = [] }),
          ["A condition of the decision on \"Predictive screening\" (Go with conditions):", "owner maria, due 2027-01-31"] },
        { new ExportLink(Id, "Predictive screening", new Uri("https://bot.example/md"), new Uri("https://bot.example/json"), new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero)), ["links work until 2026-12-01 09:00 UTC", "Markdown: https://bot.example/md", "JSON: https://bot.example/json"] },
        { new Core.Reports.ReportLink(Id, "Predictive screening", new Uri("https://bot.example/d/x?token=t"), new DateTimeOffset(2026, 12, 8, 9, 0, 0, TimeSpan.Zero)), ["page of \"Predictive screening\"", "until 2026-12-08 09:00 UTC", "https://bot.example/d/x?token=t"] },
        {
            new Core.Community.CommunityInvitationLink(Id, "Predictive screening", new Uri("https://bot.example/c/tok"), new Uri("https://bot.example/c/tok/qr.png"), ["en", "es"], new DateOnly(2026, 12, 31), 200, Core.Community.InvitationState.Paused, 3, "Paused."),
            ["to answer \"Predictive screening\" (link paused)", "https://bot.example/c/tok", "QR code to print (PNG): https://bot.example/c/tok/qr.png", "Languages: en, es; works until 2026-12-31; up to 200 people. 3 people have answered so far.", "Paused."]
        },
        {
            new Core.Community.CommunityContactList(Id, "Predictive screening", [new Core.Community.CommunityContact(Id, Id, "ana@example.org", "es", new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero))]),
            ["1 person left an address on the public page of \"Predictive screening\"", "ana@example.org (language es, 2026-12-01)"]
        },
    };

    [Theory]
    [MemberData(nameof(EveryMessage))]
    public void Renders_every_message_with_its_key_content(OutgoingMessage message, string[] expected)
    {
        var text = PlainTextRenderer.Render(message);

        Assert.All(expected, fragment => Assert.Contains(fragment, text, StringComparison.Ordinal));
        Assert.Equal(text.TrimEnd(), text);
    }

    private static ConcernView SampleConcern => new(
        Guid.Empty, 4, ConcernKind.Concern, "Daily work", "Can workers override?", [StakeholderGroup.FrontlineWorker], 2, ConcernStatus.Open, null, null, null,
        [ConcernAction.Acknowledge, ConcernAction.Respond, ConcernAction.MarkAddressed, ConcernAction.WontAddress])
    {
        QuestionText = "Can workers override?",
        Origin = ConcernOrigin.FlaggedAnswer,
        Voices =
        [
            new ConcernVoice("anon:1", StakeholderGroup.FrontlineWorker, null, "Six new fields typed in by hand, another 20 minutes a case.", "can-override"),
            new ConcernVoice("user:U9", StakeholderGroup.LegalPolicy, "Sam Lee", "Overrides need a supervisor's form.", "can-override"),
            new ConcernVoice("anon:2", StakeholderGroup.FrontlineWorker, null, "No", "can-override") { Since = new AnswerSince(AnswerSinceKind.Changed, "Yes") },
        ],
    };

    [Fact]
    public void The_samples_cover_every_outgoing_message_type()
    {
        var types = typeof(OutgoingMessage).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(OutgoingMessage)) && !t.IsAbstract && !t.IsAssignableTo(typeof(IExpandedBeforeSending)));
        var sampled = EveryMessage().Select(row => row[0].GetType()).ToHashSet();

        Assert.All(types, t => Assert.Contains(t, sampled));
    }

    private sealed record NotYetRendered : OutgoingMessage;

    [Fact]
    public void A_message_type_the_renderer_does_not_know_fails_naming_the_type()
    {
        var failure = Assert.Throws<UnrenderableMessageException>(() => PlainTextRenderer.Render(new NotYetRendered()));

        Assert.Contains("plain-text", failure.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(NotYetRendered), failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Closed_card_has_no_answer_button_and_no_deadline()
    {
        var text = PlainTextRenderer.Render(Card(DeliberationStatus.Closed));

        Assert.StartsWith("[Closed] Predictive screening", text, StringComparison.Ordinal);
        Assert.Contains("Deadline: none", text, StringComparison.Ordinal);
        Assert.DoesNotContain("[Answer]", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Decision", text, StringComparison.Ordinal);

        // Once decided, whoever finds the card reads the decision in the facilitator's words.
        var decided = PlainTextRenderer.Render(Card(DeliberationStatus.Closed) with
        {
            Decision = new Decision(DecisionOutcome.RevisitLater, "Wait for the audit.", new UserRef("U3", "sam"), new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero)),
        });
        Assert.Contains("Decision (2026-12-07, sam): Revisit later — Wait for the audit.", decided, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(AnonymityPolicy.Named, null)]
    [InlineData(AnonymityPolicy.AnonymousAllowed, "[ ] Answer anonymously")]
    [InlineData(AnonymityPolicy.AnonymousOnly, "Answers are anonymous.")]
    public void Group_prompt_shows_the_anonymity_choice(AnonymityPolicy policy, string? expected)
    {
        var text = PlainTextRenderer.Render(new GroupPrompt(Id, "T", policy, null));

        Assert.Equal(StakeholderGroups.All.Count, text.Split('\n').Count(l => l.StartsWith("  ( ) ", StringComparison.Ordinal)));
        Assert.DoesNotContain("(last time)", text, StringComparison.Ordinal);
        Assert.Equal(expected is not null, text.Contains("anonymous", StringComparison.OrdinalIgnoreCase));
        if (expected is not null)
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Question_prompt_hints_for_every_kind()
    {
        ChoiceOption[] options = [new("red", "Red"), new("blue", "Blue")];

        Assert.EndsWith("Answer in your own words.", PlainTextRenderer.Render(Prompt(AnswerKind.FreeText)), StringComparison.Ordinal);
        Assert.EndsWith("Answer: yes / no / unsure", PlainTextRenderer.Render(Prompt(AnswerKind.YesNoUnsure)), StringComparison.Ordinal);
        Assert.EndsWith("Pick one: 1. Red · 2. Blue", PlainTextRenderer.Render(Prompt(AnswerKind.SingleChoice, options)), StringComparison.Ordinal);
        Assert.EndsWith("Pick one or more: 1. Red · 2. Blue", PlainTextRenderer.Render(Prompt(AnswerKind.MultipleChoice, options)), StringComparison.Ordinal);
        Assert.EndsWith("Answer with a number", PlainTextRenderer.Render(Prompt(AnswerKind.Number)), StringComparison.Ordinal);
        Assert.EndsWith("Answer 1–5 (1 = Low, 5 = High)", PlainTextRenderer.Render(Prompt(AnswerKind.Scale, low: "Low", high: "High")), StringComparison.Ordinal);
        Assert.EndsWith("Answer 1–5 (1 = Low, 5 = highest)", PlainTextRenderer.Render(Prompt(AnswerKind.Scale, low: "Low")), StringComparison.Ordinal);
        Assert.EndsWith("Answer 1–5 (1 = lowest, 5 = highest)", PlainTextRenderer.Render(Prompt(AnswerKind.Scale)), StringComparison.Ordinal);
    }

    [Fact]
    public void Scale_with_only_a_high_label_has_balanced_parentheses()
    {
        var hint = PlainTextRenderer.Render(Prompt(AnswerKind.Scale, high: "High")).Split('\n')[^1];

        Assert.Contains("5 = High", hint, StringComparison.Ordinal);
        Assert.Equal(hint.Count(c => c == '('), hint.Count(c => c == ')'));
    }

    [Fact]
    public void Optional_named_prompt_without_intro_or_help_omits_those_lines()
    {
        var prompt = Prompt(AnswerKind.FreeText) with { SectionIntro = null, Help = null, Required = false, Anonymous = false };

        var text = PlainTextRenderer.Render(prompt);

        Assert.StartsWith("Daily work · 2 answered · 10 left\n", text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.DoesNotContain("Why it matters", text, StringComparison.Ordinal);
        Assert.DoesNotContain("required", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Error_without_usage_and_empty_lists()
    {
        Assert.Equal("Oops.", PlainTextRenderer.Render(new ErrorMessage("Oops.")));
        Assert.Equal("No concerns raised yet in \"T\".", PlainTextRenderer.Render(new ConcernList(Id, "T", [])));
        Assert.Equal("Reminder: some participants have not finished \"T\". Press Answer to continue where you stopped.", PlainTextRenderer.Render(new ReminderNotice(Id, "T", 0, null)));
    }

    [Fact]
    public void Renders_card_and_status_built_by_overview()
    {
        var flow = TestFlows.Engine;
        var start = new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
        var deliberation = new Deliberation(Id, "W1", flow.Id, flow.Version, "Predictive screening", null, [new UserRef("U1", "maria")], new UserRef("U1", "maria"),
            new ConversationRef("console", "W1", "C1"), null, AnonymityPolicy.Named, DeliberationStatus.Open, start);
        Participant[] participants =
        [
            new(Id, "U1", "U1", "maria", StakeholderGroup.LegalPolicy, false, start, start.AddHours(1)),
            new(Id, "U2", "U2", "li", StakeholderGroup.Community, false, start),
        ];
        Answer[] answers =
        [
            new(Id, "U1", "intro", StakeholderGroup.LegalPolicy, AnswerValue.FromText("x"), false, 1, start),
            new(Id, "U1", "minutes", StakeholderGroup.LegalPolicy, AnswerValue.FromNumber(30), false, 1, start),
            new(Id, "U2", "readiness", StakeholderGroup.Community, AnswerValue.FromNumber(4), true, 1, start),
            new(Id, "U2", "pick", StakeholderGroup.Community, AnswerValue.Skip(), false, 1, start),
        ];

        var card = PlainTextRenderer.Render(Overview.Card(deliberation, flow, DeliberationTally.Of(participants, answers)));
        var status = PlainTextRenderer.Render(Overview.Status(deliberation, flow, DeliberationTally.Of(participants, answers)));

        Assert.Contains("Flow: Engine test (11 questions) · Owners: maria · Facilitator: maria", card, StringComparison.Ordinal);
        Assert.Contains("Progress: 2 participants, 1 finished", card, StringComparison.Ordinal);
        Assert.Contains("Legal & policy: 1 joined, 1 finished, 2 answers", card, StringComparison.Ordinal);
        Assert.Contains("Community member or advocate: 1 joined, 0 finished, 1 answer", card, StringComparison.Ordinal);
        Assert.Contains("First: Legal & policy 2", status, StringComparison.Ordinal);
        Assert.Contains("Second: Community member or advocate 1", status, StringComparison.Ordinal);
        Assert.DoesNotContain("li", status.Replace("policy", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }
}
