using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Stakeholders;
using DeliberationBot.Core.Tests.Support;
using static DeliberationBot.Core.Tests.Support.ServiceBed;

namespace DeliberationBot.Core.Tests.Deliberations;

public sealed class AnsweringServiceTests
{
    private readonly ServiceBed _bed = new();

    private AnsweringService Answering => _bed.Answering;

    [Fact]
    public async Task Joining_by_name_remembers_the_group_and_asks_the_first_question()
    {
        var d = await _bed.StartAsync();

        var result = await Answering.JoinAsync(Sam, d, StakeholderGroup.FrontlineWorker, anonymous: false, "join", None);

        var prompt = Assert.IsType<QuestionPrompt>(Assert.Single(result.Replies));
        Assert.Equal(("impact", false), (prompt.QuestionId, prompt.Anonymous));
        Assert.Equal(StakeholderGroup.FrontlineWorker, (await _bed.Store.FindProfileAsync(Workspace, Sam.User.Id, None))!.Group);
        Assert.Equal("user:U0SAM", Assert.Single(await _bed.Store.ListParticipantsAsync(Workspace, d, None)).Key);
    }

    [Fact]
    public async Task A_turn_whose_messages_all_went_into_waiting_ones_does_not_wake_the_outbox()
    {
        var d = await _bed.StartAsync();
        await _bed.Signal.WaitAsync(TimeSpan.FromMinutes(1), _bed.Time, None); // the start's card woke it

        Assert.False(_bed.Signal.WakePending);

        _bed.Store.OutboxCommitsAs = CommitOutcome.CommittedIntoWaiting;
        await Answering.JoinAsync(Sam, d, StakeholderGroup.FrontlineWorker, anonymous: false, "join-sam", None);
        Assert.False(_bed.Signal.WakePending, "the card update went into the one waiting: nothing new to send");

        _bed.Store.OutboxCommitsAs = CommitOutcome.Committed;
        await Answering.JoinAsync(Lee, d, StakeholderGroup.LegalPolicy, anonymous: false, "join-lee", None);
        Assert.True(_bed.Signal.WakePending);
    }

    [Fact]
    public async Task An_anonymous_join_keeps_no_name_and_is_not_remembered()
    {
        var d = await _bed.StartAsync();

        await Answering.JoinAsync(Sam, d, StakeholderGroup.FrontlineWorker, anonymous: true, "join", None);

        var participant = Assert.Single(await _bed.Store.ListParticipantsAsync(Workspace, d, None));
        Assert.Equal((true, null, null), (participant.Anonymous, participant.UserId, participant.DisplayName));
        Assert.DoesNotContain("U0SAM", participant.Key, StringComparison.Ordinal);
        Assert.Null(await _bed.Store.FindProfileAsync(Workspace, Sam.User.Id, None));
    }

    [Fact]
    public async Task Joining_anonymously_is_refused_where_answers_are_named()
    {
        var d = await _bed.StartAsync(AnonymityPolicy.Named);
        var before = _bed.Store.Commits.Count;

        var result = await Answering.JoinAsync(Sam, d, StakeholderGroup.FrontlineWorker, anonymous: true, "join", None);

        Assert.Equal("This deliberation asks for named answers, so it can't be answered anonymously.", Assert.IsType<ErrorMessage>(Assert.Single(result.Replies)).Text);
        Assert.Equal(before, _bed.Store.Commits.Count);
    }

    [Fact]
    public async Task A_retried_join_writes_nothing_twice()
    {
        var d = await _bed.StartAsync();
        await Answering.JoinAsync(Sam, d, StakeholderGroup.FrontlineWorker, anonymous: false, "join", None);
        var before = (_bed.Store.Commits.Count, _bed.Store.Outbox.Count);

        var again = await Answering.JoinAsync(Sam, d, StakeholderGroup.FrontlineWorker, anonymous: false, "join", None);

        Assert.True(again.Duplicate);
        Assert.Equal(before, (_bed.Store.Commits.Count, _bed.Store.Outbox.Count));
    }

