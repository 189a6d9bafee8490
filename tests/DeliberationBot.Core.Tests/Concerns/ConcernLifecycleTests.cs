using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Digests;
using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Stakeholders;
using Role = DeliberationBot.Core.Concerns.ConcernLifecycle.Role;

namespace DeliberationBot.Core.Tests.Concerns;

public class ConcernLifecycleTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly Deliberation D = new(
        Guid.NewGuid(), "W", "quick-check", "v1", "Proposal", null, [new UserRef("U-OWNER")], new UserRef("U-FAC"), new ConversationRef("test", "W", "C"),
        null, AnonymityPolicy.AnonymousAllowed, DeliberationStatus.Closed, Now);

    private static Concern Open(params string[] raisers) => new(
        Guid.NewGuid(), D.Id, 1, ConcernKind.Concern, ConcernOrigin.FlaggedAnswer, "s", "q", "Can workers override?", [StakeholderGroup.FrontlineWorker],
        raisers, ConcernStatus.Open, null, null, null, [], Now, Now);

    [Fact]
    public void The_full_path_open_acknowledged_addressed_resolved_needs_every_raiser()
    {
        var c = Open("user:U-A", "anon:x");
        c = ConcernLifecycle.Apply(c, ConcernAction.Acknowledge, "user:U-OWNER", null, Now).Changed!;
        Assert.Equal(ConcernStatus.Acknowledged, c.Status);
        c = ConcernLifecycle.Apply(c, ConcernAction.MarkAddressed, "user:U-OWNER", "Fixed in the pilot.", Now).Changed!;
        Assert.Equal((ConcernStatus.Addressed, "Fixed in the pilot."), (c.Status, c.Response));
        // Words come only with Reopen: accepting with words would drop them, so nothing is accepted.
        Assert.Equal((null, ConcernLifecycle.AcceptWithWords), ConcernLifecycle.Apply(c, ConcernAction.Accept, "user:U-A", "Fine, but watch nights.", Now));
        c = ConcernLifecycle.Apply(c, ConcernAction.Accept, "user:U-A", " ", Now).Changed!;
        Assert.Equal(ConcernStatus.Addressed, c.Status);
        Assert.True(c.IsUnresolved);
        c = ConcernLifecycle.Apply(c, ConcernAction.Accept, "anon:x", null, Now).Changed!;
        Assert.Equal(ConcernStatus.Resolved, c.Status);
        Assert.False(c.IsUnresolved);
    }

    [Fact]
    public void A_condition_is_met_only_when_the_facilitator_accepts_that_it_was_addressed()
    {
        var condition = Open("user:U-FAC") with { Kind = ConcernKind.Condition, Origin = ConcernOrigin.Decision };
        ConditionChange? After(ConcernAction answer, ConcernAction then)
        {
            var answered = ConcernLifecycle.Apply(condition, answer, "user:U-OWNER", "Because.", Now).Changed!;
            return ConcernLifecycle.ConditionChangeOf(answered, ConcernLifecycle.Apply(answered, then, "user:U-FAC", then == ConcernAction.Accept ? null : "Because.", Now).Changed!);
        }

        Assert.Equal(ConditionChange.Met, After(ConcernAction.MarkAddressed, ConcernAction.Accept));
        Assert.Equal(ConditionChange.NotMet, After(ConcernAction.WontAddress, ConcernAction.Accept));
        Assert.Null(After(ConcernAction.MarkAddressed, ConcernAction.Reopen));
        var closed = ConcernLifecycle.Apply(condition, ConcernAction.CloseWithoutRaisers, "user:U-FAC", "Dropped with the pilot.", Now).Changed!;
        Assert.Equal(ConditionChange.Closed, ConcernLifecycle.ConditionChangeOf(condition, closed));
        // A concern is no condition of the decision, whatever becomes of it.
        var concern = ConcernLifecycle.Apply(Open("user:U-A"), ConcernAction.MarkAddressed, "user:U-OWNER", "Done.", Now).Changed!;
        Assert.Null(ConcernLifecycle.ConditionChangeOf(concern, ConcernLifecycle.Apply(concern, ConcernAction.Accept, "user:U-A", null, Now).Changed!));

        // Its owner is asked for their words as a condition's: the person who set it reads them.
        Assert.Equal((null, "Please give the reason it won't be met; the person who set it will see it."), ConcernLifecycle.Apply(condition, ConcernAction.WontAddress, "user:U-OWNER", " ", Now));
        Assert.Equal((null, "Please write your response; the person who set it will see it."), ConcernLifecycle.Apply(condition, ConcernAction.MarkAddressed, "user:U-OWNER", null, Now));
        Assert.Equal((null, "Please give the reason it won't be addressed; the people who raised it will see it."), ConcernLifecycle.Apply(Open("user:U-A"), ConcernAction.WontAddress, "user:U-OWNER", "", Now));
    }

    [Fact]
    public void What_was_accepted_is_read_with_resolved_a_condition_met_or_not_a_concern_that_won_t_be_addressed()
    {
        var condition = Open("user:U-FAC") with { Kind = ConcernKind.Condition, Origin = ConcernOrigin.Decision };
        string Settled(Concern c, ConcernAction answer)
        {
            var answered = ConcernLifecycle.Apply(c, answer, "user:U-OWNER", "Because.", Now).Changed!;
            var accepted = ConcernLifecycle.Apply(answered, ConcernAction.Accept, c.Raisers[0], null, Now).Changed!;
            return ConcernService.Describe(accepted.Status, accepted.Kind, accepted.OwnersAnswer);
        }

        Assert.Equal("met", Settled(condition, ConcernAction.MarkAddressed));
        Assert.Equal("resolved (won't be met)", Settled(condition, ConcernAction.WontAddress));
        Assert.Equal("resolved", Settled(Open("user:U-A"), ConcernAction.MarkAddressed));
        Assert.Equal("resolved (won't be addressed)", Settled(Open("user:U-A"), ConcernAction.WontAddress));
        // Reopened and answered again, the last answer is what was accepted.
        var declined = ConcernLifecycle.Apply(condition, ConcernAction.WontAddress, "user:U-OWNER", "No budget.", Now).Changed!;
        var reopened = ConcernLifecycle.Apply(declined, ConcernAction.Reopen, "user:U-FAC", "Find one.", Now).Changed!;
        Assert.Equal("met", Settled(reopened, ConcernAction.MarkAddressed));
        // A concern settled before the answer was kept reads as it did.
        Assert.Equal("resolved", ConcernService.Describe(ConcernStatus.Resolved, ConcernKind.Condition));
    }

    [Fact]
    public void The_person_who_set_a_condition_is_asked_whether_it_is_met_and_reads_what_they_accepted()
    {
        var condition = new ConcernView(Guid.Empty, 3, ConcernKind.Condition, null, "Log every override", [], 1, ConcernStatus.Addressed, "Logged since March.",
            new Core.Messaging.UserRef("U-OWNER", "Maria"), null, [ConcernAction.Accept, ConcernAction.Reopen]);
        string Next(ConcernView c, ConcernAction? after = null) => new ConcernResponseNotice(Guid.Empty, "T", c, InConversation: false) { After = after }.NextStep;

        Assert.Equal("Accept that it is met, or reopen the condition if that does not settle it for you.", Next(condition));
        Assert.Equal("Accept that it won't be met, or reopen the condition if that does not settle it for you.", Next(condition with { Status = ConcernStatus.WontAddress }));
        Assert.Equal("It stays open: when its owner marks it met, or says it won't be met, you'll be asked whether that settles it.",
            Next(condition with { Status = ConcernStatus.Acknowledged, Actions = [] }));
        Assert.Equal("You accepted that it won't be met, and the condition is settled. If that changes, you can reopen it.",
            Next(condition with { Status = ConcernStatus.Resolved, OwnersAnswer = OwnersAnswer.WontAddress, Actions = [ConcernAction.Reopen] }, ConcernAction.Accept));
        Assert.Equal("You reopened the condition, and its owner has been told. When they mark it met, or say it won't be met, you'll be asked again whether that settles it.",
            Next(condition with { Status = ConcernStatus.Open, Actions = [] }, ConcernAction.Reopen));
        // A concern's raisers are asked about the owners' response, as before.
        Assert.Equal("Accept the response, or reopen the concern if it is not settled for you.", Next(condition with { Kind = ConcernKind.Concern }));
    }

    [Fact]
    public void A_condition_is_named_as_one_where_an_action_on_it_is_refused()
    {
        var condition = Open("user:U-FAC") with { Kind = ConcernKind.Condition, Origin = ConcernOrigin.Decision };
        var answered = ConcernLifecycle.Apply(condition, ConcernAction.MarkAddressed, "user:U-OWNER", "Done.", Now).Changed!;
        var reopened = ConcernLifecycle.Apply(answered, ConcernAction.Reopen, "user:U-FAC", "Not yet.", Now).Changed!;

        Assert.StartsWith("Condition #1 is already reopened", ConcernLifecycle.Apply(reopened, ConcernAction.Reopen, "user:U-FAC", null, Now).Error, StringComparison.Ordinal);
        Assert.Equal(("Condition #1", "Concern #1"), (ConcernKind.Condition.Named(1), ConcernKind.Concern.Named(1)));
    }

    [Fact]
    public void Reopening_clears_acceptances_and_a_wont_address_stays_unresolved_until_accepted()
    {
        var c = ConcernLifecycle.Apply(Open("user:U-A"), ConcernAction.WontAddress, "user:U-OWNER", "Out of scope.", Now).Changed!;
        Assert.True(c.IsUnresolved);
        Assert.Equal([ConcernAction.Accept, ConcernAction.Reopen], ConcernLifecycle.AllowedFor(c, Role.Raiser));
        c = ConcernLifecycle.Apply(c, ConcernAction.Reopen, "user:U-A", null, Now).Changed!;
        Assert.Equal((ConcernStatus.Open, 0), (c.Status, c.AcceptedBy.Count));
    }

    [Theory]
    [InlineData(ConcernAction.Respond)]
    [InlineData(ConcernAction.MarkAddressed)]
    [InlineData(ConcernAction.WontAddress)]
    [InlineData(ConcernAction.CloseWithoutRaisers)]
    public void Actions_that_speak_to_people_need_words(ConcernAction action)
    {
        var (changed, error) = ConcernLifecycle.Apply(Open("user:U-A"), action, "user:U-OWNER", "  ", Now);
        Assert.Null(changed);
        Assert.StartsWith("Please", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Roles_come_from_the_deliberation_and_the_raisers()
    {
        var c = Open("user:U-A", "anon:x");
        Assert.Equal([Role.Owner], ConcernLifecycle.RolesOf(c, D, "U-OWNER", ["user:U-OWNER"]));
        Assert.Equal([Role.Raiser], ConcernLifecycle.RolesOf(c, D, "U-SOMEONE", ["user:U-SOMEONE", "anon:x"]));
        Assert.Equal([Role.Facilitator], ConcernLifecycle.RolesOf(c, D, "U-FAC", ["user:U-FAC"]));
        Assert.Empty(ConcernLifecycle.RolesOf(c, D, "U-EVE", ["user:U-EVE", "anon:y"]));
        var condition = c with { Kind = ConcernKind.Condition, Owner = new UserRef("U-COND") };
        Assert.Contains(Role.Owner, ConcernLifecycle.RolesOf(condition, D, "U-COND", []));
    }

    [Fact]
    public void Settled_concerns_offer_owners_nothing_and_raisers_only_reopen()
    {
        var closed = Open("user:U-A") with { Status = ConcernStatus.ClosedByFacilitator };
        Assert.Empty(ConcernLifecycle.AllowedFor(closed, Role.Owner));
        Assert.Empty(ConcernLifecycle.AllowedFor(closed, Role.Facilitator));
        Assert.Equal([ConcernAction.Reopen], ConcernLifecycle.AllowedFor(Open("user:U-A") with { Status = ConcernStatus.Resolved }, Role.Raiser));
    }

    [Fact]
    public void Sync_makes_one_concern_per_question_and_only_adds_raisers_on_a_second_run()
    {
        var flow = FlowParser.Parse("""
            id: f
            title: F
            sections:
              - id: s
                title: S
                questions:
                  - id: override
                    text: Can workers override?
                    kind: yes_no_unsure
                    concern_when: { any_of: ["no"] }
                  - id: purpose
                    text: What is it for?
                    kind: free_text
            """, "f.yaml");
        Answer A(string who, string q, AnswerValue v, bool flagged = false) => new(D.Id, who, q, StakeholderGroup.FrontlineWorker, v, flagged, 1, Now);
        var answers = new List<Answer>
        {
            A("user:U-A", "override", AnswerValue.FromChoices("no")),
            A("anon:x", "override", AnswerValue.FromChoices("yes")),
            A("anon:x", "purpose", AnswerValue.FromText("To rank"), flagged: true),
        };

        var first = ConcernSync.FromAnswers(flow, D.Id, [], answers, [], Now);
        Assert.Equal(["override", "purpose"], first.Select(c => c.QuestionId));
        Assert.Equal([1, 2], first.Select(c => c.Number));
        Assert.Equal(["user:U-A"], first[0].Raisers);
        Assert.Equal(ConcernOrigin.FlowRule, first[0].Origin);
        Assert.Equal(ConcernOrigin.FlaggedAnswer, first[1].Origin);
        Assert.Empty(ConcernSync.FromAnswers(flow, D.Id, first, answers, [], Now));

        var resolved = first.Select(c => c with { Status = ConcernStatus.Resolved }).ToList();
        answers.Add(A("user:U-B", "override", AnswerValue.FromChoices("no")));
        var again = Assert.Single(ConcernSync.FromAnswers(flow, D.Id, resolved, answers, [], Now));
        Assert.Equal((first[0].Id, ConcernStatus.Open), (again.Id, again.Status));
        Assert.Equal(["user:U-A", "user:U-B"], again.Raisers);
    }

    [Fact]
    public void An_answer_a_suggested_concern_cites_becomes_a_concern_of_its_own_when_its_author_flags_it()
    {
        var flow = Flows.TestFlows.Engine;
        var suggested = new Concern(Guid.NewGuid(), D.Id, 1, ConcernKind.Concern, ConcernOrigin.ConfirmedSuggestion, "first", null, "Nobody knows what it is for.",
            [], ["user:U-F"], ConcernStatus.Open, null, null, null, [], Now, Now)
        {
            Voices =
            [
                new ConcernVoice("user:U-F", null, "Fiona", "Nobody knows what it is for.", null) { Suggested = true },
                new ConcernVoice("user:U-A", StakeholderGroup.FrontlineWorker, "Ana", "To rank, I think", "intro") { Cited = true },
            ],
        };
        var flagged = new Answer(D.Id, "user:U-A", "intro", StakeholderGroup.FrontlineWorker, AnswerValue.FromText("To rank, nobody said why"), true, 1, Now);

        var changed = Assert.Single(ConcernSync.FromAnswers(flow, D.Id, [suggested], [flagged], [], Now));

        Assert.NotEqual(suggested.Id, changed.Id); // the suggested concern keeps the words it cited, as they were
        Assert.Equal((ConcernOrigin.FlaggedAnswer, 2, "To rank, nobody said why"), (changed.Origin, changed.Number, changed.Text));
        Assert.Equal(["user:U-A"], changed.Raisers);
    }

    [Fact]
    public void A_rules_concern_takes_every_answer_meeting_it_keeps_each_persons_words_and_reopens_for_new_raisers()
    {
        var flow = FlowParser.Parse("""
            id: f
            title: F
            sections:
              - id: s
                title: S
                questions:
                  - id: override
                    text: Can workers override the score?
                    kind: yes_no_unsure
                    concern_when:
                      any_of: ["no", unsure]
            """, "f.yaml");
        Answer A(string who, StakeholderGroup group, string choice) => new(D.Id, who, "override", group, AnswerValue.FromChoices(choice), false, 1, Now);
        var people = Enumerable.Range(0, 3000).Select(i => A($"anon:{i:D4}", StakeholderGroup.FrontlineWorker, i % 2 == 0 ? "no" : "yes")).ToList();
        var first = Assert.Single(ConcernSync.FromAnswers(flow, D.Id, [], people, [], Now));
        Assert.Equal(1500, first.Voices.Count);
        Assert.Equal(first.Raisers, first.Voices.Select(v => v.RaiserKey));

        var resolved = first with { Status = ConcernStatus.Resolved };
        people[0] = people[0] with { Value = AnswerValue.FromChoices("unsure") }; // an edited answer: its words change in place
        people.Add(A("user:U-LEGAL", StakeholderGroup.LegalPolicy, "no")); // a new raiser, in a new group
        var again = Assert.Single(ConcernSync.FromAnswers(flow, D.Id, [resolved], people, [], Now));

        Assert.Equal(1501, again.Voices.Count);
        Assert.Equal(("anon:0000", "Not sure"), (again.Voices[0].RaiserKey, again.Voices[0].Text));
        Assert.Equal("user:U-LEGAL", again.Voices[^1].RaiserKey);
        Assert.Equal([.. first.Raisers, "user:U-LEGAL"], again.Raisers);
        Assert.Equal([StakeholderGroup.FrontlineWorker, StakeholderGroup.LegalPolicy], again.RaisedByGroups);
        Assert.Equal(ConcernStatus.Open, again.Status);
        Assert.Empty(ConcernSync.FromAnswers(flow, D.Id, [again], people, [], Now)); // nothing new: nothing changes
    }

    [Fact]
    public void A_concern_sent_to_the_owners_before_marks_the_words_added_or_edited_since_and_only_those()
    {
        var flow = FlowParser.Parse("""
            id: f
            title: F
            sections:
              - id: s
                title: S
                questions:
                  - id: override
                    text: Can workers override the score?
                    kind: yes_no_unsure
                    concern_when:
                      any_of: ["no", unsure]
            """, "f.yaml");
        Answer A(string who, string choice) => new(D.Id, who, "override", StakeholderGroup.FrontlineWorker, AnswerValue.FromChoices(choice), false, 1, Now);
        var answers = new List<Answer> { A("anon:a", "no"), A("anon:b", "no") };

        // Never sent: all of it is new to the owners, so nothing is marked.
        var first = Assert.Single(ConcernSync.FromAnswers(flow, D.Id, [], answers, [], Now));
        Assert.Empty(first.VoiceChanges);
        answers.Add(A("anon:c", "no"));
        Assert.Empty(Assert.Single(ConcernSync.FromAnswers(flow, D.Id, [first], answers, [], Now)).VoiceChanges);

        // Sent; then one more person, and one person changes their answer.
        var heard = Assert.Single(ConcernSync.FromAnswers(flow, D.Id, [first], answers, [], Now)) with { OwnersHeardAt = Now };
        answers.Add(A("user:U-D", "unsure"));
        answers[0] = A("anon:a", "unsure");
        var again = Assert.Single(ConcernSync.FromAnswers(flow, D.Id, [heard], answers, [], Now));
        Assert.Equal([new VoiceChange("anon:a", "override", Edited: true), new VoiceChange("user:U-D", "override", Edited: false)], again.VoiceChanges.OrderBy(c => c.RaiserKey));

        // Before they hear of it, more comes: it joins what is new to them; a new voice edited is still new.
        answers[3] = A("user:U-D", "no");
        answers.Add(A("user:U-E", "no"));
        var more = Assert.Single(ConcernSync.FromAnswers(flow, D.Id, [again], answers, [], Now));
        Assert.Equal(["anon:a edited", "user:U-D new", "user:U-E new"], more.VoiceChanges.Select(c => $"{c.RaiserKey} {(c.Edited ? "edited" : "new")}").Order());

        // Once they heard of it, only what came after is marked.
        answers.Add(A("user:U-F", "no"));
        var after = Assert.Single(ConcernSync.FromAnswers(flow, D.Id, [more with { OwnersHeardAt = Now }], answers, [], Now));
        Assert.Equal([new VoiceChange("user:U-F", "override", Edited: false)], after.VoiceChanges);

        var view = ConcernView.ForOwners(after, flow, [ConcernAction.Acknowledge]);
        Assert.Equal("Since you were last sent this concern, 1 person added their words (marked new).", view.ChangesLine);
        Assert.Equal(["new"], after.Voices.Select(view.ChangeOf).OfType<string>());
        Assert.Equal("new", view.ChangeOf(after.Voices[^1]));
        Assert.Null(ConcernView.Of(after, flow, []).ChangesLine); // the list everyone sees marks nothing
        Assert.Equal(
            "Since you were last sent this concern, 2 people added their words and 1 person changed theirs (marked new and edited).",
            ConcernView.ForOwners(more, flow, []).ChangesLine);
        Assert.Equal(
            "Since you were last sent this concern, 1 person changed their words (marked edited).",
            (ConcernView.ForOwners(more, flow, []) with { Changes = [new VoiceChange("anon:a", "override", true)] }).ChangesLine);
    }

    [Fact]
    public void Words_whose_answer_no_longer_raises_the_concern_are_kept_and_say_what_became_of_the_answer()
    {
        var flow = FlowParser.Parse("""
            id: f
            title: F
            sections:
              - id: s
                title: S
                questions:
                  - id: minutes
                    text: Minutes added per case?
                    kind: number
                    unit: minutes
                    concern_when:
                      at_least: 10
                  - id: impact
                    text: What changes for you?
                    kind: free_text
            """, "f.yaml");
        Answer A(string who, string question, AnswerValue value, bool flagged = false) => new(D.Id, who, question, StakeholderGroup.FrontlineWorker, value, flagged, 1, Now);
        var answers = new List<Answer>
        {
            A("anon:a", "minutes", AnswerValue.FromNumber(20, "the intake form alone")),
            A("anon:b", "minutes", AnswerValue.FromNumber(15)),
            A("anon:c", "impact", AnswerValue.FromText("Nights get longer."), flagged: true),
            A("anon:d", "impact", AnswerValue.FromText("Nobody timed it."), flagged: true),
        };
        var raised = ConcernSync.FromAnswers(flow, D.Id, [], answers, [], Now).Select(c => c with { OwnersHeardAt = Now }).ToList();
        Assert.Equal(3, raised.Count);

        // a: 5 minutes now, with words; b withdraws the answer; c takes the flag off; d changes the words unflagged.
        answers[0] = A("anon:a", "minutes", AnswerValue.FromNumber(5, "my private reasons"));
        answers[1] = A("anon:b", "minutes", AnswerValue.Skip());
        answers[2] = answers[2] with { FlaggedConcern = false };
        answers[3] = A("anon:d", "impact", AnswerValue.FromText("Words d never flagged."));
        var later = ConcernSync.FromAnswers(flow, D.Id, raised, answers, [], Now);

        var attributions = later.SelectMany(c => c.Voices).Select(v => $"\u201C{v.Text}\u201D \u2014 {ConcernView.Attribution(v)}").ToList();
        Assert.Equal(
        [
            "\u201C20 minutes (\"the intake form alone\")\u201D \u2014 Frontline worker (anonymous), who has since changed this answer to \u201C5 minutes\u201D",
            "\u201C15 minutes\u201D \u2014 Frontline worker (anonymous), who has since withdrawn this answer",
            "\u201CNights get longer.\u201D \u2014 Frontline worker (anonymous), who no longer flags it as a concern",
            "\u201CNobody timed it.\u201D \u2014 Frontline worker (anonymous), who has since changed this answer",
        ], attributions);
        Assert.All(later, c => Assert.Equal((ConcernStatus.Open, (DateTimeOffset?)null), (c.Status, c.OwnersHeardAt)));
        Assert.All(later, c => Assert.All(c.VoiceChanges, change => Assert.True(change.Edited)));
        Assert.Equal("Since you were last sent this concern, 2 people changed their answers (marked edited).", ConcernView.ForOwners(later[0], flow, []).ChangesLine);

        // The digest says it after the words, however many gave them.
        var (_, words) = DigestComposer.WordsOf(later[0], flow);
        Assert.Equal(["the intake form alone / 20 minutes / since changed to \u201C5 minutes\u201D", "15 minutes /  / since withdrawn"], words.Select(w => $"{w.Text} / {w.Answered} / {w.Since}"));
        var digest = DigestComposer.Snapshot(Guid.Empty, "W", [new DigestSource(D, later, []) { Flow = flow }], Now, 7).Proposals.Single().OpenConcerns;
        Assert.Equal(
        [
            "Minutes added per case? \u201Cthe intake form alone\u201D (answered 20 minutes, since changed to \u201C5 minutes\u201D) \u00B7 \u201C15 minutes\u201D (since withdrawn)",
            "\u201CNights get longer.\u201D (since unflagged)",
            "\u201CNobody timed it.\u201D (since changed)",
        ], digest.Select(c => c.Quoted(t => t)));

        // Nothing new: nothing changes.
        Assert.Empty(ConcernSync.FromAnswers(flow, D.Id, [.. later], answers, [], Now));
    }

    [Fact]
    public void Where_a_concern_stands_names_the_one_person_who_raised_it_as_one()
    {
        Assert.Equal("marked won't address, waiting for the person who raised it to accept", ConcernService.Describe(ConcernStatus.WontAddress, raisers: 1));
        Assert.Equal("addressed, waiting for the person who raised it to accept", ConcernService.Describe(ConcernStatus.Addressed, raisers: 1));
        Assert.Equal("addressed, waiting for the people who raised it to accept", ConcernService.Describe(ConcernStatus.Addressed, raisers: 3));

        var digest = new DigestConcern(Guid.NewGuid(), "Roads", 1, "Rural roads never rank.", [StakeholderGroup.Community], 2, ConcernStatus.WontAddress)
        {
            Standing = new DigestStanding("Not this year.", [], 0, 1),
        };
        Assert.Equal("marked won't address, waiting for the person who raised it to accept", digest.StatusWords);
        Assert.Equal("marked won't address, waiting for the people who raised it to accept", (digest with { Standing = digest.Standing with { Raisers = 2 } }).StatusWords);
    }
}
