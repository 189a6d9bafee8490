using DeliberationBot.Core.Commands;
using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Reminders;
using DeliberationBot.Core.Reports;
using DeliberationBot.Core.Stakeholders;
using DeliberationBot.Core.Tests.Support;
using static DeliberationBot.Core.Tests.Support.ServiceBed;

namespace DeliberationBot.Core.Tests.Deliberations;

public sealed class DeliberationServiceTests
{
    private readonly ServiceBed _bed = new();

    private DeliberationService Deliberations => _bed.Deliberations;

    private static StartRequest Request(string flow = "services", string title = "Predictive screening", DateOnly? due = null, IReadOnlyList<UserRef>? owners = null) =>
        new(flow, title, null, owners ?? [], due, AnonymityPolicy.Named);

    [Fact]
    public async Task Starting_writes_the_deliberation_its_history_and_its_card_in_one_commit()
    {
        var result = await Deliberations.StartAsync(Fiona, Home, Request(), "start", None);

        Assert.Equal("Started \"Predictive screening\" with the services flow (3 questions). Participants can press Answer on the message in this conversation.",
            Assert.IsType<Confirmation>(Assert.Single(result.Replies)).Text);
        var commit = Assert.Single(_bed.Store.Commits);
        Assert.Equal(("Predictive screening", DeliberationStatus.Open), (commit.Deliberation!.Title, commit.Deliberation.Status));
        Assert.Equal(EventTypes.Started, Assert.Single(commit.Events).Type);
        Assert.IsType<DeliberationCard>(Assert.Single(commit.Outbox).Message);
    }

    [Fact]
    public async Task Without_owners_the_facilitator_owns_it()
    {
        await Deliberations.StartAsync(Fiona, Home, Request(), "start", None);

        Assert.Equal([Fiona.User.Id], _bed.Store.Commits[0].Deliberation!.Owners.Select(o => o.Id));
    }

    [Fact]
    public async Task A_retried_start_writes_nothing_twice()
    {
        await Deliberations.StartAsync(Fiona, Home, Request(), "start", None);

        var again = await Deliberations.StartAsync(Fiona, Home, Request(), "start", None);

        Assert.True(again.Duplicate);
        Assert.Single(_bed.Store.Commits);
        Assert.Single(_bed.Store.Outbox);
    }

    [Theory]
    [InlineData("nope", "Predictive screening", null, "I don't have a flow called \"nope\". Available: services.")]
    [InlineData("services", " ", null, "The proposal needs a title.")]
    [InlineData("services", "Predictive screening", "2026-03-09", "The deadline 2026-03-09 has already passed. Pick a date from today on.")]
    public async Task A_start_that_breaks_a_rule_says_which_and_how_to_start(string flow, string title, string? due, string expected)
    {
        var result = await Deliberations.StartAsync(Fiona, Home, Request(flow, title, due is null ? null : DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture)), "start", None);