    [Fact]
    public async Task A_retried_turn_writes_nothing_twice()
    {
        var d = await JoinedAsync(Sam);
        var first = await Answering.AnswerAsync(Sam, d, "impact", AnswerValue.FromText("More typing."), flagConcern: true, "answer-1", None);
        var before = (_bed.Store.Commits.Count, _bed.Store.Outbox.Count, (await _bed.Store.ListEventsAsync(Workspace, d, None)).Count);

        var again = await Answering.AnswerAsync(Sam, d, "impact", AnswerValue.FromText("More typing."), flagConcern: true, "answer-1", None);

        Assert.False(first.Duplicate);
        Assert.True(again.Duplicate);
        Assert.Empty(again.Replies);
        Assert.Equal(before, (_bed.Store.Commits.Count, _bed.Store.Outbox.Count, (await _bed.Store.ListEventsAsync(Workspace, d, None)).Count));
        Assert.Equal(1, Assert.Single(await _bed.Store.ListAnswersAsync(Workspace, d, None)).Revision);
    }

    [Fact]
    public async Task A_typed_answer_asks_once_whether_it_was_delivered_before()
    {
        var d = await JoinedAsync(Sam);
        var checks = _bed.Store.DeliveryChecks;

        await Answering.AnswerTextAsync(Sam, d, "concern: It adds twenty minutes a case.", "typed", None);

        Assert.Equal(checks + 1, _bed.Store.DeliveryChecks);
        var answer = Assert.Single(await _bed.Store.ListAnswersAsync(Workspace, d, None));
        Assert.Equal((AnswerValue.FromText("It adds twenty minutes a case."), true), (answer.Value, answer.FlaggedConcern));
    }

    [Fact]
    public async Task A_reply_after_every_question_is_answered_says_it_is_not_recorded_and_how_to_add_it()
    {
        var d = await JoinedAsync(Sam);
        foreach (var (reply, key) in new[] { ("More typing.", "msg-1"), ("15", "msg-2"), ("no", "msg-3") })
        {
            await Answering.AnswerTextAsync(Sam, d, reply, key, None);
        }

        var before = _bed.Store.Commits.Count;
        var result = await Answering.AnswerTextAsync(Sam, d, "One more thing: the contract bans audits.", "msg-4", None);

        var review = Assert.IsType<AnswersReview>(Assert.Single(result.Replies));
        Assert.Equal(AnsweringService.AllAnswered, review.Notice);
        Assert.Equal(before, _bed.Store.Commits.Count);
    }

    [Fact]
    public async Task The_review_of_a_persons_answers_says_which_they_flagged_and_reads_a_rating_with_its_scale()
    {
        const string yaml = FlowYamlWithRating;
        var bed = new ServiceBed(yaml);
        var d = await bed.StartAsync();
        await bed.Answering.JoinAsync(Sam, d, StakeholderGroup.FrontlineWorker, anonymous: false, "join", None);
        await bed.Answering.AnswerAsync(Sam, d, "impact", AnswerValue.FromText("More typing."), flagConcern: true, "a1", None);
        await bed.Answering.AnswerAsync(Sam, d, "minutes", AnswerValue.FromNumber(15), flagConcern: false, "a2", None);
        await bed.Answering.AnswerAsync(Sam, d, "workers-only", AnswerValue.FromChoices("no"), flagConcern: false, "a3", None);

        var done = await bed.Answering.AnswerAsync(Sam, d, "vendor-open", AnswerValue.FromNumber(2), flagConcern: true, "a4", None);

        // Flagged answers, the one just flagged and the one before, are said to be in the person's review.
        var review = Assert.IsType<AnswersReview>(Assert.Single(done.Replies));
        Assert.Equal(
            [("impact", true), ("minutes", false), ("workers-only", false), ("vendor-open", true)],
            review.Answers.Select(a => (a.QuestionId, a.Flagged)));
        Assert.Equal(("How open has the vendor been? (1 = Not open at all, 5 = Very open)", "2"), (review.Answers[3].Text, review.Answers[3].Answer));

        // Unflagged by changing the answer, the review says so; and the review shown again later reads the same.
        var changed = await bed.Answering.AnswerAsync(Sam, d, "impact", AnswerValue.FromText("More typing."), flagConcern: false, "a5", None);
        Assert.False(Assert.IsType<AnswersReview>(Assert.Single(changed.Replies)).Answers[0].Flagged);
        var again = Assert.IsType<AnswersReview>(Assert.Single((await bed.Answering.OpenAsync(Sam, d, None)).Replies));
        Assert.Equal([false, false, false, true], again.Answers.Select(a => a.Flagged));
    }

