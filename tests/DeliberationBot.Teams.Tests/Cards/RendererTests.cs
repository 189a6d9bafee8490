using System.Text.Json.Nodes;
using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Digests;
using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Stakeholders;
using DeliberationBot.Teams.Cards;
using DeliberationBot.Teams.Tests.Infrastructure;

namespace DeliberationBot.Teams.Tests.Cards;

public sealed class RendererTests
{
    private static readonly Guid Id = Guid.Parse("0199aaaa-0000-7000-8000-000000000001");
    private const string Evil = "**Urgent** [click here](https://evil.example) <at>Bob</at>\n- item\n1. first # <script>";

    private static ProgressSummary Progress => new(2, 1, [new GroupProgress(StakeholderGroup.FrontlineWorker, 2, 1, 7)]);

    private static QuestionPrompt Question(AnswerKind kind, IReadOnlyList<ChoiceOption>? options = null, bool required = true, AnswerValue? current = null) =>
        new(Id, "Screening", "Daily work", "Intro", "q1", "How many minutes?", "Because", kind, options ?? (kind.HasListedOptions() ? [new("a", "A"), new("b", "B")] : AnswerKinds.ImpliedOptions(kind)),
            "minutes", "Low", "High", required, 2, 9, current, false, false);

    public static TheoryData<OutgoingMessage> EveryMessage()
    {
        var view = new ConcernView(Id, 3, ConcernKind.Concern, "Safeguards", Evil, [StakeholderGroup.Community], 2, ConcernStatus.Open, null, new UserRef("u", Evil), null,
            [ConcernAction.Acknowledge, ConcernAction.Respond])
        {
            QuestionText = Evil,
            Voices = [new ConcernVoice("k1", StakeholderGroup.Community, Evil, Evil, "q1"), new ConcernVoice("k2", StakeholderGroup.Community, null, Evil, "q1"),
                new ConcernVoice("k3", null, Evil, Evil, null) { Suggested = true }, new ConcernVoice("k4", StakeholderGroup.Community, Evil, Evil, "q1") { Cited = true }],
        };
        var preview = new ConcernPreview(Evil, Evil, Evil, SmallGroup: true, MinGroupSize: 3);
        return new TheoryData<OutgoingMessage>
        {
            new DeliberationCard(Id, Evil, Evil, "quick-check", "Quick check", 9, [new UserRef("aad-maria", Evil)], new UserRef("f", "Fiona"), new DateOnly(2026, 12, 18), AnonymityPolicy.AnonymousAllowed, DeliberationStatus.Open, Progress),
            new DeliberationCard(Id, Evil, Evil, "quick-check", "Quick check", 9, [new UserRef("aad-maria", Evil)], new UserRef("f", "Fiona"), null, AnonymityPolicy.Named, DeliberationStatus.Closed, Progress)
            {
                Decision = new Decision(DecisionOutcome.GoWithConditions, Evil, new UserRef("f", Evil), TimeProvider.System.GetUtcNow()),
            },
            new GroupPrompt(Id, Evil, AnonymityPolicy.AnonymousAllowed, StakeholderGroup.Vendor),
            Question(AnswerKind.FreeText, current: AnswerValue.FromText(Evil)),
            new AnswersReview(Id, Evil, "Thanks", [new AnsweredQuestion("q1", "Q?", Evil), new AnsweredQuestion("q2", Evil, Evil) { Flagged = true }]) { JustFlagged = preview, Notice = Evil },
            Question(AnswerKind.FreeText) with { Notice = Evil },
            Question(AnswerKind.FreeText, current: AnswerValue.FromText(Evil)) with { JustFlagged = preview },
            Question(AnswerKind.Number, current: AnswerValue.FromNumber(15, Evil)),
            new Confirmation(Evil),
            new ErrorMessage(Evil, "start <flow>"),
            new ErrorMessage(Evil) { Question = Evil },
            new StatusReport(Id, Evil, DeliberationStatus.Closed, null, Progress, [], 2, 1)
            {
                Decision = new Decision(DecisionOutcome.NoGo, Evil, new UserRef("f", Evil), TimeProvider.System.GetUtcNow()),
                Conditions = [view with { Kind = ConcernKind.Condition, Owner = new UserRef("m", Evil), Actions = [] }],
            },
            new StatusReport(Id, Evil, DeliberationStatus.Open, null, Progress, [new SectionCoverage("s", "Goals", new Dictionary<StakeholderGroup, int> { [StakeholderGroup.Vendor] = 1 })], 2, 1)
            {
                Community = new Core.Community.CommunityStatus(Core.Community.InvitationState.Open, 3, 12),
            },
            new FlowList([new FlowInfo("quick-check", "Quick", "Short", 9)]),
            new HelpMessage(Core.Commands.Usage.All),
            new StartForm([new FlowInfo("quick-check", "Quick", "Short", 9)]),
            new ReminderNotice(Id, Evil, 3, new DateOnly(2026, 12, 18)),
            new SummaryPlaceholder(Id, Evil, Evil),
            new ConcernList(Id, Evil, [view, view with { MergedInto = 2 }]),
            new OwnerConcerns(Id, Evil, [view]),
            new OwnerConcerns(Id, Evil, [view with { Changes = [new VoiceChange("k2", "q1", Edited: false), new VoiceChange("k1", "q1", Edited: true)] }]),
            new ConcernResponseNotice(Id, Evil, view with { Actions = [ConcernAction.Accept, ConcernAction.Reopen] }, true),
            new ConcernResponseNotice(Id, Evil, view with { Status = ConcernStatus.Addressed, Response = Evil, RespondedBy = Evil, Actions = [ConcernAction.Accept, ConcernAction.Reopen] }, false),
            new ConcernResponseNotice(Id, Evil, view with { Actions = [ConcernAction.Reopen] }, false) { ReopenedBy = Evil + ", who raised it too" },
            new ConcernResponseNotice(Id, Evil, view with { Actions = [ConcernAction.Reopen] }, true) { ReopenedBy = Evil + ", one of the people who raised it" },
            new DecisionRequest(Id, Evil, 1) { Unresolved = [view with { Actions = [] }] },
            new DecisionRecorded(Id, Evil, new Decision(DecisionOutcome.GoWithConditions, Evil, new UserRef("f", "Fiona"), TimeProvider.System.GetUtcNow()), [view])
            {
                Previous = new Decision(DecisionOutcome.NoGo, Evil, new UserRef("f", Evil), TimeProvider.System.GetUtcNow()),
                Unresolved = [1, 4],
            },
            new DecisionRecorded(Id, Evil, new Decision(DecisionOutcome.NoGo, Evil, new UserRef("f", "Fiona"), TimeProvider.System.GetUtcNow()), [])
            {
                Unresolved = [1, 4],
                Yours = [view with { Actions = [] }, view with { Number = 4, Actions = [] }],
            },
            new ExportLink(Id, Evil, new Uri("https://example.test/a.md"), new Uri("https://example.test/a.json"), TimeProvider.System.GetUtcNow()),
            new Core.Reports.ReportLink(Id, Evil, new Uri("https://example.test/d/x?token=t"), TimeProvider.System.GetUtcNow()),
            new Core.Community.CommunityInvitationLink(Id, Evil, new Uri("https://example.test/c/tok"), new Uri("https://example.test/c/tok/qr.png"), ["en", "es"], new DateOnly(2026, 12, 31), 20, Core.Community.InvitationState.Open, 1, Evil),
            new Core.Community.CommunityContactList(Id, Evil, [new Core.Community.CommunityContact(Id, Id, Evil, "es", TimeProvider.System.GetUtcNow())]),
            new WeeklyDigest("2026-W48", false, null, "UTC", [], [], [], [], [], 7),
            Samples.Digest(Evil, late: true),
            Samples.Decision(Evil),
            new ConditionNotice(Id, Evil, DecisionOutcome.GoWithConditions, Samples.Decision(Evil).Conditions[0]),
            new ConditionNotice(Id, Evil, DecisionOutcome.GoWithConditions, Samples.Decision(Evil).Conditions[0] with { Status = ConcernStatus.Resolved, Response = Evil, RespondedBy = Evil }) { Change = ConditionChange.NotMet },
            Samples.Summary(Evil),
        };
    }

