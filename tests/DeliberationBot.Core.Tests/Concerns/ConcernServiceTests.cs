using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Digests;
using DeliberationBot.Core.Exports;
using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Stakeholders;
using DeliberationBot.Core.Tests.Support;
using static DeliberationBot.Core.Tests.Support.ServiceBed;

namespace DeliberationBot.Core.Tests.Concerns;

public sealed class ConcernServiceTests
{
    private readonly ServiceBed _bed = new();

    private ConcernService Concerns => _bed.Concerns;

    [Fact]
    public async Task Reviewing_sends_the_owners_and_facilitator_a_flagged_answer_in_its_own_words_once()
    {
        await FlaggedAsync("It adds twenty minutes a case.");

        var review = await Concerns.ReviewAsync(Fiona, Home, "review-1", None);
        var again = await Concerns.ReviewAsync(Fiona, Home, "review-2", None);

        var list = Assert.IsType<ConcernList>(review.Replies[0]);
        Assert.Equal("It adds twenty minutes a case.", Assert.Single(Assert.Single(list.Concerns).Voices).Text);
        // The facilitator hears too, to close any concern without its raisers.
        var told = _bed.Store.Outbox.Where(m => m.Message is OwnerConcerns).Select(m => m.Destination.User!.Id).Order();
        Assert.Equal(["U0FIONA", "U0MARIA"], told);
        Assert.Equal("The owners have already heard of every concern as it stands; nothing was sent again.", Assert.IsType<Confirmation>(again.Replies[1]).Text);
    }

    [Fact]
    public async Task Someone_else_sees_the_list_and_sends_nothing()
    {
        await FlaggedAsync("It adds twenty minutes a case.");
        var before = _bed.Store.Commits.Count;

        var review = await Concerns.ReviewAsync(Lee, Home, "review", None);

        Assert.IsType<ConcernList>(Assert.Single(review.Replies));
        Assert.Equal(before, _bed.Store.Commits.Count);
    }