    [Fact]
    public async Task A_skipped_question_is_counted_as_skipped_not_as_answered()
    {
        var d = await JoinedAsync(Sam);
        await Answering.AnswerAsync(Sam, d, "impact", AnswerValue.FromText("More typing."), flagConcern: false, "a1", None);

        var next = Assert.IsType<QuestionPrompt>(Assert.Single((await Answering.AnswerAsync(Sam, d, "minutes", AnswerValue.Skip(), flagConcern: false, "a2", None)).Replies));

        Assert.Equal(("1 answered · 1 skipped · 1 left", "1 question left"), (PlainTextRenderer.Progress(next), PlainTextRenderer.FormTitle(next)));
        var changing = Assert.IsType<QuestionPrompt>(Assert.Single((await Answering.ShowQuestionAsync(Sam, d, "impact", None)).Replies));
        Assert.Equal("Changing an answer · 1 answered · 1 skipped · 1 left", PlainTextRenderer.Progress(changing));
    }

    [Fact]
    public async Task A_first_skip_leaves_the_deliberations_card_as_it_is_and_a_skip_that_takes_an_answer_back_redraws_it()
    {
        var d = await JoinedAsync(Sam);
        await Answering.AnswerAsync(Sam, d, "impact", AnswerValue.FromText("More typing."), flagConcern: false, "a1", None);
        bool CardRedrawnBy(string key) => _bed.Store.Commits.Single(c => c.DeliveryKey == key).Outbox.Any(m => m.Message is DeliberationCard);

        await Answering.AnswerAsync(Sam, d, "minutes", AnswerValue.Skip(), flagConcern: false, "skip", None);
        await Answering.AnswerAsync(Sam, d, "minutes", AnswerValue.FromNumber(3), flagConcern: false, "answer", None);
        await Answering.AnswerAsync(Sam, d, "minutes", AnswerValue.Skip(), flagConcern: false, "skip-again", None);

        // The card counts answers given, not skips: only the answer and its withdrawal change what it shows.
        Assert.Equal([true, false, true, true], new[] { "a1", "skip", "answer", "skip-again" }.Select(CardRedrawnBy));
    }

    [Fact]
    public async Task A_form_to_change_an_answer_says_so_and_does_not_count_it_among_those_left()
    {
        var d = await JoinedAsync(Sam);
        await Answering.AnswerAsync(Sam, d, "impact", AnswerValue.FromText("More typing."), flagConcern: false, "a1", None);

        async Task<QuestionPrompt> ShownAsync(string question) => Assert.IsType<QuestionPrompt>(Assert.Single((await Answering.ShowQuestionAsync(Sam, d, question, None)).Replies));

        // Partway: one answered, two still to come.
        var early = await ShownAsync("impact");
        Assert.Equal(("Changing an answer · 1 answered · 2 left", "Change your answer"), (PlainTextRenderer.Progress(early), PlainTextRenderer.FormTitle(early)));
        var next = Assert.IsType<QuestionPrompt>(Assert.Single((await Answering.OpenAsync(Sam, d, None)).Replies));
        Assert.Equal(("1 answered · 2 left", "2 questions left"), (PlainTextRenderer.Progress(next), PlainTextRenderer.FormTitle(next)));

        // Everything answered: nothing is left, though one answer is being changed.
        await Answering.AnswerAsync(Sam, d, "minutes", AnswerValue.FromNumber(3), flagConcern: false, "a2", None);
        await Answering.AnswerAsync(Sam, d, "workers-only", AnswerValue.FromChoices("yes"), flagConcern: false, "a3", None);
        var done = await ShownAsync("minutes");
        Assert.Equal(("Changing an answer · 3 answered", "Change your answer"), (PlainTextRenderer.Progress(done), PlainTextRenderer.FormTitle(done)));
    }