        var error = Assert.IsType<ErrorMessage>(Assert.Single(result.Replies));
        Assert.Equal((expected, Usage.Start), (error.Text, error.Usage));
        Assert.Empty(_bed.Store.Commits);
    }

    [Fact]
    public async Task Status_close_and_remind_with_nothing_open_say_how_to_start()
    {
        var results = new[]
        {
            await Deliberations.StatusAsync(Fiona, Home, None),
            await Deliberations.CloseAsync(Fiona, Home, "close", None),
            await Deliberations.RemindAsync(Fiona, Home, "remind", None),
        };

        Assert.All(results, r => Assert.Equal((TurnSupport.NoneHere, Usage.Start), (Assert.IsType<ErrorMessage>(Assert.Single(r.Replies)).Text, ((ErrorMessage)r.Replies[0]).Usage)));
    }

    [Fact]
    public async Task Only_the_facilitator_or_an_owner_may_close_or_remind()
    {
        await _bed.StartAsync();

        var close = await Deliberations.CloseAsync(Sam, Home, "close", None);
        var remind = await Deliberations.RemindAsync(Sam, Home, "remind", None);

        Assert.Equal("Only the facilitator (fiona) or an owner can close \"Predictive screening\".", Assert.IsType<ErrorMessage>(Assert.Single(close.Replies)).Text);
        Assert.Equal("Only the facilitator or an owner can send reminders.", Assert.IsType<ErrorMessage>(Assert.Single(remind.Replies)).Text);
        Assert.Single(_bed.Store.Commits);
    }

    [Fact]
    public async Task Closing_asks_the_facilitator_to_decide_and_sends_each_leader_the_page_once()
    {
        await _bed.StartAsync();
        var before = _bed.Store.Outbox.Count;

        var closed = await Deliberations.CloseAsync(Maria, Home, "close", None);
        var written = (_bed.Store.Commits.Count, _bed.Store.Outbox.Count);
        // The command dispatcher answers a retried delivery before this; here the deliberation is simply no longer open.
        await Deliberations.CloseAsync(Maria, Home, "close", None);

        Assert.Equal("Closed \"Predictive screening\".", Assert.IsType<Confirmation>(Assert.Single(closed.Replies)).Text);
        Assert.Equal(written, (_bed.Store.Commits.Count, _bed.Store.Outbox.Count));
        var sent = _bed.Store.Outbox.Skip(before).ToList();
        Assert.Equal(Fiona.User, Assert.Single(sent, m => m.Message is DecisionRequest).Destination.User);
        Assert.Equal(["U0FIONA", "U0MARIA"], sent.Where(m => m.Message is ReportLink).Select(m => m.Destination.User!.Id).Order());
        Assert.Equal(DeliberationStatus.Closed, (await _bed.Store.FindLatestAsync(Workspace, "slack", "C1", None))!.Status);
    }

    [Fact]
    public async Task Reminders_go_privately_to_named_people_and_to_the_conversation_for_anonymous_ones()
    {
        var d = await _bed.StartAsync();
        await _bed.Answering.JoinAsync(Sam, d, StakeholderGroup.FrontlineWorker, anonymous: false, "join-sam", None);
        await _bed.Answering.JoinAsync(Lee, d, StakeholderGroup.LegalPolicy, anonymous: true, "join-lee", None);
        var before = _bed.Store.Outbox.Count;

        var result = await Deliberations.RemindAsync(Fiona, Home, "remind", None);

        Assert.Equal("Reminded 1 person privately, and posted a reminder in the conversation for 1 anonymous participant.", Assert.IsType<Confirmation>(Assert.Single(result.Replies)).Text);
        var sent = _bed.Store.Outbox.Skip(before).ToList();
        Assert.Equal(2, sent.Count);
        Assert.Contains(sent, m => m.Destination.User?.Id == Sam.User.Id && m.Destination.Mode != DeliveryMode.Conversation);
        Assert.Contains(sent, m => m.Destination == Destination.To(Home) && m.Message is ReminderNotice);
        Assert.True((await Deliberations.RemindAsync(Fiona, Home, "remind", None)).Duplicate);
        Assert.Equal(before + 2, _bed.Store.Outbox.Count);
    }

    [Fact]
    public async Task Asking_again_within_the_hour_reminds_nobody_twice_and_says_why()
    {
        var d = await _bed.StartAsync();
        await _bed.Answering.JoinAsync(Sam, d, StakeholderGroup.FrontlineWorker, anonymous: false, "join-sam", None);
        await _bed.Answering.JoinAsync(Lee, d, StakeholderGroup.LegalPolicy, anonymous: true, "join-lee", None);
        await Deliberations.RemindAsync(Fiona, Home, "remind", None);
        var before = _bed.Store.Outbox.Count;

        _bed.Time.Advance(TimeSpan.FromMinutes(20));
        await _bed.Answering.JoinAsync(Maria, d, StakeholderGroup.AgencyLeader, anonymous: false, "join-maria", None);
        var again = await Deliberations.RemindAsync(Maria, Home, "remind-again", None);

        Assert.Equal("Reminded 1 person privately; 2 people reminded less than an hour ago were not reminded again.", Assert.IsType<Confirmation>(Assert.Single(again.Replies)).Text);
        Assert.Equal(Maria.User.Id, Assert.Single(_bed.Store.Outbox.Skip(before), m => m.Message is ReminderNotice).Destination.User?.Id);

        before = _bed.Store.Outbox.Count;
        var third = await Deliberations.RemindAsync(Fiona, Home, "remind-third", None);
        Assert.Equal("Nobody was reminded again: everyone who has not finished was reminded less than an hour ago.", Assert.IsType<Confirmation>(Assert.Single(third.Replies)).Text);
        Assert.Equal(before, _bed.Store.Outbox.Count);

        _bed.Time.Advance(PrivateReminder.Again);
        var later = await Deliberations.RemindAsync(Fiona, Home, "remind-later", None);
        Assert.Equal("Reminded 2 people privately, and posted a reminder in the conversation for 1 anonymous participant.", Assert.IsType<Confirmation>(Assert.Single(later.Replies)).Text);
        Assert.Equal(3, _bed.Store.Outbox.Skip(before).Count(m => m.Message is ReminderNotice));
    }

    [Fact]
    public async Task Status_counts_groups_and_the_concerns_flagged_so_far()
    {
        var d = await _bed.StartAsync();
        await _bed.Answering.JoinAsync(Sam, d, StakeholderGroup.FrontlineWorker, anonymous: false, "join-sam", None);
        await _bed.Answering.AnswerAsync(Sam, d, "impact", AnswerValue.FromText("It adds twenty minutes a case."), flagConcern: true, "answer", None);

        var status = Assert.IsType<StatusReport>(Assert.Single((await Deliberations.StatusAsync(Sam, Home, None)).Replies));

        Assert.Equal((1, 1, 1), (status.Progress.Participants, status.Concerns, status.UnresolvedConcerns));
    }
}