    [Fact]
    public async Task Someone_neither_facilitator_nor_owner_reads_every_persons_words_in_the_concerns_but_no_name()
    {
        var d = await FlaggedAsync("It adds twenty minutes a case.");
        var ada = new Actor("slack", Workspace, new UserRef("U0ADA", "ada"));
        await _bed.Answering.JoinAsync(ada, d, StakeholderGroup.FrontlineWorker, anonymous: true, "join-ada", None);
        await _bed.Answering.AnswerAsync(ada, d, "impact", AnswerValue.FromText("Nobody timed the new fields."), flagConcern: true, "answer-ada", None);
        await Concerns.ReviewAsync(Fiona, Home, "review", None);

        async Task<string> Listed(Actor who) => PlainTextRenderer.Render(Assert.IsType<ConcernList>((await Concerns.ReviewAsync(who, Home, "list-" + who.User.Id, None)).Replies[0]));

        // Sam gave his name for the people who decide: Lee reads what he said, as the page shows participants, with his
        // group alone (not as "anonymous", which he did not choose).
        var lees = await Listed(Lee);
        Assert.Contains("\"It adds twenty minutes a case.\" — Frontline worker\n", lees, StringComparison.Ordinal);
        Assert.Contains("\"Nobody timed the new fields.\" — Frontline worker (anonymous)\n", lees, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(?i)\bsam\b", lees);
        // The facilitator reads every word, with the names given.
        Assert.Contains("\"It adds twenty minutes a case.\" — Frontline worker (sam)\n", await Listed(Fiona), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_owner_acknowledges_and_a_retried_press_writes_nothing_twice()
    {
        var concern = await RaisedAsync();
        var before = _bed.Store.Commits.Count;

        var acknowledged = await Concerns.ActAsync(Maria, concern, ConcernAction.Acknowledge, null, "ack", None);
        var again = await Concerns.ActAsync(Maria, concern, ConcernAction.Acknowledge, null, "ack", None);

        Assert.Equal("Concern #1 is now acknowledged.", Assert.IsType<Confirmation>(Assert.Single(acknowledged.Replies)).Text);
        Assert.True(again.Duplicate);
        Assert.Equal(before + 1, _bed.Store.Commits.Count);
        Assert.Equal(ConcernStatus.Acknowledged, (await _bed.Store.FindConcernAsync(Workspace, concern, None))!.Status);
    }

    [Fact]
    public async Task A_response_reaches_the_named_raiser_privately_who_may_accept_it()
    {
        var concern = await RaisedAsync();

        var responded = await Concerns.ActAsync(Maria, concern, ConcernAction.MarkAddressed, "We drop two of the fields.", "respond", None);
        var accepted = await Concerns.ActAsync(Sam, concern, ConcernAction.Accept, null, "accept", None);

        Assert.EndsWith("The person who raised it has been sent your response privately.", Assert.IsType<Confirmation>(Assert.Single(responded.Replies)).Text, StringComparison.Ordinal);
        var notice = Assert.Single(_bed.Store.Outbox, m => m.Message is ConcernResponseNotice);
        Assert.Equal((DeliveryMode.Private, Sam.User.Id), (notice.Destination.Mode, notice.Destination.User!.Id));
        Assert.Equal("Concern #1 is now resolved. maria has been told.", Assert.IsType<Confirmation>(Assert.Single(accepted.Replies)).Text);
        var toMaria = (OwnerConcerns)_bed.Store.Outbox.Last(m => m.Message is OwnerConcerns && m.Destination.User!.Id == Maria.User.Id).Message;
        Assert.Equal(["sam, who raised it, accepted your response: the concern is settled."], Assert.Single(toMaria.Concerns).Notes);
    }

    [Fact]
    public async Task A_response_is_read_with_the_name_of_the_owner_who_wrote_it_in_chat_the_digest_and_the_record()
    {
        var concern = await RaisedAsync();

        await Concerns.ActAsync(Maria, concern, ConcernAction.Respond, "We are timing it on ten cases.", "respond", None);
        var kept = (await _bed.Store.FindConcernAsync(Workspace, concern, None))!;
        Assert.Equal(Maria.User, kept.RespondedBy);
        var notice = (ConcernResponseNotice)_bed.Store.Outbox.Last(m => m.Message is ConcernResponseNotice).Message;
        Assert.Contains("Response from maria: We are timing it on ten cases.", PlainTextRenderer.Render(notice), StringComparison.Ordinal);

        var d = (await _bed.Store.FindAsync(Workspace, kept.DeliberationId, None))!;
        var flow = FlowParser.Parse(FlowYaml, "services.yaml", "services");
        var digest = DigestComposer.Snapshot(Guid.Empty, Workspace, [new DigestSource(d, [kept], []) { Flow = flow }], _bed.Time.GetUtcNow(), staleAfterDays: 7);
        Assert.Equal(["maria responded: “We are timing it on ten cases.”"], Assert.Single(Assert.Single(digest.Proposals).OpenConcerns).StandingLines(t => t));

        // Her later answer, which replaces the first, is read as hers too.
        await Concerns.ActAsync(Maria, concern, ConcernAction.WontAddress, "The fields are required by the state.", "decline", None);
        kept = (await _bed.Store.FindConcernAsync(Workspace, concern, None))!;
        var record = DeliberationRecords.Build(d, flow, [], [], [kept], await _bed.Store.ListEventsAsync(Workspace, d.Id, None), minGroupSize: 3, summary: null);
        Assert.Equal("Response from maria", Assert.Single(record.Concerns).ResponseLabel);
        Assert.Contains("- Response from maria: The fields are required by the state.", RecordMarkdown.Render(record), StringComparison.Ordinal);
        digest = DigestComposer.Snapshot(Guid.Empty, Workspace, [new DigestSource(d, [kept], []) { Flow = flow }], _bed.Time.GetUtcNow(), staleAfterDays: 7);
        Assert.StartsWith("maria says the owners won't address it: “The fields are required by the state.”",
            Assert.Single(Assert.Single(digest.Proposals).OpenConcerns).StandingLines(t => t)[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_owners_respond_and_only_raisers_accept()
    {
        var concern = await RaisedAsync();
        var before = _bed.Store.Commits.Count;

        var stranger = await Concerns.ActAsync(Lee, concern, ConcernAction.Respond, "Not mine to say.", "lee", None);
        var early = await Concerns.ActAsync(Sam, concern, ConcernAction.Accept, null, "sam", None);

        Assert.Equal("Only the proposal's owners can respond to this concern. It is open.", Assert.IsType<ErrorMessage>(Assert.Single(stranger.Replies)).Text);
        Assert.Equal("Concern #1 is open, with no response to accept yet. Nothing changed.", Assert.IsType<ErrorMessage>(Assert.Single(early.Replies)).Text);
        Assert.Equal(before, _bed.Store.Commits.Count);
    }

    [Fact]
    public async Task An_unknown_concern_is_not_found()
    {
        var result = await Concerns.ActAsync(Maria, Guid.NewGuid(), ConcernAction.Acknowledge, null, "ack", None);

        Assert.Equal("I can't find that concern here.", Assert.IsType<ErrorMessage>(Assert.Single(result.Replies)).Text);
    }

    [Fact]
    public async Task Only_the_facilitator_or_an_owner_records_a_concern_directly()
    {
        await _bed.StartAsync();

        var refused = await Concerns.AddAsync(Sam, Home, "Nobody asked the night shift.", "add-sam", None);
        var recorded = await Concerns.AddAsync(Fiona, Home, "Nobody asked the night shift.", "add-fiona", None);
        var again = await Concerns.AddAsync(Fiona, Home, "Nobody asked the night shift.", "add-fiona", None);

        Assert.StartsWith("Only the facilitator or an owner can record a concern directly.", Assert.IsType<ErrorMessage>(Assert.Single(refused.Replies)).Text, StringComparison.Ordinal);
        Assert.Equal("Recorded concern #1; maria will see it.", Assert.IsType<Confirmation>(Assert.Single(recorded.Replies)).Text);
        Assert.True(again.Duplicate);
        Assert.Equal("Nobody asked the night shift.", Assert.Single(await _bed.Store.ListConcernsAsync(Workspace, _bed.Store.Commits[0].Deliberation!.Id, None)).Text);
    }

    [Fact]
    public async Task Merging_keeps_every_persons_words_and_is_the_facilitators_alone()
    {
        await _bed.StartAsync();
        // Before any concern has its number, the facilitator learns when flagged answers get theirs.
        Assert.Equal(
            "No concern in \"Predictive screening\" has a number yet: flagged answers get theirs when they are sent to the owners (once a day, on close, or when you type \"concerns\", which sends them now).",
            Assert.IsType<ErrorMessage>(Assert.Single((await Concerns.MergeAsync(Fiona, Home, 1, 2, "merge-early", None)).Replies)).Text);
        await Concerns.AddAsync(Fiona, Home, "Nobody asked the night shift.", "add-1", None);
        await Concerns.AddAsync(Maria, Home, "The night shift was not consulted.", "add-2", None);

        var refused = await Concerns.MergeAsync(Maria, Home, 1, 2, "merge-maria", None);
        var same = await Concerns.MergeAsync(Fiona, Home, 1, 1, "merge-same", None);
        var merged = await Concerns.MergeAsync(Fiona, Home, 1, 2, "merge", None);

        Assert.Equal("Only the facilitator (fiona) can merge concerns.", Assert.IsType<ErrorMessage>(Assert.Single(refused.Replies)).Text);
        Assert.StartsWith("Name two different concerns", Assert.IsType<ErrorMessage>(Assert.Single(same.Replies)).Text, StringComparison.Ordinal);
        Assert.StartsWith("Merged #2 into #1. #1 now carries the words of 2 people, each as written;", Assert.IsType<Confirmation>(Assert.Single(merged.Replies)).Text, StringComparison.Ordinal);
        var concerns = await _bed.Store.ListConcernsAsync(Workspace, _bed.Store.Commits[0].Deliberation!.Id, None);
        Assert.Equal(["Nobody asked the night shift.", "The night shift was not consulted."], concerns[0].Voices.Select(v => v.Text));
        Assert.Equal((ConcernStatus.Merged, 1), (concerns[1].Status, concerns[1].MergedInto));

        // Two concerns the same person recorded are one person's words, not two people's.
        await Concerns.AddAsync(Fiona, Home, "Nobody asked the weekend staff.", "add-3", None);
        await Concerns.AddAsync(Fiona, Home, "Weekend staff were left out too.", "add-4", None);
        var own = await Concerns.MergeAsync(Fiona, Home, 3, 4, "merge-own", None);
        Assert.StartsWith("Merged #4 into #3. #3 now carries the words of both, all one person's, each as written;", Assert.IsType<Confirmation>(Assert.Single(own.Replies)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Words_merged_in_from_a_concern_about_another_question_are_read_with_that_question_not_this_ones()
    {
        var d = await FlaggedAsync("It adds twenty minutes a case.");
        await _bed.Answering.JoinAsync(Lee, d, StakeholderGroup.Community, anonymous: true, "join-lee", None);
        await _bed.Answering.AnswerAsync(Lee, d, "minutes", AnswerValue.FromNumber(25), flagConcern: true, "answer-lee", None);
        await Concerns.ReviewAsync(Fiona, Home, "review", None);
        await Concerns.MergeAsync(Fiona, Home, 1, 2, "merge", None);

        var list = Assert.IsType<ConcernList>((await Concerns.ReviewAsync(Maria, Home, "review-2", None)).Replies[0]);
        var text = PlainTextRenderer.Render(list).ReplaceLineEndings("\n");

        Assert.Contains(
            "\"It adds twenty minutes a case.\" — Frontline worker (sam)\n    On: What changes for you? (Daily work)\n" +
            "    \"25\" — Community member or advocate (anonymous)\n    On: Minutes added per case? (Daily work)",
            text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_flagged_rating_is_read_everywhere_with_what_the_scales_ends_mean()
    {
        const string yaml = FlowYamlWithRating;
        var bed = new ServiceBed(yaml);
        var flow = FlowParser.Parse(yaml, "services.yaml", "services");
        const string asked = "How open has the vendor been? (1 = Not open at all, 5 = Very open)";
        var d = await bed.StartAsync();
        await bed.Answering.JoinAsync(Sam, d, StakeholderGroup.FrontlineWorker, anonymous: false, "join", None);

        var answered = await bed.Answering.AnswerAsync(Sam, d, "vendor-open", AnswerValue.FromNumber(2, "They would not show us the factors."), flagConcern: true, "answer", None);
        await bed.Concerns.ReviewAsync(Fiona, Home, "review", None);

        // What Sam is shown the owners will receive is what they do receive: "2" means nothing without the scale, and his
        // words are what is quoted, with his rating beside his name.
        var preview = Assert.IsType<QuestionPrompt>(Assert.Single(answered.Replies)).JustFlagged!;
        Assert.Equal((asked, "They would not show us the factors.", "Frontline worker (sam), who answered 2"), (preview.QuestionText, preview.Words, preview.Attribution));
        var toMaria = (OwnerConcerns)bed.Store.Outbox.Single(m => m.Message is OwnerConcerns && m.Destination.User!.Id == Maria.User.Id).Message;
        Assert.Contains(
            "\"They would not show us the factors.\" — Frontline worker (sam), who answered 2\n    On: " + asked + " (Daily work)",
            PlainTextRenderer.Render(toMaria).ReplaceLineEndings("\n"), StringComparison.Ordinal);
        var concern = Assert.Single(await bed.Store.ListConcernsAsync(Workspace, d, None));
        Assert.Equal(asked, DigestComposer.WordsOf(concern, flow).Question);
        var digest = DigestComposer.Snapshot(Guid.Empty, Workspace, [new DigestSource((await bed.Store.FindAsync(Workspace, d, None))!, [concern], []) { Flow = flow }], bed.Time.GetUtcNow(), staleAfterDays: 7);
        Assert.Equal(asked + " “They would not show us the factors.” (answered 2)", Assert.Single(Assert.Single(digest.Proposals).OpenConcerns).Quoted(t => t));
        var record = DeliberationRecords.Build(
            (await bed.Store.FindAsync(Workspace, d, None))!, flow, await bed.Store.ListParticipantsAsync(Workspace, d, None), await bed.Store.ListAnswersAsync(Workspace, d, None),
            [concern], await bed.Store.ListEventsAsync(Workspace, d, None), minGroupSize: 3, summary: null);
        Assert.Equal(asked, Assert.Single(record.Concerns).Question);
        Assert.Equal(("They would not show us the factors.", "Frontline worker (sam), who answered 2"), Assert.Single(record.Concerns[0].Voices) is var v ? (v.Words, v.By) : default);
        Assert.Null(record.Concerns[0].Lead); // the concern is his words: nothing is shown above them
        Assert.DoesNotContain("2 (\"They would not", RecordMarkdown.Render(record), StringComparison.Ordinal);
        Assert.Equal(asked, Assert.Single(record.Answers, q => q.QuestionId == "vendor-open").Question);
    }

    [Fact]
    public async Task People_whose_answers_join_a_concern_the_owners_answered_are_sent_the_response_to_accept_or_reopen()
    {
        var bed = new ServiceBed(FlowYamlWithOverrideRule);
        var ada = new Actor("slack", Workspace, new UserRef("U0ADA", "ada"));
        var d = await bed.StartAsync();
        foreach (var (who, anonymous) in new[] { (Sam, false), (Lee, false), (ada, true) })
        {
            await bed.Answering.JoinAsync(who, d, StakeholderGroup.FrontlineWorker, anonymous, "join-" + who.User.Id, None);
        }

        await bed.Answering.AnswerAsync(Sam, d, "override", AnswerValue.FromChoices("no"), flagConcern: false, "sam", None);
        await bed.Concerns.ReviewAsync(Fiona, Home, "review-1", None);
        var concern = Assert.Single(await bed.Store.ListConcernsAsync(Workspace, d, None));
        await bed.Concerns.ActAsync(Maria, concern.Id, ConcernAction.MarkAddressed, "Screeners may override from today.", "addressed", None);
        var before = bed.Store.Outbox.Count;

        // Lee by name and Ada anonymously say no too, after the owners answered: their words join the concern.
        await bed.Answering.AnswerAsync(Lee, d, "override", AnswerValue.FromChoices("no"), flagConcern: false, "lee", None);
        await bed.Answering.AnswerAsync(ada, d, "override", AnswerValue.FromChoices("no"), flagConcern: false, "ada", None);
        await bed.Concerns.ReviewAsync(Fiona, Home, "review-2", None);

        var notices = bed.Store.Outbox.Skip(before).Where(m => m.Message is ConcernResponseNotice).ToList();
        var toLee = Assert.Single(notices, m => m.Destination.User?.Id == Lee.User.Id);
        var inConversation = Assert.Single(notices, m => m.Destination.User is null);
        Assert.Equal(2, notices.Count); // Sam had his when Maria answered
        foreach (var notice in new[] { toLee, inConversation }.Select(m => (ConcernResponseNotice)m.Message))
        {
            Assert.Equal(("Screeners may override from today.", ConcernStatus.Addressed), (notice.Concern.Response, notice.Concern.Status));
            Assert.Equal([ConcernAction.Accept, ConcernAction.Reopen], notice.Concern.Actions);
        }

        // The concern is settled once they accept too.
        foreach (var who in new[] { Sam, Lee, ada })
        {
            await bed.Concerns.ActAsync(who, concern.Id, ConcernAction.Accept, null, "accept-" + who.User.Id, None);
        }

        Assert.Equal(ConcernStatus.Resolved, (await bed.Store.FindConcernAsync(Workspace, concern.Id, None))!.Status);
    }

    [Fact]
    public async Task An_answer_changed_so_that_it_no_longer_raises_its_concern_leaves_its_words_saying_what_became_of_the_answer()
    {
        var bed = new ServiceBed(FlowYamlWithOverrideRule);
        var d = await bed.StartAsync();
        await bed.Answering.JoinAsync(Sam, d, StakeholderGroup.FrontlineWorker, anonymous: false, "join-sam", None);
        await bed.Answering.AnswerAsync(Sam, d, "impact", AnswerValue.FromText("It adds twenty minutes a case."), flagConcern: true, "sam-impact", None);
        await bed.Answering.AnswerAsync(Sam, d, "override", AnswerValue.FromChoices("no"), flagConcern: false, "sam-override", None);
        // Lee answers in a thread, one reply a question, and says no to overriding too.
        await bed.Answering.JoinAsync(Lee, d, StakeholderGroup.FrontlineWorker, anonymous: false, "join-lee", None);
        foreach (var (reply, n) in new[] { "Nothing yet.", "3", "yes", "no" }.Select((r, i) => (r, i)))
        {
            await bed.Answering.AnswerTextAsync(Lee, d, reply, $"lee-{n}", None);
        }

        await bed.Concerns.ReviewAsync(Fiona, Home, "review-1", None);
        Assert.Equal(2, (await bed.Store.ListConcernsAsync(Workspace, d, None)).Count);
        var before = bed.Store.Outbox.Count;

        // Sam changes his mind about overriding, and takes the flag off his first answer, changing its words.
        var overriding = await bed.Answering.AnswerAsync(Sam, d, "override", AnswerValue.FromChoices("yes"), flagConcern: false, "sam-yes", None);
        var unflagged = await bed.Answering.AnswerAsync(Sam, d, "impact", AnswerValue.FromText("Sam's private second thoughts."), flagConcern: false, "sam-unflag", None);
        // Lee edits his reply: yes after all.
        var edited = await bed.Answering.ReviseTextAsync(Lee, d, "lee-3", "yes", "lee-3-edit", None);

        const string Ask = " If it no longer concerns you, you can ask the facilitator (fiona) to close it.";
        Assert.Equal("Concern #2 keeps your earlier words, \u201CNo\u201D, as you gave them; the proposal's owners will read that you have since changed this answer to \u201CYes\u201D." + Ask, overriding.Notice);
        Assert.Equal("Concern #1 keeps your earlier words, \u201CIt adds twenty minutes a case.\u201D, as you gave them; the proposal's owners will read that you have since changed this answer." + Ask, unflagged.Notice);
        Assert.EndsWith("now reads as you edited it. Concern #2 keeps your earlier words, \u201CNo\u201D, as you gave them; the proposal's owners will read that you have since changed this answer to \u201CYes\u201D." + Ask,
            Assert.IsType<Confirmation>(Assert.Single(edited.Replies)).Text, StringComparison.Ordinal);

        await bed.Concerns.ReviewAsync(Fiona, Home, "review-2", None);

        // The owners are sent both again: the words as given, and what became of each answer; never words Sam did not flag.
        var toMaria = (OwnerConcerns)Assert.Single(bed.Store.Outbox.Skip(before), m => m.Message is OwnerConcerns && m.Destination.User!.Id == Maria.User.Id).Message;
        var text = PlainTextRenderer.Render(toMaria).ReplaceLineEndings("\n");
        Assert.Contains("    \"It adds twenty minutes a case.\" — Frontline worker (sam), who has since changed this answer · edited\n", text, StringComparison.Ordinal);
        Assert.Contains("    \"No\" — Frontline worker (sam), who has since changed this answer to \u201CYes\u201D · edited\n", text, StringComparison.Ordinal);
        Assert.Contains("    \"No\" — Frontline worker (lee), who has since changed this answer to \u201CYes\u201D · edited\n", text, StringComparison.Ordinal);
        Assert.Contains("Since you were last sent this concern, 2 people changed their answers (marked edited).", text, StringComparison.Ordinal);
        Assert.DoesNotContain("second thoughts", text, StringComparison.Ordinal);

        // Said again, the answer stands for the words once more; the next review leaves what is unchanged alone.
        var again = await bed.Answering.AnswerAsync(Sam, d, "override", AnswerValue.FromChoices("no"), flagConcern: false, "sam-no", None);
        Assert.Null(again.Notice);
        var beforeAgain = bed.Store.Outbox.Count;
        await bed.Concerns.ReviewAsync(Fiona, Home, "review-3", None);
        var told = (OwnerConcerns)Assert.Single(bed.Store.Outbox.Skip(beforeAgain), m => m.Message is OwnerConcerns && m.Destination.User!.Id == Maria.User.Id).Message;
        Assert.Equal(["Since you were last sent this concern, 1 person changed their answer (marked edited)."], Assert.Single(told.Concerns).Notes);
        var rule = (await bed.Store.ListConcernsAsync(Workspace, d, None)).Single(c => c.Number == 2);
        Assert.Equal(["user:U0LEE who has since changed this answer to \u201CYes\u201D", "user:U0SAM "], rule.Voices.Select(v => $"{v.RaiserKey} {v.Since?.Clause}").Order());
        var fourth = await bed.Concerns.ReviewAsync(Fiona, Home, "review-4", None);
        Assert.Equal("The owners have already heard of every concern as it stands; nothing was sent again.", Assert.IsType<Confirmation>(fourth.Replies[1]).Text);
    }

    /// <summary>Sam and Lee each flag an answer by name; the facilitator's review numbers them as two concerns.</summary>
    private async Task<(Concern Sams, Concern Lees)> SamsAndLeesConcernsAsync()
    {
        var d = await FlaggedAsync("It adds twenty minutes a case.");
        await _bed.Answering.JoinAsync(Lee, d, StakeholderGroup.Community, anonymous: false, "join-lee", None);
        await _bed.Answering.AnswerAsync(Lee, d, "impact", AnswerValue.FromText("Nobody timed the new fields."), flagConcern: true, "answer-lee", None);
        await Concerns.ReviewAsync(Fiona, Home, "review", None);
        var concerns = await _bed.Store.ListConcernsAsync(Workspace, d, None);
        return (concerns.Single(c => c.Raisers.Contains("user:" + Sam.User.Id)), concerns.Single(c => c.Raisers.Contains("user:" + Lee.User.Id)));
    }

    [Fact]
    public async Task Whoever_raised_a_concern_merged_into_one_the_owners_answered_is_sent_the_response()
    {
        var (sams, lees) = await SamsAndLeesConcernsAsync();
        await Concerns.ActAsync(Maria, sams.Id, ConcernAction.MarkAddressed, "We drop two of the fields.", "addressed", None);
        var before = _bed.Store.Outbox.Count;

        var merged = await Concerns.MergeAsync(Fiona, Home, sams.Number, lees.Number, "merge", None);

        Assert.EndsWith($"Whoever raised #{lees.Number} is asked whether the owners' response to #{sams.Number} settles it for them too.", Assert.IsType<Confirmation>(Assert.Single(merged.Replies)).Text, StringComparison.Ordinal);
        var toLee = (ConcernResponseNotice)Assert.Single(_bed.Store.Outbox.Skip(before)).Message;
        Assert.Equal(("We drop two of the fields.", sams.Number), (toLee.Concern.Response, toLee.Concern.Number));
        Assert.Equal(Lee.User.Id, _bed.Store.Outbox[^1].Destination.User!.Id);
        Assert.Contains(toLee.Concern.Voices, v => v.Text == "Nobody timed the new fields.");
        Assert.Equal([ConcernAction.Accept, ConcernAction.Reopen], toLee.Concern.Actions);
        // Lee knew his concern by its own number: he reads that it was merged, and into which.
        Assert.Equal(
            $"The facilitator of P merged the concern you raised, #{lees.Number}, into concern #{sams.Number} as saying the same thing; your words are kept in it, and the owners have responded to it.",
            toLee.Lead("P", t => t));
        Assert.Equal("Accept the response, or reopen the concern if it is not settled for you.", toLee.NextStep);
    }

    [Fact]
    public async Task Whoever_raised_a_concern_merged_into_one_not_yet_answered_is_told_where_their_words_now_are()
    {
        var (sams, lees) = await SamsAndLeesConcernsAsync();
        var before = _bed.Store.Outbox.Count;

        var merged = await Concerns.MergeAsync(Fiona, Home, sams.Number, lees.Number, "merge", None);

        Assert.EndsWith($"Whoever raised #{lees.Number} is told so.", Assert.IsType<Confirmation>(Assert.Single(merged.Replies)).Text, StringComparison.Ordinal);
        var toLee = (ConcernResponseNotice)Assert.Single(_bed.Store.Outbox.Skip(before)).Message;
        Assert.Equal(Lee.User.Id, _bed.Store.Outbox[^1].Destination.User!.Id);
        Assert.Equal(
            $"The facilitator of P merged the concern you raised, #{lees.Number}, into concern #{sams.Number} as saying the same thing; your words are kept in it.",
            toLee.Lead("P", t => t));
        Assert.Equal("It stays open: when the owners mark it addressed, or say they won't address it, you'll be asked whether that settles it.", toLee.NextStep);
        Assert.Empty(toLee.Concern.Actions);
    }

    [Fact]
    public async Task A_press_refused_because_the_concern_moved_on_draws_the_persons_notice_as_it_stands_and_no_other()
    {
        var (_, concern) = await AddressedForTwoAsync();
        var own = new ConcernMessageShown.ToRaisers(InConversation: false);
        var conversation = new ConcernMessageShown.ToRaisers(InConversation: true);

        // Words sent with Accept are refused for what came with them: the notice stays as it is, words in its box.
        Assert.Null(await Concerns.AsItStandsAfterRefusalAsync(Sam, concern, own, ConcernAction.Accept, None));

        // Lee reopens it; Sam's notice, which still offers Accept, is refused and drawn as the concern now stands.
        await Concerns.ActAsync(Lee, concern, ConcernAction.Reopen, "Nobody timed them.", "lee-reopens", None);
        Assert.IsType<ErrorMessage>(Assert.Single((await Concerns.ActAsync(Sam, concern, ConcernAction.Accept, null, "sam-accepts", None)).Replies));
        var drawn = Assert.IsType<ConcernResponseNotice>(await Concerns.AsItStandsAfterRefusalAsync(Sam, concern, own, ConcernAction.Accept, None));
        Assert.Equal((ConcernStatus.Open, null), (drawn.Concern.Status, drawn.After));
        Assert.Equal([ConcernAction.Reopen], drawn.Concern.Actions); // his reasons, too, as the notice that it was reopened offers
        Assert.Equal(
            "The concern you raised on P is open again: it was reopened by someone who raised it anonymously, as the owners' response did not settle it for them.",
            drawn.Lead("P", t => t));

        // Once he gave his reasons too, his older notice is drawn as one he reopened.
        await Concerns.ActAsync(Sam, concern, ConcernAction.Reopen, "Still twenty minutes.", "sam-reopens", None);
        var his = Assert.IsType<ConcernResponseNotice>(await Concerns.AsItStandsAfterRefusalAsync(Sam, concern, own, ConcernAction.Accept, None));
        Assert.Equal((ConcernAction.Reopen, null), (his.After, his.ReopenedBy));
        Assert.Empty(his.Concern.Actions); // his reasons are given
        Assert.StartsWith("You reopened the concern", his.NextStep, StringComparison.Ordinal);

        // The conversation's notice, on which anyone may press and be refused, is left as it is.
        Assert.Null(await Concerns.AsItStandsAfterRefusalAsync(Fiona, concern, conversation, ConcernAction.Accept, None));
    }

    [Fact]
    public async Task After_a_raiser_accepts_or_reopens_their_notice_says_where_the_raisers_answer_stands()
    {
        var (_, concern) = await AddressedForTwoAsync();
        var toSam = new ConcernMessageShown.ToRaisers(InConversation: false);
        var inConversation = new ConcernMessageShown.ToRaisers(InConversation: true);

        await Concerns.ActAsync(Sam, concern, ConcernAction.Accept, null, "sam-accepts", None);
        string ToMaria() => Assert.Single(((OwnerConcerns)_bed.Store.Outbox.Last(m => m.Message is OwnerConcerns && m.Destination.User!.Id == Maria.User.Id).Message).Concerns).Happened!;
        Assert.Equal("1 of the 2 people who raised it accepted your response; the concern is settled once all of them have.", ToMaria());
        var samsNotice = Assert.IsType<ConcernResponseNotice>(await Concerns.AsItStandsAsync(Sam, concern, toSam, ConcernAction.Accept, None));
        Assert.Equal("You accepted the response. The concern is settled once everyone who raised it has accepted; you can still reopen it.", samsNotice.NextStep);
        Assert.Equal([ConcernAction.Reopen], samsNotice.Concern.Actions);
        var shared = Assert.IsType<ConcernResponseNotice>(await Concerns.AsItStandsAsync(Sam, concern, inConversation, ConcernAction.Accept, None));
        Assert.Equal(
            "1 of the 2 people who raised it accepted the response; the concern is settled once all of them have. Only they can accept it or reopen the concern.",
            shared.NextStep);
        Assert.Equal([ConcernAction.Accept, ConcernAction.Reopen], shared.Concern.Actions); // the same for everyone who reads it

        await Concerns.ActAsync(Lee, concern, ConcernAction.Accept, null, "lee-accepts", None);
        var settled = Assert.IsType<ConcernResponseNotice>(await Concerns.AsItStandsAsync(Lee, concern, inConversation, ConcernAction.Accept, None));
        Assert.Equal("Everyone who raised it accepted the response, so the concern is settled. Any of them can still reopen it.", settled.NextStep);
        Assert.Equal([ConcernAction.Reopen], settled.Concern.Actions);
        Assert.Equal(ConcernStatus.Resolved, settled.Concern.Status);
        Assert.Equal("Everyone who raised it accepted your response: the concern is settled.", ToMaria());

        await Concerns.ActAsync(Lee, concern, ConcernAction.Reopen, "  Nobody timed the fields at night.  ", "lee-reopens", None);
        var reopened = Assert.IsType<ConcernResponseNotice>(await Concerns.AsItStandsAsync(Lee, concern, inConversation, ConcernAction.Reopen, None));
        Assert.StartsWith(
            "One of the people who raised it reopened the concern, and the owners have been told. Anyone else who raised it can still press Reopen to tell them why it does not settle it for them.",
            reopened.NextStep, StringComparison.Ordinal);
        Assert.Equal([ConcernAction.Reopen], reopened.Concern.Actions); // the conversation's notice is everyone's: the others may still give their reasons
        Assert.Equal("One of the people who raised it reopened it: your response did not settle it for them.", ToMaria()); // Lee raised it anonymously

        // Lee's words on reopening join the concern's, anonymous as Lee answered, and are what is new to the owners.
        var why = (await _bed.Store.FindConcernAsync(Workspace, concern, None))!.Voices[^1];
        Assert.Equal(("Nobody timed the fields at night.", true, null), (why.Text, why.Reopening, why.Name));
        Assert.Equal("Community member or advocate (anonymous), on reopening it", ConcernView.Attribution(why));
        var told = Assert.Single(((OwnerConcerns)_bed.Store.Outbox.Last(m => m.Message is OwnerConcerns && m.Destination.User!.Id == Maria.User.Id).Message).Concerns);
        Assert.Equal([null, null, "new"], told.Voices.Select(told.ChangeOf));
        Assert.StartsWith("You reopened the concern", Assert.IsType<ConcernResponseNotice>(await Concerns.AsItStandsAsync(Sam, concern, toSam, ConcernAction.Reopen, None)).NextStep, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Once_one_person_reopened_it_another_who_raised_it_can_still_tell_the_owners_why_in_their_words_but_not_accept_a_response_no_longer_standing()
    {
        var (_, concern) = await AddressedForTwoAsync();
        await Concerns.ActAsync(Lee, concern, ConcernAction.Reopen, "Nobody timed the fields at night.", "lee-reopens", None);
        var before = _bed.Store.Commits.Count;

        // Sam's notice still offers Accept and Reopen: Accept is refused with what happened.
        var accept = await Concerns.ActAsync(Sam, concern, ConcernAction.Accept, null, "sam-accepts", None);
        Assert.Equal(
            "Concern #1 was reopened by someone who raised it anonymously, so there is no response to accept now: the owners have been told and will respond again, and you will be sent their response. Nothing changed.",
            Assert.IsType<ErrorMessage>(Assert.Single(accept.Replies)).Text);
        var own = await Concerns.ActAsync(Lee, concern, ConcernAction.Accept, null, "lee-accepts", None); // Lee's older notice
        Assert.StartsWith("You reopened concern #1, so there is no response to accept now:", Assert.IsType<ErrorMessage>(Assert.Single(own.Replies)).Text, StringComparison.Ordinal);

        // Reopen opens the form for Sam's words; without words there is nothing to add.
        var (form, refusal) = await Concerns.ForWordsAsync(Sam, concern, ConcernAction.Reopen, None);
        Assert.Null(refusal);
        Assert.Equal("Someone who raised it has reopened it already, so your words are what you add. The owners will read it with the concern, in your words, attributed “Frontline worker (sam), on reopening it”. Others in the conversation can read it too, with your group but not your name.", form!.Hint);
        var empty = await Concerns.ActAsync(Sam, concern, ConcernAction.Reopen, " ", "sam-reopens-empty", None);
        Assert.StartsWith("Concern #1 is already reopened, and the owners have been told.", Assert.IsType<ErrorMessage>(Assert.Single(empty.Replies)).Text, StringComparison.Ordinal);
        Assert.Equal(before, _bed.Store.Commits.Count);

        await Concerns.ActAsync(Sam, concern, ConcernAction.Reopen, "The pilot starts before anyone on nights is asked.", "sam-reopens", None);

        var now = (await _bed.Store.FindConcernAsync(Workspace, concern, None))!;
        Assert.Equal((ConcernStatus.Open, "We drop two of the fields."), (now.Status, now.Response));
        Assert.Equal(
            [("Nobody timed the fields at night.", (string?)null), ("The pilot starts before anyone on nights is asked.", "sam")],
            now.Voices.Where(v => v.Reopening).Select(v => (v.Text, v.Name)));
        var told = Assert.Single(((OwnerConcerns)_bed.Store.Outbox.Last(m => m.Message is OwnerConcerns && m.Destination.User!.Id == Maria.User.Id).Message).Concerns);
        Assert.Equal("sam reopened it: your response did not settle it for them.", told.Happened);
        Assert.Equal("new", told.ChangeOf(told.Voices[^1]));
        var samsNotice = Assert.IsType<ConcernResponseNotice>(await Concerns.AsItStandsAsync(Sam, concern, new ConcernMessageShown.ToRaisers(InConversation: false), ConcernAction.Reopen, None));
        Assert.Empty(samsNotice.Concern.Actions);
        var byName = await Concerns.ActAsync(Lee, concern, ConcernAction.Accept, null, "lee-accepts-again", None);
        Assert.StartsWith("Concern #1 was reopened by sam, who raised it too, so", Assert.IsType<ErrorMessage>(Assert.Single(byName.Replies)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_form_for_words_on_reopening_tells_each_person_how_the_owners_will_read_them()
    {
        var (d, concern) = await AddressedForTwoAsync();
        async Task<string?> HintFor(Actor who) => (await Concerns.ForWordsAsync(who, concern, ConcernAction.Reopen, None)).Form!.Hint;

        Assert.Equal(
            "Optional. The owners will read it with the concern, in your words, attributed “Frontline worker (sam), on reopening it”. " +
            "Others in the conversation can read it too, with your group but not your name.",
            await HintFor(Sam));
        Assert.Equal(
            "Optional. The owners will read it with the concern, in your words, attributed “Community member or advocate (anonymous), on reopening it”. " +
            "Your stakeholder group has fewer than 3 people in this deliberation, so people who know the group may be able to tell who wrote this.",
            await HintFor(Lee));

        // Once the group is large enough to hide in, the warning goes.
        for (var i = 0; i < 2; i++)
        {
            await _bed.Answering.JoinAsync(new Actor("slack", Workspace, new UserRef($"U0C{i}", $"c{i}")), d, StakeholderGroup.Community, anonymous: true, $"join-c{i}", None);
        }

        Assert.Equal("Optional. The owners will read it with the concern, in your words, attributed “Community member or advocate (anonymous), on reopening it”.", await HintFor(Lee));
    }

    [Fact]
    public async Task The_notice_posted_in_the_conversation_carries_every_persons_words_and_no_name()
    {
        var (_, concern) = await AddressedForTwoAsync();
        var toSam = (ConcernResponseNotice)_bed.Store.Outbox.Last(m => m.Message is ConcernResponseNotice && m.Destination.User?.Id == Sam.User.Id).Message;
        var posted = (ConcernResponseNotice)_bed.Store.Outbox.Last(m => m.Message is ConcernResponseNotice && m.Destination.User is null).Message;

        // Sam's words went to the owners with his name; everyone in the conversation reads them with his group alone.
        Assert.Equal([null, "sam"], toSam.Concern.Voices.Select(v => v.Name));
        var text = PlainTextRenderer.Render(posted);
        Assert.Contains("\"Nobody timed the new fields.\" — Community member or advocate (anonymous)\n", text, StringComparison.Ordinal);
        Assert.Contains("\"It adds twenty minutes a case.\" — Frontline worker\n", text, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(?i)\bsam\b", text);

        // Sam reopens it from his own notice: the conversation is told it is open again, by no name.
        await Concerns.ActAsync(Sam, concern, ConcernAction.Reopen, "The pilot starts before anyone on nights is asked.", "sam-reopens", None);
        var reopened = (ConcernResponseNotice)_bed.Store.Outbox.Last(m => m.Message is ConcernResponseNotice && m.Destination.User is null).Message;
        Assert.NotSame(posted, reopened);
        Assert.Equal("one of the people who raised it", reopened.ReopenedBy);
        var reopenedText = PlainTextRenderer.Render(reopened);
        Assert.Contains("\"The pilot starts before anyone on nights is asked.\" — Frontline worker, on reopening it\n", reopenedText, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(?i)\bsam\b", reopenedText);

        // The form Lee opens from it to add their reasons shows the concern as the notice does; an owner's form, with names.
        var (leesForm, _) = await Concerns.ForWordsAsync(Lee, concern, ConcernAction.Reopen, None);
        Assert.All(leesForm!.Concern.Voices, v => Assert.Null(v.Name));
        Assert.Equal(3, leesForm.Concern.Voices.Count);
        var (mariasForm, _) = await Concerns.ForWordsAsync(Maria, concern, ConcernAction.Respond, None);
        Assert.Equal(2, mariasForm!.Concern.Voices.Count(v => v.Name == "sam"));

        // Drawn again after Lee adds their reasons on it: still no name.
        await Concerns.ActAsync(Lee, concern, ConcernAction.Reopen, "Nights were never asked.", "lee-reopens", None);
        var redrawn = Assert.IsType<ConcernResponseNotice>(
            await Concerns.AsItStandsAsync(Lee, concern, new ConcernMessageShown.ToRaisers(InConversation: true), ConcernAction.Reopen, None));
        Assert.Equal(4, redrawn.Concern.Voices.Count);
        Assert.DoesNotMatch(@"(?i)\bsam\b", PlainTextRenderer.Render(redrawn));
        Assert.Contains("so will everyone here", ConcernResponseNotice.ReopenWordsHint(inConversation: true), StringComparison.Ordinal);

        // The name is left out as the voice is read, and so it travels (queued in the outbox); a kept voice never carries it.
        var web = new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web);
        Assert.Contains("\"nameWithheld\":true", System.Text.Json.JsonSerializer.Serialize(redrawn.Concern.Voices[1], web), StringComparison.Ordinal);
        var kept = (await _bed.Store.FindConcernAsync(Workspace, concern, None))!.Voices;
        Assert.All(kept, v => Assert.DoesNotContain("nameWithheld", System.Text.Json.JsonSerializer.Serialize(v, web), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Told_in_the_conversation_that_their_concern_was_merged_into_a_named_persons_they_read_its_words_but_not_the_name()
    {
        var d = await FlaggedAsync("It adds twenty minutes a case.");
        await _bed.Answering.JoinAsync(Lee, d, StakeholderGroup.Community, anonymous: true, "join-lee", None);
        await _bed.Answering.AnswerAsync(Lee, d, "impact", AnswerValue.FromText("Nobody timed the new fields."), flagConcern: true, "answer-lee", None);
        await Concerns.ReviewAsync(Fiona, Home, "review", None);
        var concerns = await _bed.Store.ListConcernsAsync(Workspace, d, None);
        var (sams, lees) = (concerns.Single(c => c.Raisers.Contains("user:" + Sam.User.Id)).Number, concerns.Single(c => !c.Raisers.Contains("user:" + Sam.User.Id)).Number);
        var before = _bed.Store.Outbox.Count;

        await Concerns.MergeAsync(Fiona, Home, sams, lees, "merge", None);

        var posted = (ConcernResponseNotice)Assert.Single(_bed.Store.Outbox.Skip(before), m => m.Message is ConcernResponseNotice).Message;
        Assert.Equal((true, lees), (posted.InConversation, posted.MergedFrom));
        var text = PlainTextRenderer.Render(posted);
        Assert.Contains("\"It adds twenty minutes a case.\" — Frontline worker\n", text, StringComparison.Ordinal);
        Assert.Contains("\"Nobody timed the new fields.\" — Community member or advocate (anonymous)\n", text, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(?i)\bsam\b", text);
    }

    /// <summary>
    /// Sam flags by name, Lee anonymously (the only community member); the facilitator merges the two, so the concern
    /// has two raisers, and Maria marks it addressed. The deliberation and the concern.
    /// </summary>
    private async Task<(Guid Deliberation, Guid Concern)> AddressedForTwoAsync()
    {
        var d = await FlaggedAsync("It adds twenty minutes a case.");
        await _bed.Answering.JoinAsync(Lee, d, StakeholderGroup.Community, anonymous: true, "join-lee", None);
        await _bed.Answering.AnswerAsync(Lee, d, "impact", AnswerValue.FromText("Nobody timed the new fields."), flagConcern: true, "answer-lee", None);
        await Concerns.ReviewAsync(Fiona, Home, "review", None);
        await Concerns.MergeAsync(Fiona, Home, 1, 2, "merge", None);
        var concern = (await _bed.Store.ListConcernsAsync(Workspace, d, None)).Single(c => c.Number == 1).Id;
        await Concerns.ActAsync(Maria, concern, ConcernAction.MarkAddressed, "We drop two of the fields.", "addressed", None);
        return (d, concern);
    }

    /// <summary>Sam answers by name and flags the answer.</summary>
    private async Task<Guid> FlaggedAsync(string words)
    {
        var d = await _bed.StartAsync();
        await _bed.Answering.JoinAsync(Sam, d, StakeholderGroup.FrontlineWorker, anonymous: false, "join", None);
        await _bed.Answering.AnswerAsync(Sam, d, "impact", AnswerValue.FromText(words), flagConcern: true, "answer", None);
        return d;
    }

    /// <summary>A flagged answer the owners have heard of: the concern's id.</summary>
    private async Task<Guid> RaisedAsync()
    {
        var d = await FlaggedAsync("It adds twenty minutes a case.");
        await Concerns.ReviewAsync(Fiona, Home, "review", None);
        return Assert.Single(await _bed.Store.ListConcernsAsync(Workspace, d, None)).Id;
    }
}