    [Fact]
    public async Task A_typed_reply_that_is_no_answer_says_what_to_type_and_writes_only_its_refusal()
    {
        var d = await JoinedAsync(Sam);
        await Answering.AnswerAsync(Sam, d, "impact", AnswerValue.FromText("More typing."), flagConcern: false, "answer-1", None);
        var before = _bed.Store.Commits.Count;

        var result = await Answering.AnswerTextAsync(Sam, d, "no idea yet", "typed", None);

        var error = Assert.IsType<ErrorMessage>(Assert.Single(result.Replies));
        Assert.Equal(("Please answer with a number of 0 or more, for example 15.", null, "Minutes added per case?"), (error.Text, error.Usage, error.Question));
        // Only the mark that the message was refused for this question, so that editing it can correct it.
        var mark = Assert.Single(_bed.Store.Commits.Skip(before));
        Assert.Equal(RefusedAnswers.Mark("minutes", "typed"), mark.DeliveryKey);
        Assert.Equal((null, 0, 0, 0), (mark.Answer, mark.Participants.Count, mark.Events.Count, mark.Outbox.Count));
        Assert.DoesNotContain(await _bed.Store.ListAnswersAsync(Workspace, d, None), a => a.QuestionId == "minutes");
    }

    [Fact]
    public async Task An_answer_the_question_refuses_says_why_and_writes_nothing()
    {
        var d = await JoinedAsync(Sam);
        var before = _bed.Store.Commits.Count;

        var negative = await Answering.AnswerAsync(Sam, d, "minutes", AnswerValue.FromNumber(-3), flagConcern: false, "answer-1", None);
        var skipped = await Answering.AnswerAsync(Sam, d, "impact", AnswerValue.Skip(), flagConcern: false, "answer-2", None);

        Assert.Equal("Please answer with a number of 0 or more, for example 15.", Assert.IsType<ErrorMessage>(Assert.Single(negative.Replies)).Text);
        Assert.IsType<ErrorMessage>(Assert.Single(skipped.Replies));
        Assert.Equal(before, _bed.Store.Commits.Count);
    }

    [Fact]
    public async Task A_question_not_asked_of_the_persons_group_is_refused()
    {
        var d = await JoinedAsync(Lee, StakeholderGroup.LegalPolicy);

        var result = await Answering.AnswerAsync(Lee, d, "workers-only", AnswerValue.FromChoices("yes"), flagConcern: false, "answer-1", None);

        Assert.Equal("That question isn't part of this deliberation for your stakeholder group.", Assert.IsType<ErrorMessage>(Assert.Single(result.Replies)).Text);
        Assert.Empty(await _bed.Store.ListAnswersAsync(Workspace, d, None));
    }

    [Fact]
    public async Task Someone_who_has_not_joined_is_asked_for_their_group_first()
    {
        var d = await _bed.StartAsync();

        var result = await Answering.AnswerAsync(Sam, d, "impact", AnswerValue.FromText("More typing."), flagConcern: false, "answer-1", None);

        Assert.Equal(d, Assert.IsType<GroupPrompt>(Assert.Single(result.Replies)).DeliberationId);
        Assert.Empty(await _bed.Store.ListAnswersAsync(Workspace, d, None));
    }

    [Fact]
    public async Task A_closed_deliberation_takes_no_answers_and_no_one_new()
    {
        var d = await JoinedAsync(Sam);
        await _bed.Deliberations.CloseAsync(Fiona, Home, "close", None);

        var answer = await Answering.AnswerAsync(Sam, d, "impact", AnswerValue.FromText("Late."), flagConcern: false, "answer-1", None);
        var join = await Answering.JoinAsync(Lee, d, StakeholderGroup.LegalPolicy, anonymous: false, "join-lee", None);

        Assert.All([answer, join], r => Assert.Equal("\"Predictive screening\" is closed, so it no longer takes answers.", Assert.IsType<ErrorMessage>(Assert.Single(r.Replies)).Text));
        Assert.Empty(await _bed.Store.ListAnswersAsync(Workspace, d, None));
    }

    [Fact]
    public async Task Once_closed_a_form_to_change_an_earlier_answer_is_not_opened_only_to_be_refused_when_sent()
    {
        var d = await JoinedAsync(Sam);
        await Answering.AnswerAsync(Sam, d, "impact", AnswerValue.FromText("More typing."), flagConcern: false, "a1", None);
        await _bed.Deliberations.CloseAsync(Fiona, Home, "close", None);

        var shown = await Answering.ShowQuestionAsync(Sam, d, "impact", None);

        Assert.Equal("\"Predictive screening\" is closed, so answers can no longer be changed.", Assert.IsType<ErrorMessage>(Assert.Single(shown.Replies)).Text);
    }