    [Theory]
    [MemberData(nameof(EveryMessage))]
    public void Every_message_renders_as_an_Adaptive_Card_1_5_where_user_text_is_inert(OutgoingMessage message)
    {
        var activity = AdaptiveCardRenderer.Activities(message)[0];
        Assert.False(string.IsNullOrWhiteSpace(activity["summary"]?.GetValue<string>()), "notifications and the chat list need a line that says what arrived");
        var attachment = activity["attachments"]![0]!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment["contentType"]!.GetValue<string>());
        var card = attachment["content"]!.AsObject();
        Assert.Equal("AdaptiveCard", card["type"]!.GetValue<string>());
        Assert.Equal("1.5", card["version"]!.GetValue<string>());
        Assert.NotEmpty(card["body"]!.AsArray());

        Assert.DoesNotContain(Texts.AllStrings(activity), s => s.Contains("<at", StringComparison.OrdinalIgnoreCase));
        Assert.Null(card["msteams"]?["entities"]);
        Assert.Null(activity["entities"]);
        foreach (var text in TextBlocks(card))
        {
            Assert.DoesNotContain("](", text.Replace("\\](", "", StringComparison.Ordinal), StringComparison.Ordinal);
            Assert.DoesNotContain("**Urgent**", text, StringComparison.Ordinal);
        }

