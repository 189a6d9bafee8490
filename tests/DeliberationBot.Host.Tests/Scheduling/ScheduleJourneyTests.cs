using DeliberationBot.Core.Commands;
using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Digests;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Reminders;
using DeliberationBot.Core.Scheduling;
using DeliberationBot.Core.Stakeholders;
using DeliberationBot.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DeliberationBot.Host.Tests.Scheduling;

/// <summary>Digests, reminders and deadlines against the real service and SQLite, with time moved by a FakeTimeProvider.</summary>
public sealed class ScheduleJourneyTests : IDisposable
{
    private const string Ws = "T-AGENCY";
    private static readonly ConversationRef Room = new("test", Ws, "C-REVIEW");
    private BotFactory? _factory;
    private int _key;

    public void Dispose() => _factory?.Dispose();

    [Fact]
    public async Task A_month_of_weekly_digests_arrives_once_a_week_at_local_time_across_zones_and_daylight_saving()
    {
        Start(new DateTimeOffset(2026, 10, 19, 0, 0, 0, TimeSpan.Zero)); // Europe leaves DST on 25 Oct, New York on 1 Nov
        var subscribers = new (string Id, string Zone, string Args, DayOfWeek Day, TimeOnly At)[]
        {
            ("U-DANA", "America/New_York", "", DayOfWeek.Monday, new(9, 0)),
            ("U-LEE", "Europe/Berlin", " fri 17:30", DayOfWeek.Friday, new(17, 30)),
            ("U-KIM", "Asia/Kolkata", " wed 08:15", DayOfWeek.Wednesday, new(8, 15)),
        };
        foreach (var s in subscribers)
        {
            await Command(new Actor("test", Ws, new UserRef(s.Id, s.Id), s.Zone), "digest subscribe" + s.Args);
        }

        for (var step = 0; step < 35 * 24 * 4; step++)
        {
            _factory!.Time.Advance(TimeSpan.FromMinutes(15));
            await Digests.RunAsync(default);
        }

        await _factory!.DeliverAsync();
        var digests = _factory.Channel.Sent.Where(m => m.Message.Message is WeeklyDigest).ToList();
        foreach (var s in subscribers)
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(s.Zone);
            var theirs = digests.Where(d => d.Message.Destination.User!.Id == s.Id).ToList();
            Assert.True(theirs.Count == 5, s.Id + ": " + string.Join(", ", theirs.Select(d => $"{d.Message.CreatedAt:u} {((WeeklyDigest)d.Message.Message).Week} {d.Message.IdempotencyKey}")));
            Assert.Equal(5, theirs.Select(d => ((WeeklyDigest)d.Message.Message).Week).Distinct().Count());
            Assert.All(theirs, d =>
            {
                var local = TimeZoneInfo.ConvertTime(d.Message.CreatedAt, zone);
                Assert.Equal(s.Day, local.DayOfWeek);
                Assert.InRange(TimeOnly.FromDateTime(local.DateTime), s.At, s.At.AddMinutes(15));
                Assert.False(((WeeklyDigest)d.Message.Message).Late);
                Assert.Equal(DeliveryMode.Private, d.Message.Destination.Mode);
            });
        }
    }

    [Fact]
    public async Task A_digest_missed_during_downtime_goes_out_once_late_and_says_so()
    {
        Start(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero)); // a Sunday
        var dana = new Actor("test", Ws, new UserRef("U-DANA", "Dana"));
        await Command(dana, "start quick-check \"Benefit screening\"");
        await Command(dana, "concern \"Nobody asked the families.\"");
        await Command(dana, "digest subscribe");

        _factory!.Time.Advance(TimeSpan.FromDays(2) + TimeSpan.FromHours(22)); // Wednesday 10:00: the service was down on Monday
        await Digests.RunAsync(default);
        await Digests.RunAsync(default);
        await _factory.DeliverAsync();
        var late = (WeeklyDigest)_factory.Channel.Sent.Single(m => m.Message.Message is WeeklyDigest).Message.Message;
        Assert.True(late.Late);
        Assert.Equal(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero), late.WasDueAt);
        Assert.Contains("This digest is late", PlainTextRenderer.Render(late), StringComparison.Ordinal);
        Assert.Contains(late.Proposals.Single().OpenConcerns, c => c.Text == "Nobody asked the families.");

        _factory.Time.Advance(TimeSpan.FromDays(21)); // three weeks down: one digest, not three
        await Digests.RunAsync(default);
        _factory.Time.Advance(TimeSpan.FromDays(5) - TimeSpan.FromHours(1)); // the next Monday 09:00, on time
        await Digests.RunAsync(default);

        await _factory.DeliverAsync();
        var all = _factory.Channel.Sent.Where(m => m.Message.Message is WeeklyDigest).ToList();
        Assert.Equal(3, all.Count);
        Assert.Equal([true, true, false], all.OrderBy(d => d.Message.CreatedAt).Select(d => ((WeeklyDigest)d.Message.Message).Late));
        Assert.Equal(["2026-W45", "2026-W48", "2026-W49"], all.OrderBy(d => d.Message.CreatedAt).Select(d => ((WeeklyDigest)d.Message.Message).Week));
    }

    [Fact]
    public async Task Reminders_respect_the_interval_quiet_hours_the_cap_and_finishing()
    {
        Start(new DateTimeOffset(2026, 11, 6, 20, 0, 0, TimeSpan.Zero)); // Friday 15:00 in New York
        var dana = new Actor("test", Ws, new UserRef("U-DANA", "Dana"));
        await Command(dana, "start quick-check \"Road repair ranking\"");
        var d = (await Store.FindLatestOpenAsync(Ws, "test", "C-REVIEW", default))!;
        var ana = new Actor("test", Ws, new UserRef("U-ANA", "Ana"), "America/New_York");
        var bo = new Actor("test", Ws, new UserRef("U-BO", "Bo"), "America/New_York");
        await Answering.JoinAsync(ana, d.Id, StakeholderGroup.FrontlineWorker, false, Key(), default);
        await Answering.JoinAsync(bo, d.Id, StakeholderGroup.FrontlineLeader, false, Key(), default);
        var reminders = _factory!.Services.GetServices<IScheduledJob>().OfType<ReminderJob>().Single();

        for (var hour = 0; hour < 16 * 24; hour++)
        {
            _factory.Time.Advance(TimeSpan.FromHours(1));
            await reminders.RunAsync(default);
            await _factory.DeliverAsync();
            if (_factory.Channel.Sent.Any(m => m.Message.Destination.User?.Id == "U-BO") && (await Store.FindParticipantAsync(Ws, d.Id, "user:U-BO", default))!.FinishedAt is null)
            {
                await FinishAsync(bo, d.Id);
            }
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var toAna = _factory.Channel.Sent.Where(m => m.Message.Message is ReminderNotice && m.Message.Destination.User?.Id == "U-ANA")
            .Select(m => m.Message.CreatedAt).Order().ToList();
        Assert.Equal(3, toAna.Count);
        Assert.All(toAna, at => Assert.False(QuietHours.Contains(at, zone, new ReminderOptions()), $"reminded in quiet hours at {TimeZoneInfo.ConvertTime(at, zone)}"));
        Assert.All(toAna.Zip(toAna.Skip(1)), pair => Assert.True(pair.Second - pair.First >= TimeSpan.FromDays(2)));
        Assert.Single(_factory.Channel.Sent, m => m.Message.Message is ReminderNotice && m.Message.Destination.User?.Id == "U-BO");
        Assert.Equal(3, (await Store.FindParticipantAsync(Ws, d.Id, "user:U-ANA", default))!.RemindersSent);
    }

    [Fact]
    public async Task A_reminder_asked_for_in_someones_quiet_hours_reaches_them_when_their_quiet_hours_end_and_only_then()
    {
        Start(new DateTimeOffset(2026, 11, 10, 3, 0, 0, TimeSpan.Zero)); // Monday 22:00 in New York, Tuesday noon in Tokyo
        var dana = new Actor("test", Ws, new UserRef("U-DANA", "Dana"));
        await Command(dana, "start quick-check \"Road repair ranking\"");
        var d = (await Store.FindLatestOpenAsync(Ws, "test", "C-REVIEW", default))!;
        var ana = new Actor("test", Ws, new UserRef("U-ANA", "Ana"), "America/New_York");
        var kai = new Actor("test", Ws, new UserRef("U-KAI", "Kai"), "Asia/Tokyo");
        await Answering.JoinAsync(ana, d.Id, StakeholderGroup.FrontlineWorker, false, Key(), default);
        await Answering.JoinAsync(kai, d.Id, StakeholderGroup.FrontlineLeader, false, Key(), default);
        var reminders = _factory!.Services.GetServices<IScheduledJob>().OfType<ReminderJob>().Single();

        var reply = await Command(dana, "remind");
        await _factory.DeliverAsync();

        Assert.Equal(
            "Reminded 1 person privately; 1 person in their quiet hours (evening, night or weekend where they are) will be reminded privately when they end.",
            Assert.IsType<Confirmation>(Assert.Single(reply.Replies)).Text);
        DateTimeOffset[] RemindersTo(string user) => [.. _factory.Channel.Sent
            .Where(m => m.Message.Message is ReminderNotice && m.Message.Destination.User?.Id == user).Select(m => m.Message.CreatedAt)];
        Assert.Equal([_factory.Time.GetUtcNow()], RemindersTo("U-KAI"));
        Assert.Empty(RemindersTo("U-ANA"));

        for (var step = 0; step < 6 * 24; step++)
        {
            _factory.Time.Advance(TimeSpan.FromMinutes(10));
            await reminders.RunAsync(default);
            await _factory.DeliverAsync();
        }

        // Once, at the first run after 08:00 in New York; Kai, reminded already, not again within the interval.
        Assert.Equal([new DateTimeOffset(2026, 11, 10, 13, 0, 0, TimeSpan.Zero)], RemindersTo("U-ANA"));
        Assert.Single(RemindersTo("U-KAI"));
        Assert.Null((await Store.FindParticipantAsync(Ws, d.Id, "user:U-ANA", default))!.ReminderAskedAt);
    }

    [Fact]
    public async Task A_deliberation_past_its_deadline_closes_on_its_own_through_the_close_path()
    {
        Start(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
        var dana = new Actor("test", Ws, new UserRef("U-DANA", "Dana"));
        await Command(dana, "start quick-check \"Predictive screening\" owner:<@U-MARIA|Maria> due:2026-11-03");
        var d = (await Store.FindLatestOpenAsync(Ws, "test", "C-REVIEW", default))!;
        var ana = new Actor("test", Ws, new UserRef("U-ANA", "Ana"));
        await Answering.JoinAsync(ana, d.Id, StakeholderGroup.FrontlineWorker, false, Key(), default);
        await Answering.AnswerAsync(ana, d.Id, "can-override", Core.Flows.AnswerValue.FromChoices("no"), false, Key(), default);
        var deadlines = _factory!.Services.GetServices<IScheduledJob>().OfType<DeadlineJob>().Single();

        _factory.Time.Advance(TimeSpan.FromDays(1));
        await deadlines.RunAsync(default);
        Assert.True((await Store.FindAsync(Ws, d.Id, default))!.IsOpen); // due today: still open
        _factory.Time.Advance(TimeSpan.FromDays(1));
        await deadlines.RunAsync(default);
        await deadlines.RunAsync(default);

        var closed = (await Store.FindAsync(Ws, d.Id, default))!;
        Assert.Equal(DeliberationStatus.Closed, closed.Status);
        Assert.Single(await Store.ListEventsAsync(Ws, d.Id, default), e => e.Type == EventTypes.Closed && e.Data == "deadline");
        await _factory.DeliverAsync();
        Assert.Single(_factory.Channel.Sent, m => m.Message.Message is DecisionRequest && m.Message.Destination.User?.Id == "U-DANA");
        Assert.Single(_factory.Channel.Sent, m => m.Message.Message is OwnerConcerns && m.Message.Destination.User?.Id == "U-MARIA");
        Assert.Single(await Store.ListConcernsAsync(Ws, d.Id, default), c => c.QuestionId == "can-override" && c.Status == ConcernStatus.Open);
    }

    [Fact]
    public async Task A_concern_raised_while_the_deliberation_is_open_is_in_the_leaders_digest_and_the_owners_hear_of_it_no_later()
    {
        Start(new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero));
        var dana = new Actor("test", Ws, new UserRef("U-DANA", "Dana"));
        await Command(dana, "start quick-check \"Predictive screening\" owner:<@U-MARIA|Maria>");
        var d = (await Store.FindLatestOpenAsync(Ws, "test", "C-REVIEW", default))!;
        var leader = new Actor("test", Ws, new UserRef("U-LEE", "Lee"), "UTC");
        await Command(leader, "digest subscribe mon 09:00");
        var ana = new Actor("test", Ws, new UserRef("U-ANA", "Ana"));
        await Answering.JoinAsync(ana, d.Id, StakeholderGroup.FrontlineWorker, false, Key(), default);
        await Answering.AnswerTextAsync(ana, d.Id, "concern: Nobody asked the night shift, and they carry the extra fields", Key(), default);

        // Previewing reads the concern as it would be, and stores or sends nothing.
        var preview = Assert.IsType<WeeklyDigest>((await Command(leader, "digest preview")).Replies.Single());
        Assert.Contains("Nobody asked the night shift, and they carry the extra fields", Assert.Single(Assert.Single(preview.Proposals).OpenConcerns).Text);
        Assert.Empty(await Store.ListConcernsAsync(Ws, d.Id, default));

        _factory!.Time.Advance(TimeSpan.FromHours(1.5));
        await Digests.RunAsync(default);
        await _factory.DeliverAsync();

        var digest = (WeeklyDigest)Assert.Single(_factory.Channel.Sent, m => m.Message.Message is WeeklyDigest).Message.Message;
        var concern = Assert.Single(Assert.Single(digest.Proposals).OpenConcerns);
        Assert.Contains("Nobody asked the night shift, and they carry the extra fields", concern.Text);
        Assert.Equal([StakeholderGroup.FrontlineWorker], concern.RaisedBy);
        Assert.Contains(digest.NewSinceLast, c => c.Id == concern.Id);
        var toMaria = Assert.Single(_factory.Channel.Sent, m => m.Message.Message is OwnerConcerns && m.Message.Destination.User?.Id == "U-MARIA");
        Assert.Contains("Nobody asked the night shift", Assert.Single(((OwnerConcerns)toMaria.Message.Message).Concerns).Text);
        Assert.Single(await Store.ListConcernsAsync(Ws, d.Id, default), c => c.Id == concern.Id && c.OwnersHeardAt is not null);

        // A week on, nothing new: the owners are not told again, and the concern is still in the digest.
        _factory.Time.Advance(TimeSpan.FromDays(7));
        await Digests.RunAsync(default);
        await _factory.DeliverAsync();
        Assert.Single(_factory.Channel.Sent, m => m.Message.Message is OwnerConcerns && m.Message.Destination.User?.Id == "U-MARIA");
        var second = (WeeklyDigest)_factory.Channel.Sent.Last(m => m.Message.Message is WeeklyDigest).Message.Message;
        Assert.Equal(concern.Id, Assert.Single(Assert.Single(second.Proposals).OpenConcerns).Id);
        Assert.Empty(second.NewSinceLast);
    }

    [Fact]
    public async Task A_concern_raised_by_a_questions_rule_or_a_flagged_option_reads_in_the_digest_as_the_question_and_what_was_answered()
    {
        Start(new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero));
        var dana = new Actor("test", Ws, new UserRef("U-DANA", "Dana"));
        await Command(dana, "start quick-check \"Predictive screening\" owner:<@U-MARIA|Maria>");
        var d = (await Store.FindLatestOpenAsync(Ws, "test", "C-REVIEW", default))!;
        var (ana, bo) = (new Actor("test", Ws, new UserRef("U-ANA", "Ana")), new Actor("test", Ws, new UserRef("U-BO", "Bo")));
        await Answering.JoinAsync(ana, d.Id, StakeholderGroup.FrontlineWorker, false, Key(), default);
        await Answering.JoinAsync(bo, d.Id, StakeholderGroup.FrontlineWorker, false, Key(), default);
        var no = new Core.Flows.AnswerValue("Probably not, the supervisor has to sign off", ["no"], null, false);
        await Answering.AnswerAsync(ana, d.Id, "can-override", no, false, Key(), default); // meets the question's rule
        await Answering.AnswerAsync(bo, d.Id, "can-override", Core.Flows.AnswerValue.FromChoices("no"), false, Key(), default);
        await Answering.AnswerAsync(ana, d.Id, "who-affected", Core.Flows.AnswerValue.FromChoices("children-families"), true, Key(), default); // flagged

        var digest = Assert.IsType<WeeklyDigest>((await Command(new Actor("test", Ws, new UserRef("U-LEE", "Lee")), "digest preview")).Replies.Single());

        // The question is the flow's wording, not anyone's: it comes first, and only what people answered is quoted.
        var words = Assert.Single(digest.Proposals).OpenConcerns.ToDictionary(c => c.Number, c => c.Quoted(t => t, '[', ']'));
        Assert.Equal("Whose lives would the tool's results affect most directly? [Children and families]", words[1]);
        Assert.Equal(
            "Can workers set aside the tool's score when their own judgment about a case is different? [Probably not, the supervisor has to sign off] (answered No) · [No]",
            words[2]);
        Assert.Contains("#1 Whose lives would the tool's results affect most directly? \"Children and families\" — Frontline worker", PlainTextRenderer.Render(digest), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_owners_hear_of_a_concern_raised_in_an_open_deliberation_by_the_next_morning_and_only_of_what_is_new()
    {
        Start(new DateTimeOffset(2026, 11, 2, 14, 0, 0, TimeSpan.Zero));
        var dana = new Actor("test", Ws, new UserRef("U-DANA", "Dana"));
        await Command(dana, "start quick-check \"Predictive screening\" owner:<@U-MARIA|Maria>");
        var d = (await Store.FindLatestOpenAsync(Ws, "test", "C-REVIEW", default))!;
        var (ana, bo) = (new Actor("test", Ws, new UserRef("U-ANA", "Ana")), new Actor("test", Ws, new UserRef("U-BO", "Bo")));
        await Answering.JoinAsync(ana, d.Id, StakeholderGroup.FrontlineWorker, false, Key(), default);
        await Answering.AnswerTextAsync(ana, d.Id, "concern: Nobody asked the night shift", Key(), default);
        var roundup = _factory!.Services.GetServices<IScheduledJob>().OfType<ConcernRoundup>().Single();
        Assert.Equal("0 8 * * *", roundup.Cron);

        _factory.Time.Advance(TimeSpan.FromHours(18)); // 08:00 the next day
        await roundup.RunAsync(default);
        await roundup.RunAsync(default); // run again the same day: nothing more
        await _factory.DeliverAsync();
        var first = Assert.Single(_factory.Channel.Sent, m => m.Message.Message is OwnerConcerns && m.Message.Destination.User?.Id == "U-MARIA");
        Assert.Contains("Nobody asked the night shift", Assert.Single(((OwnerConcerns)first.Message.Message).Concerns).Text);

        await Answering.JoinAsync(bo, d.Id, StakeholderGroup.FrontlineWorker, false, Key(), default);
        await Answering.AnswerTextAsync(bo, d.Id, "concern: The score follows families into court", Key(), default);
        _factory.Time.Advance(TimeSpan.FromDays(1));
        await roundup.RunAsync(default);
        _factory.Time.Advance(TimeSpan.FromDays(1));
        await roundup.RunAsync(default); // nothing new: nothing sent
        await _factory.DeliverAsync();

        var toMaria = _factory.Channel.Sent.Where(m => m.Message.Message is OwnerConcerns && m.Message.Destination.User?.Id == "U-MARIA").ToList();
        Assert.Equal(2, toMaria.Count);
        Assert.Contains("The score follows families into court", Assert.Single(((OwnerConcerns)toMaria[1].Message.Message).Concerns).Text);
        Assert.Equal(2, (await Store.ListConcernsAsync(Ws, d.Id, default)).Count);
    }

    [Fact]
    public async Task An_owner_sent_a_concern_again_finds_the_words_added_or_changed_since_marked_among_everyones()
    {
        Start(new DateTimeOffset(2026, 11, 2, 14, 0, 0, TimeSpan.Zero));
        var dana = new Actor("test", Ws, new UserRef("U-DANA", "Dana"));
        await Command(dana, "start quick-check \"Predictive screening\" owner:<@U-MARIA|Maria>");
        var d = (await Store.FindLatestOpenAsync(Ws, "test", "C-REVIEW", default))!;
        var (ana, bo, cy) = (new Actor("test", Ws, new UserRef("U-ANA", "Ana")), new Actor("test", Ws, new UserRef("U-BO", "Bo")), new Actor("test", Ws, new UserRef("U-CY", "Cy")));
        foreach (var person in new[] { ana, bo, cy })
        {
            await Answering.JoinAsync(person, d.Id, StakeholderGroup.FrontlineWorker, false, Key(), default);
        }

        static Core.Flows.AnswerValue No(string words) => new(words, ["no"], null, false);
        await Answering.AnswerAsync(ana, d.Id, "can-override", No("Only with a supervisor"), false, Key(), default); // meets the question's rule
        await Answering.AnswerAsync(bo, d.Id, "can-override", No("Not on night shift"), false, Key(), default);
        var roundup = _factory!.Services.GetServices<IScheduledJob>().OfType<ConcernRoundup>().Single();
        _factory.Time.Advance(TimeSpan.FromHours(18));
        await roundup.RunAsync(default);
        await _factory.DeliverAsync();

        // The next day Cy's answer joins the rule's concern and Ana changes hers.
        await Answering.AnswerAsync(cy, d.Id, "can-override", No("The override form takes twenty minutes"), false, Key(), default);
        await Answering.AnswerAsync(ana, d.Id, "can-override", No("Only with a supervisor, who is never there at night"), false, Key(), default);
        _factory.Time.Advance(TimeSpan.FromDays(1));
        await roundup.RunAsync(default);
        await _factory.DeliverAsync();

        var toMaria = _factory.Channel.Sent.Where(m => m.Message.Message is OwnerConcerns && m.Message.Destination.User?.Id == "U-MARIA")
            .Select(m => PlainTextRenderer.Render(m.Message.Message)).ToList();
        Assert.Equal(2, toMaria.Count);
        Assert.DoesNotContain("Since you were last sent", toMaria[0], StringComparison.Ordinal); // all of it was new
        Assert.DoesNotContain(" · new", toMaria[0], StringComparison.Ordinal);
        var again = toMaria[1];
        Assert.Contains("Since you were last sent this concern, 1 person added their words and 1 person changed theirs (marked new and edited).", again, StringComparison.Ordinal);
        Assert.Contains("\"Only with a supervisor, who is never there at night\" — Frontline worker (Ana), who answered No · edited", again, StringComparison.Ordinal);
        Assert.Contains("\"Not on night shift\" — Frontline worker (Bo), who answered No\n", again.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("\"The override form takes twenty minutes\" — Frontline worker (Cy), who answered No · new", again, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_concern_recorded_while_the_round_up_works_does_not_cost_the_owners_a_day()
    {
        Start(new DateTimeOffset(2026, 11, 2, 14, 0, 0, TimeSpan.Zero));
        var dana = new Actor("test", Ws, new UserRef("U-DANA", "Dana"));
        await Command(dana, "start quick-check \"Predictive screening\" owner:<@U-MARIA|Maria>");
        var d = (await Store.FindLatestOpenAsync(Ws, "test", "C-REVIEW", default))!;
        var ana = new Actor("test", Ws, new UserRef("U-ANA", "Ana"));
        await Answering.JoinAsync(ana, d.Id, StakeholderGroup.FrontlineWorker, false, Key(), default);
        await Answering.AnswerTextAsync(ana, d.Id, "concern: Nobody asked the night shift", Key(), default);
        _factory!.Time.Advance(TimeSpan.FromHours(18));

        // The round-up has read the deliberation (no concerns yet: Ana's flag would be #1) when the facilitator records one, which
        // takes #1; the round-up's write then comes.
        var flow = await _factory.Services.GetRequiredService<TurnSupport>().FlowOfAsync(d, default);
        var read = await ConcernSources.ReadAsync(Store, d, flow, default);
        var recorded = await Command(dana, "concern \"The score follows families into court\"");
        Assert.StartsWith("Recorded concern #1", PlainTextRenderer.Render(recorded.Replies.Single()), StringComparison.Ordinal);
        await _factory.Services.GetRequiredService<ConcernPublisher>().PublishAsync(d, flow, read, "concern-roundup:race", default);

        var concerns = await Store.ListConcernsAsync(Ws, d.Id, default);
        Assert.Equal([(1, "The score follows families into court"), (2, "Nobody asked the night shift")], concerns.OrderBy(c => c.Number).Select(c => (c.Number, c.Text)));
        await _factory.DeliverAsync();
        Assert.Contains(_factory.Channel.Sent, m => m.Message.Message is OwnerConcerns o && m.Message.Destination.User?.Id == "U-MARIA"
            && o.Concerns.Any(c => c.Text.Contains("Nobody asked the night shift", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_empty_week_says_so_in_one_line()
    {
        Start(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
        var preview = await Command(new Actor("test", "T-QUIET", new UserRef("U-LEADER", "Leader")), "digest preview");
        var digest = Assert.IsType<WeeklyDigest>(preview.Replies.Single());
        Assert.True(digest.IsEmpty);
        Assert.Equal("Weekly digest 2026-W45: nothing open, nothing new, nothing due. A quiet week.", PlainTextRenderer.Render(digest));
    }

    private void Start(DateTimeOffset at)
    {
        _factory = new BotFactory(time: new FakeTimeProvider(at), driven: true);
        _factory.CreateClient().Dispose();
    }

    private async Task FinishAsync(Actor actor, Guid deliberationId)
    {
        var reply = await Answering.OpenAsync(actor, deliberationId, default);
        while (reply.Replies[^1] is QuestionPrompt q)
        {
            var text = q.Kind switch { Core.Flows.AnswerKind.YesNoUnsure => "yes", Core.Flows.AnswerKind.Scale => "4", Core.Flows.AnswerKind.Number => "3", Core.Flows.AnswerKind.FreeText => "fine", _ => "1" };
            reply = await Answering.AnswerTextAsync(actor, deliberationId, text, Key(), default);
        }
    }

    private Task<TurnResult> Command(Actor actor, string text) =>
        _factory!.Services.GetRequiredService<CommandDispatcher>().HandleAsync(actor, Room with { WorkspaceId = actor.WorkspaceId }, text, null, Key(), default);

    private DigestService Digests => _factory!.Services.GetRequiredService<DigestService>();

    private AnsweringService Answering => _factory!.Services.GetRequiredService<AnsweringService>();

    private IDeliberationStore Store => _factory!.Services.GetRequiredService<IDeliberationStore>();

    private string Key() => $"k{Interlocked.Increment(ref _key)}";
}