    [Fact]
    public async Task An_unknown_deliberation_is_not_found()
    {
        var result = await Answering.JoinAsync(Sam, Guid.NewGuid(), StakeholderGroup.FrontlineWorker, anonymous: false, "join", None);

        Assert.Equal(TurnSupport.NotFound, Assert.IsType<ErrorMessage>(Assert.Single(result.Replies)).Text);
    }

    [Fact]
    public async Task Flagging_needs_an_answer_to_flag()
    {
        var d = await JoinedAsync(Sam);

        var result = await Answering.FlagConcernAsync(Sam, d, "impact", flagged: true, "flag", None);

        Assert.Equal("Answer the question first; then you can flag your answer as a concern.", Assert.IsType<ErrorMessage>(Assert.Single(result.Replies)).Text);
    }

    [Fact]
    public async Task Flagging_an_anonymous_answer_in_a_small_group_shows_what_owners_get_and_warns()
    {
        var d = await _bed.StartAsync();
        await Answering.JoinAsync(Sam, d, StakeholderGroup.FrontlineWorker, anonymous: true, "join", None);
        await Answering.AnswerAsync(Sam, d, "impact", AnswerValue.FromText("It adds twenty minutes a case."), flagConcern: false, "answer-1", None);

        var result = await Answering.FlagConcernAsync(Sam, d, "impact", flagged: true, "flag", None);

        var preview = Assert.IsType<QuestionPrompt>(Assert.Single(result.Replies)).JustFlagged!;
        Assert.Equal(("It adds twenty minutes a case.", true), (preview.Words, preview.SmallGroup));
        Assert.True(Assert.Single(await _bed.Store.ListAnswersAsync(Workspace, d, None)).FlaggedConcern);
    }

    [Fact]
    public async Task Editing_a_typed_reply_changes_the_answer_it_gave_as_often_as_it_is_edited()
    {
        var d = await JoinedAsync(Sam);
        await Answering.AnswerTextAsync(Sam, d, "It adds twnety minutes.", "msg-1", None);
        await Answering.AnswerTextAsync(Sam, d, "15", "msg-2", None);

        var result = await Answering.ReviseTextAsync(Sam, d, "msg-1", "It adds twenty minutes a case.", "edit-1", None);
        await Answering.ReviseTextAsync(Sam, d, "msg-1", "It adds twenty minutes a case, more at night.", "edit-2", None);

        Assert.Equal("Your answer to \"What changes for you?\" now reads as you edited it.", Assert.IsType<Confirmation>(Assert.Single(result.Replies)).Text);
        var answers = await _bed.Store.ListAnswersAsync(Workspace, d, None);
        var impact = Assert.Single(answers, a => a.QuestionId == "impact");
        Assert.Equal((AnswerValue.FromText("It adds twenty minutes a case, more at night."), 3, "msg-1"), (impact.Value, impact.Revision, impact.Source));
        Assert.Equal(AnswerValue.FromNumber(15), Assert.Single(answers, a => a.QuestionId == "minutes").Value);
        Assert.Equal(2, (await _bed.Store.ListEventsAsync(Workspace, d, None)).Count(e => e.Type == EventTypes.Edited));
    }

    [Fact]
    public async Task An_edit_never_withdraws_a_concern_and_an_edit_delivered_twice_counts_once()
    {
        var d = await JoinedAsync(Sam);
        await Answering.AnswerTextAsync(Sam, d, "concern: Nobody asked the night shift.", "msg-1", None);

        await Answering.ReviseTextAsync(Sam, d, "msg-1", "Nobody asked the night shift or the weekend team.", "edit-1", None);
        var again = await Answering.ReviseTextAsync(Sam, d, "msg-1", "Nobody asked the night shift or the weekend team.", "edit-1", None);

        Assert.True(again.Duplicate);
        var answer = Assert.Single(await _bed.Store.ListAnswersAsync(Workspace, d, None));
        Assert.Equal((AnswerValue.FromText("Nobody asked the night shift or the weekend team."), true, 2), (answer.Value, answer.FlaggedConcern, answer.Revision));
    }