        Assert.All(Actions(card), a => Assert.True(a["type"]!.GetValue<string>() is "Action.OpenUrl" || a["fallback"]?["type"]?.GetValue<string>() == "Action.Submit"));
    }

    [Fact]
    public void A_follow_up_of_an_answer_that_raised_a_concern_says_the_owners_read_it_with_that_concern()
    {
        static IEnumerable<string?> Texts(JsonObject card) => Body(card).Select(e => e["text"]?.GetValue<string>());
        Assert.Contains(QuestionPrompt.ReadWithConcernNote, Texts(AdaptiveCardRenderer.Render(Question(AnswerKind.FreeText) with { ReadWithConcern = true })));
        Assert.DoesNotContain(QuestionPrompt.ReadWithConcernNote, Texts(AdaptiveCardRenderer.Render(Question(AnswerKind.FreeText))));
    }

    [Fact]
    public void When_a_link_stops_working_is_shown_in_each_readers_own_time_zone()
    {
        static IEnumerable<string?> Texts(JsonObject card) => Body(card).Select(e => e["text"]?.GetValue<string>());
        var expires = new DateTimeOffset(2026, 12, 8, 15, 30, 0, TimeSpan.FromHours(6)); // 09:30 UTC
        var page = new Uri("https://example.test/d/x");
        const string local = "{{DATE(2026-12-08T09:30:00Z, SHORT)}} at {{TIME(2026-12-08T09:30:00Z)}}";

        Assert.Contains($"The link is yours alone and works until {local}; please don't forward it.", Texts(AdaptiveCardRenderer.Render(new Core.Reports.ReportLink(Id, "P", page, expires))));
        Assert.Contains($"The links work until {local}.", Texts(AdaptiveCardRenderer.Render(new ExportLink(Id, "P", page, page, expires))));
    }

    [Theory]
    [InlineData(AnswerKind.FreeText, "Input.Text")]
    [InlineData(AnswerKind.Number, "Input.Number")]
    [InlineData(AnswerKind.SingleChoice, "Input.ChoiceSet")]
    [InlineData(AnswerKind.MultipleChoice, "Input.ChoiceSet")]
    [InlineData(AnswerKind.YesNoUnsure, "Input.ChoiceSet")]
    [InlineData(AnswerKind.Scale, "Input.ChoiceSet")]
    public void Each_answer_kind_gets_its_input_a_concern_toggle_and_its_ids_in_the_data(AnswerKind kind, string inputType)
    {
        var card = AdaptiveCardRenderer.Render(Question(kind, required: false));
        var input = Body(card).Single(e => e["id"]?.GetValue<string>() == "answer");
        Assert.Equal(inputType, input["type"]!.GetValue<string>());
        Assert.Equal(kind == AnswerKind.MultipleChoice, input["isMultiSelect"]?.GetValue<bool>() == true);
        if (kind == AnswerKind.FreeText)
        {
            Assert.True(input["isMultiline"]!.GetValue<bool>());
        }

        if (kind == AnswerKind.Scale)
        {
            Assert.Equal("1 — Low", input["choices"]![0]!["title"]!.GetValue<string>());
            Assert.Equal("expanded", input["style"]!.GetValue<string>());
        }

        Assert.Equal("Input.Toggle", Body(card).Single(e => e["id"]?.GetValue<string>() == "concern")["type"]!.GetValue<string>());
        var submit = Actions(card)[0];
        Assert.Equal("submit-answer", submit["verb"]!.GetValue<string>());
        Assert.Equal(Id.ToString(), submit["data"]!["deliberationId"]!.GetValue<string>());
        Assert.Equal("q1", submit["data"]!["questionId"]!.GetValue<string>());
        Assert.Equal("none", Actions(card)[1]["associatedInputs"]!.GetValue<string>()); // Skip, for an optional question
    }

    [Theory]
    [InlineData(AnswerKind.FreeText, "Please write an answer.")]
    [InlineData(AnswerKind.Number, "Please answer with a number of 0 or more, for example 15.")]
    [InlineData(AnswerKind.Scale, "Please answer with a number from 1 to 5.")]
    [InlineData(AnswerKind.SingleChoice, "Please pick one of the options.")]
    [InlineData(AnswerKind.MultipleChoice, "Please pick one of the options.")]
    public void A_required_answer_input_is_required_on_the_card_in_the_words_the_bot_uses(AnswerKind kind, string error)
    {
        var input = Body(AdaptiveCardRenderer.Render(Question(kind))).Single(e => e["id"]?.GetValue<string>() == "answer");
        var optional = Body(AdaptiveCardRenderer.Render(Question(kind, required: false))).Single(e => e["id"]?.GetValue<string>() == "answer");

        Assert.True(input["isRequired"]!.GetValue<bool>());
        Assert.Equal(error, input["errorMessage"]!.GetValue<string>());
        Assert.Null(optional["isRequired"]);
    }

    [Theory]
    [InlineData(ConcernStatus.Addressed, null, "The owners of \"Screening\" responded to concern #3")]
    [InlineData(ConcernStatus.ClosedByFacilitator, null, "The facilitator of \"Screening\" closed concern #3")]
    [InlineData(ConcernStatus.Open, "Ana, who raised it too", "Concern #3 on \"Screening\" is open again")]
    public void A_notice_to_the_people_who_raised_a_concern_is_announced_as_what_happened(ConcernStatus status, string? reopenedBy, string line)
    {
        var view = new ConcernView(Id, 3, ConcernKind.Concern, null, "Too many fields", [StakeholderGroup.FrontlineWorker], 2, status, "Cut to two.", null, null, []);
        var activity = AdaptiveCardRenderer.Activities(new ConcernResponseNotice(Id, "Screening", view, false) { ReopenedBy = reopenedBy })[0];

        Assert.Equal(line, activity["summary"]!.GetValue<string>());
    }

    [Fact]
    public void The_facilitator_offered_only_to_close_a_concern_is_asked_why_it_closes_not_for_a_response()
    {
        var view = new ConcernView(Id, 3, ConcernKind.Concern, null, "Too many fields", [StakeholderGroup.FrontlineWorker], 1, ConcernStatus.Open, null, null, null,
            [ConcernAction.CloseWithoutRaisers]);

        var card = AdaptiveCardRenderer.Render(new OwnerConcerns(Id, "Screening", [view]));

        Assert.Equal("Concerns for you", TextBlocks(card).First());
        var json = card.ToJsonString();
        Assert.Contains("\"title\":\"Close #3\"", json, StringComparison.Ordinal);
        Assert.Contains("\"label\":\"Why it closes without the people who raised it (#3)\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("Respond to #3", json, StringComparison.Ordinal);
        // An owner is asked for their response, as before.
        Assert.Contains("Respond to #3", AdaptiveCardRenderer.Render(new OwnerConcerns(Id, "Screening", [view with { Actions = [ConcernAction.Respond, ConcernAction.CloseWithoutRaisers] }])).ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_owners_notice_is_announced_as_needing_their_response_only_when_it_does()
    {
        var view = new ConcernView(Id, 3, ConcernKind.Concern, null, "Too many fields", [StakeholderGroup.FrontlineWorker], 1, ConcernStatus.Open, null, null, null,
            [ConcernAction.Acknowledge, ConcernAction.Respond, ConcernAction.MarkAddressed, ConcernAction.WontAddress]);
        var settled = view with { Status = ConcernStatus.Resolved, Response = "Cut to two.", Actions = [], Happened = "Sam, who raised it, accepted your response: the concern is settled." };
        string Summary(OutgoingMessage message) => AdaptiveCardRenderer.Activities(message)[0]["summary"]!.GetValue<string>();

        Assert.Equal("1 concern on \"Screening\" needs your response", Summary(new OwnerConcerns(Id, "Screening", [view, settled])));
        Assert.Equal("Concern #3 on \"Screening\": Sam, who raised it, accepted your response: the concern is settled.", Summary(new OwnerConcerns(Id, "Screening", [settled])));
        Assert.Equal("2 concerns on \"Screening\": nothing needs your response now", Summary(new OwnerConcerns(Id, "Screening", [settled with { Happened = null }, settled with { Number = 4, Happened = null }])));
        var toClose = new OwnerConcerns(Id, "Screening", [view with { Actions = [ConcernAction.CloseWithoutRaisers] }]);
        Assert.Equal("1 concern on \"Screening\" that you can close as the facilitator", Summary(toClose));
        Assert.Equal("2 concerns on \"Screening\" that you can close as the facilitator", Summary(toClose with { Concerns = [.. toClose.Concerns, view with { Number = 4, Status = ConcernStatus.ClosedByFacilitator, Actions = [] }] }));
        Assert.Contains("The owners answer these; as the facilitator, you can close one without waiting for the people who raised it, saying why.", TextBlocks(AdaptiveCardRenderer.Render(toClose)));
        var condition = view with { Kind = ConcernKind.Condition, Status = ConcernStatus.Addressed, Response = "Done.", Owner = new UserRef("m", "Maria"), Actions = [ConcernAction.Accept, ConcernAction.Reopen] };
        Assert.Equal("Maria responded to condition #3 on \"Screening\"", Summary(new ConcernResponseNotice(Id, "Screening", condition, false)));
        Assert.Equal("Concern #1 on \"Screening\" was merged into concern #3", Summary(new ConcernResponseNotice(Id, "Screening", view, false) { MergedFrom = 1 }));
    }

    [Fact]
    public void A_condition_reaches_its_owner_as_a_condition_to_meet_read_by_the_person_who_set_it()
    {
        var condition = new ConcernView(Id, 3, ConcernKind.Condition, null, "Log every override", [], 1, ConcernStatus.Open, null, new UserRef("m", "Maria"), new DateOnly(2027, 1, 15),
            [ConcernAction.Acknowledge, ConcernAction.Respond, ConcernAction.MarkAddressed, ConcernAction.WontAddress])
        {
            Voices = [new ConcernVoice("user:dana", null, "Dana", "Log every override", null)],
        };
        var concern = condition with { Number = 2, Kind = ConcernKind.Concern, Text = "Appeals", Owner = null, Due = null };
        string Summary(OutgoingMessage message) => AdaptiveCardRenderer.Activities(message)[0]["summary"]!.GetValue<string>();

        var card = AdaptiveCardRenderer.Render(new OwnerConcerns(Id, "Screening", [condition]));
        Assert.Equal(["Conditions for you", "Screening", "1 condition needs your response. Open **Respond** under one to answer it."], TextBlocks(card).Take(3));
        Assert.Contains("**#3** Condition · open · owner Maria · due 2027-01-15", TextBlocks(card));
        var json = card.ToJsonString();
        Assert.Contains("\"title\":\"Mark met\"", json, StringComparison.Ordinal);
        Assert.Contains("t be met\"", json, StringComparison.Ordinal);
        Assert.Contains("the person who set it will read it.", json, StringComparison.Ordinal);
        Assert.Equal("1 condition on \"Screening\" needs your response", Summary(new OwnerConcerns(Id, "Screening", [condition])));

        var both = AdaptiveCardRenderer.Render(new OwnerConcerns(Id, "Screening", [concern, condition]));
        Assert.Equal(["Concerns and conditions for you", "Screening", "2 concerns and conditions need your response. Open **Respond** under one to answer it."], TextBlocks(both).Take(3));
        Assert.Contains("\"title\":\"Mark addressed\"", both.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("1 concern and 1 condition on \"Screening\"", Summary(new ConcernList(Id, "Screening", [concern, condition])));
        Assert.Contains("1 concern, each in the words of the people who raised it, and 1 condition of the decision.", TextBlocks(AdaptiveCardRenderer.Render(new ConcernList(Id, "Screening", [concern, condition]))));
        Assert.Contains("No concerns raised yet.", TextBlocks(AdaptiveCardRenderer.Render(new ConcernList(Id, "Screening", []))));
    }

    [Fact]
    public void A_person_whose_concerns_are_still_unresolved_is_sent_the_decision_with_them_in_their_words()
    {
        var decision = new DecisionRecorded(Id, "Screening", new Decision(DecisionOutcome.Go, "Pilot in one office.", new UserRef("f", "Fiona"), DateTimeOffset.UnixEpoch), []) { Unresolved = [2, 5] };
        var appeals = new ConcernView(Id, 2, ConcernKind.Concern, null, "Appeals take months", [StakeholderGroup.FrontlineWorker], 2, ConcernStatus.Addressed, "Hearings are booked weekly.", null, null, [])
        {
            Voices = [new ConcernVoice("user:ana", StakeholderGroup.FrontlineWorker, "Ana", "Appeals take months", "q1")],
        };
        var minutes = appeals with { Number = 5, Status = ConcernStatus.Open, Response = null, Voices = [new ConcernVoice("user:ana", StakeholderGroup.FrontlineWorker, "Ana", "Twenty more minutes a case", "q2")] };
        string Summary(OutgoingMessage message) => AdaptiveCardRenderer.Activities(message)[0]["summary"]!.GetValue<string>();

        var toAna = TextBlocks(AdaptiveCardRenderer.Render(decision with { Yours = [appeals, minutes] })).ToList();
        Assert.Equal("The decision on \"Screening\" was recorded with the concerns you raised, #2 and #5, still unresolved.", toAna[1]);
        Assert.Contains("Pilot in one office.", toAna);
        Assert.Contains("Your concerns, still unresolved:", toAna);
        Assert.Contains(toAna, t => t.Contains("Appeals take months", StringComparison.Ordinal));
        Assert.Contains(toAna, t => t.Contains("Twenty more minutes a case", StringComparison.Ordinal));
        Assert.Contains(toAna, t => t.Contains("Hearings are booked weekly.", StringComparison.Ordinal));
        Assert.Equal("The decision does not settle them: the owners still answer for each, and each stays open until the people who raised it accept their response.", toAna[^1]);
        Assert.Equal("Decision on \"Screening\": Go, with your concerns unresolved", Summary(decision with { Yours = [appeals, minutes] }));

        var inConversation = TextBlocks(AdaptiveCardRenderer.Render(decision)).ToList();
        Assert.DoesNotContain(inConversation, t => t.Contains("you raised", StringComparison.Ordinal) || t.Contains("Appeals take months", StringComparison.Ordinal));
        Assert.Equal("Decision on \"Screening\": Go", Summary(decision));
    }

    [Fact]
    public void A_number_or_an_option_has_a_box_for_the_persons_words_holding_those_typed_with_it()
    {
        const string Said = "15-20, but 45 for complex cases with several children";
        Assert.Equal(Said, WordsBox(AdaptiveCardRenderer.Render(Question(AnswerKind.Number, current: AnswerValue.FromNumber(15, Said))))!["value"]!.GetValue<string>());
        Assert.Equal("B - nobody asked us", WordsBox(AdaptiveCardRenderer.Render(Question(AnswerKind.SingleChoice, current: AnswerValue.FromChoices("b").WithWords("B - nobody asked us"))))!["value"]!.GetValue<string>());
        var plain = WordsBox(AdaptiveCardRenderer.Render(Question(AnswerKind.Number, current: AnswerValue.FromNumber(15))))!;
        Assert.Equal(("Anything to add? (optional)", null), (plain["label"]!.GetValue<string>(), plain["value"]));
        Assert.Null(WordsBox(AdaptiveCardRenderer.Render(Question(AnswerKind.FreeText, current: AnswerValue.FromText(Said))))); // a written answer is all words
    }

    [Fact]
    public void A_rating_shown_again_comes_back_chosen_however_its_number_was_written()
    {
        var card = AdaptiveCardRenderer.Render(Question(AnswerKind.Scale, current: AnswerValue.FromNumber(4.0m)));

        Assert.Equal("4", Body(card).Single(e => e["id"]?.GetValue<string>() == CardVerbs.AnswerInput)["value"]!.GetValue<string>());
    }

    private static JsonObject? WordsBox(JsonObject card) =>
        Body(card).FirstOrDefault(e => e["type"]?.GetValue<string>() == "Input.Text" && e["id"]?.GetValue<string>() == "words");

    [Fact]
    public void What_became_of_typed_words_comes_first_on_the_question_and_on_the_review()
    {
        const string Notice = "Your reply in the thread is your answer to \"Whose lives?\".";
        var question = TextBlocks(AdaptiveCardRenderer.Render(Question(AnswerKind.FreeText) with { Notice = Notice })).ToList();
        var review = TextBlocks(AdaptiveCardRenderer.Render(new AnswersReview(Id, "Screening", "Thanks", [new AnsweredQuestion("q1", "Q?", "A")]) { Notice = Notice })).ToList();

        Assert.Equal(Notice, question[1]);
        Assert.Equal(Notice, review[1]);
        Assert.DoesNotContain(Notice, TextBlocks(AdaptiveCardRenderer.Render(Question(AnswerKind.FreeText))));
    }

    [Fact]
    public void The_review_says_under_an_answer_that_it_was_flagged_as_a_concern()
    {
        var lines = TextBlocks(AdaptiveCardRenderer.Render(new AnswersReview(Id, "Screening", "Thanks", [new AnsweredQuestion("q1", "Q?", "A"), new AnsweredQuestion("q2", "R?", "B") { Flagged = true }]))).ToList();

        Assert.Equal(["1\\. Q?", "A", "2\\. R?", "B", AnsweredQuestion.FlaggedNote], lines.SkipWhile(l => l != "1\\. Q?").Take(5));
    }

    [Fact]
    public void A_typed_answer_that_could_not_be_taken_shows_its_question_not_as_a_command_to_type()
    {
        var lines = TextBlocks(AdaptiveCardRenderer.Render(new ErrorMessage("Please answer with a number of 0 or more, for example 15.") { Question = "Minutes added per case?" })).ToList();

        Assert.Contains("Question: Minutes added per case?", lines);
        Assert.DoesNotContain(lines, l => l.Contains("Usage", StringComparison.Ordinal));
    }

    [Fact]
    public void A_concern_sent_to_its_owner_again_says_what_is_new_and_marks_those_words()
    {
        var view = new ConcernView(Id, 3, ConcernKind.Concern, null, "Answers that meet the rule", [StakeholderGroup.Community], 2, ConcernStatus.Open, null, null, null,
            [ConcernAction.Acknowledge])
        {
            Voices = [new ConcernVoice("k1", StakeholderGroup.Community, "Ana", "Nobody asked us", "q1"), new ConcernVoice("k2", StakeholderGroup.FrontlineWorker, null, "Nights *differ*", "q1")],
            Changes = [new VoiceChange("k2", "q1", Edited: true)],
        };

        var text = Texts.Of(AdaptiveCardRenderer.Activities(new OwnerConcerns(Id, "T", [view]))[0]);

        Assert.Contains("Since you were last sent this concern, 1 person changed their words (marked edited).", text, StringComparison.Ordinal);
        Assert.Contains("— Frontline worker (anonymous) · **edited**", text, StringComparison.Ordinal);
        Assert.Contains("— Community member or advocate (Ana)\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Words_given_with_an_option_are_quoted_alone_with_the_option_beside_the_persons_name()
    {
        var flow = FlowParser.Parse("""
            id: f
            title: F
            sections:
              - id: s
                title: Daily work
                questions:
                  - id: override
                    text: Can workers set aside the score?
                    kind: yes_no_unsure
            """, "f.yaml");
        const string kept = "No (\"Only with a supervisor, who is never there at night.\")";
        var at = DateTimeOffset.UnixEpoch;
        var concern = new Concern(Id, Id, 2, ConcernKind.Concern, ConcernOrigin.FlaggedAnswer, "s", "override", kept,
            [StakeholderGroup.FrontlineWorker], ["user:U1"], ConcernStatus.Open, null, null, null, [], at, at)
        {
            Voices = [new ConcernVoice("user:U1", StakeholderGroup.FrontlineWorker, "Ana", kept, "override")],
        };

        var text = Texts.Of(AdaptiveCardRenderer.Activities(new OwnerConcerns(Id, "T", [ConcernView.ForOwners(concern, flow, [])]))[0]);

        Assert.Contains("“Only with a supervisor, who is never there at night.”\n— Frontline worker (Ana), who answered No\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("No (", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_group_prompt_offers_every_group_and_remembers_the_last_one()
    {
        var card = AdaptiveCardRenderer.Render(new GroupPrompt(Id, "T", AnonymityPolicy.Named, StakeholderGroup.LegalPolicy));
        var groups = Body(card).Single(e => e["id"]?.GetValue<string>() == "group");
        Assert.Equal(8, groups["choices"]!.AsArray().Count);
        Assert.Equal("legal_policy", groups["value"]!.GetValue<string>());
        Assert.DoesNotContain(Body(card), e => e["id"]?.GetValue<string>() == "anonymous");
    }

    [Theory]
    [InlineData(AnonymityPolicy.Named, false)]
    [InlineData(AnonymityPolicy.AnonymousAllowed, true)]
    public void A_group_card_shows_the_reply_waiting_to_be_the_first_answer_and_names_it_by_its_key_only(AnonymityPolicy anonymity, bool saysUnlessAnonymous)
    {
        var card = AdaptiveCardRenderer.Render(new GroupPrompt(Id, "T", anonymity, null) { Waiting = new WaitingReply(Evil, "teams:abc") });

        var lines = TextBlocks(card).ToList();
        Assert.Contains(CardText.Escape(Evil), lines);
        Assert.Equal(saysUnlessAnonymous, lines.Any(l => l.Contains("unless you answer anonymously", StringComparison.Ordinal)));
        var data = card["actions"]![0]!["data"]!;
        Assert.Equal(("teams:abc", null), (data["waitingKey"]!.GetValue<string>(), data["waitingText"]));
    }

    [Fact]
    public void The_start_form_asks_for_flow_title_owners_deadline_and_anonymity()
    {
        var card = AdaptiveCardRenderer.Render(new StartForm([new FlowInfo("quick-check", "Quick", "Short", 9)]));
        var ids = Body(card).Select(e => e["id"]?.GetValue<string>()).OfType<string>().ToList();
        Assert.Equal(["flow", "title", "description", "owners", "due", "anonymity"], ids);
        Assert.Equal("Input.Date", Body(card).Single(e => e["id"]?.GetValue<string>() == "due")["type"]!.GetValue<string>());
        Assert.Equal("graph.microsoft.com/users", Body(card).Single(e => e["id"]?.GetValue<string>() == "owners")["choices.data"]!["dataset"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(AnonymityPolicy.Named, true, true)]
    [InlineData(AnonymityPolicy.AnonymousAllowed, true, true)]
    [InlineData(AnonymityPolicy.AnonymousOnly, true, false)]
    [InlineData(AnonymityPolicy.Named, false, false)]
    public void A_card_in_a_channel_says_a_reply_to_it_answers_unless_answers_are_anonymous_only(AnonymityPolicy anonymity, bool inChannel, bool says)
    {
        var card = AdaptiveCardRenderer.Render(
            new DeliberationCard(Id, "T", null, "f", "F", 3, [], new UserRef("f"), null, anonymity, DeliberationStatus.Open, Progress), new RenderContext("Screening Bot", inChannel));

        Assert.Equal(says, Texts.Of(card).Contains("You can also answer by replying to this post with @Screening Bot and your answer.", StringComparison.Ordinal));
    }

    [Fact]
    public void A_response_asks_the_raiser_to_settle_it_only_when_they_have_the_buttons_to()
    {
        var concern = new ConcernView(Id, 3, ConcernKind.Concern, "Safeguards", "Words", [StakeholderGroup.Community], 1, ConcernStatus.Acknowledged, "We are asking the vendor.", null, null, []);

        var open = AdaptiveCardRenderer.Render(new ConcernResponseNotice(Id, "Screening", concern, false));
        var addressed = AdaptiveCardRenderer.Render(new ConcernResponseNotice(Id, "Screening", concern with { Status = ConcernStatus.Addressed, Actions = [ConcernAction.Accept, ConcernAction.Reopen] }, false));

        Assert.Equal(
            "The owners of \"Screening\" responded to the concern you raised. It stays open: when the owners mark it addressed, or say they won't address it, you'll be asked whether that settles it.",
            TextBlocks(open).First());
        Assert.Empty(Actions(open));
        Assert.Equal("The owners of \"Screening\" responded to the concern you raised. Accept the response, or reopen the concern if it is not settled for you.", TextBlocks(addressed).First());
        Assert.Equal(["Accept", "Reopen"], Actions(addressed).Select(a => a["title"]!.GetValue<string>()));
    }

    [Fact]
    public void A_closed_deliberation_card_has_no_Answer_button()
    {
        var card = AdaptiveCardRenderer.Render(new DeliberationCard(Id, "T", null, "f", "F", 3, [], new UserRef("f"), null, AnonymityPolicy.Named, DeliberationStatus.Closed, Progress));
        Assert.Null(card["actions"]);
        Assert.Contains("closed", Texts.Of(card), StringComparison.Ordinal);
    }

    internal static List<JsonObject> Body(JsonObject card) => [.. card["body"]!.AsArray().Select(n => n!.AsObject())];

    /// <summary>Every action a person can press, those inside an Action.ShowCard included (the ShowCard itself only opens them).</summary>
    internal static List<JsonObject> Actions(JsonObject card)
    {
        var top = (card["actions"]?.AsArray() ?? []).Concat(Body(card).Where(e => e["type"]?.GetValue<string>() == "ActionSet").SelectMany(e => e["actions"]!.AsArray())).Select(n => n!.AsObject());
        return [.. top.SelectMany(a => a["type"]!.GetValue<string>() == "Action.ShowCard" ? Actions(a["card"]!.AsObject()) : [a])];
    }

    internal static IEnumerable<string> TextBlocks(JsonNode node) => node switch
    {
        JsonObject o when o["type"]?.GetValue<string>() == "TextBlock" => [o["text"]!.GetValue<string>()],
        JsonObject o when o["type"]?.GetValue<string>() == "FactSet" => o["facts"]!.AsArray().SelectMany(f => new[] { f!["title"]!.GetValue<string>(), f["value"]!.GetValue<string>() }),
        JsonObject o => o.Select(p => p.Value).OfType<JsonNode>().SelectMany(TextBlocks),
        JsonArray a => a.OfType<JsonNode>().SelectMany(TextBlocks),
        _ => [],
    };
}