    [Fact]
    public async Task An_edit_leaves_an_answer_changed_since_a_closed_deliberation_and_a_wrong_value_as_they_are_and_says_so()
    {
        var d = await JoinedAsync(Sam);
        await Answering.AnswerTextAsync(Sam, d, "More typing.", "msg-1", None);
        await Answering.AnswerTextAsync(Sam, d, "15", "msg-2", None);
        await Answering.AnswerAsync(Sam, d, "impact", AnswerValue.FromText("More typing, and at night."), flagConcern: false, "form-1", None);

        var replaced = await Answering.ReviseTextAsync(Sam, d, "msg-1", "Less typing.", "edit-1", None);
        var wrong = await Answering.ReviseTextAsync(Sam, d, "msg-2", "no idea yet", "edit-2", None);
        await _bed.Deliberations.CloseAsync(Fiona, Home, "close", None);
        var closed = await Answering.ReviseTextAsync(Sam, d, "msg-2", "20", "edit-3", None);

        // One message each, and no "usage": these are no commands to type.
        Assert.Equal(
            new ErrorMessage("Editing that message changes no answer: it gave none, or the answer it gave has been changed since. To change an answer, press Answer on the deliberation's card."),
            Assert.Single(replaced.Replies));
        var refused = Assert.IsType<ErrorMessage>(Assert.Single(wrong.Replies));
        Assert.Null(refused.Usage);
        Assert.EndsWith(" Your answer to \"Minutes added per case?\" stays as it was.", refused.Text, StringComparison.Ordinal);
        Assert.Equal("\"Predictive screening\" is closed, so your answer to \"Minutes added per case?\" stays as it was.", Assert.IsType<ErrorMessage>(Assert.Single(closed.Replies)).Text);
        var answers = await _bed.Store.ListAnswersAsync(Workspace, d, None);
        Assert.Equal(AnswerValue.FromText("More typing, and at night."), Assert.Single(answers, a => a.QuestionId == "impact").Value);
        Assert.Equal(AnswerValue.FromNumber(15), Assert.Single(answers, a => a.QuestionId == "minutes").Value);
    }

    [Fact]
    public async Task Flagging_a_typed_reply_keeps_it_the_replys_answer_so_an_edit_still_changes_it()
    {
        var d = await JoinedAsync(Sam);
        await Answering.AnswerTextAsync(Sam, d, "Nobody asked the night shift.", "msg-1", None);
        await Answering.FlagConcernAsync(Sam, d, "impact", flagged: true, "flag-1", None);

        await Answering.ReviseTextAsync(Sam, d, "msg-1", "Nobody asked the night shift or the weekend team.", "edit-1", None);

        var answer = Assert.Single(await _bed.Store.ListAnswersAsync(Workspace, d, None));
        Assert.Equal((AnswerValue.FromText("Nobody asked the night shift or the weekend team."), true, "msg-1"), (answer.Value, answer.FlaggedConcern, answer.Source));
    }

    [Fact]
    public async Task An_anonymous_answer_keeps_no_delivery_key_that_could_say_where_it_came_from()
    {
        var d = await _bed.StartAsync();
        await Answering.JoinAsync(Sam, d, StakeholderGroup.FrontlineWorker, anonymous: true, "join", None);

        await Answering.AnswerAsync(Sam, d, "impact", AnswerValue.FromText("More typing."), flagConcern: true, "teams:act-1:5c21", None);
        await Answering.FlagConcernAsync(Sam, d, "impact", flagged: false, "teams:act-2:5c21", None);

        var source = Assert.Single(await _bed.Store.ListAnswersAsync(Workspace, d, None)).Source;
        Assert.StartsWith("anon-source:", source, StringComparison.Ordinal);
        Assert.DoesNotContain("act-1", source, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_edit_by_someone_who_never_answered_changes_nothing_and_says_nothing()
    {
        var d = await _bed.StartAsync();

        var result = await Answering.ReviseTextAsync(Lee, d, "msg-1", "Just chatting.", "edit-1", None);

        Assert.Empty(result.Replies);
        Assert.Empty(await _bed.Store.ListAnswersAsync(Workspace, d, None));
    }

    private async Task<Guid> JoinedAsync(Actor actor, StakeholderGroup group = StakeholderGroup.FrontlineWorker)
    {
        var d = await _bed.StartAsync();
        await Answering.JoinAsync(actor, d, group, anonymous: false, "join-" + actor.User.Id, None);
        return d;
    }
}
