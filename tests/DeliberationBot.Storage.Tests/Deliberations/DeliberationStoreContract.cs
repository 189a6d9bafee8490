using DeliberationBot.Core.Community;
using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Stakeholders;
using DeliberationBot.Storage.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace DeliberationBot.Storage.Tests.Deliberations;

/// <summary>What every provider's deliberation store must do; run against SQLite and PostgreSQL.</summary>
public abstract class DeliberationStoreContract(TestDatabase db) : DatabaseContract
{
    protected override TestDatabase Database => db;

    private const string Ws = "T-AGENCY";

    [SkippableFact]
    public async Task Commit_round_trips_every_record_and_keeps_history()
    {
        SkipIfUnavailable();
        await using var services = await db.StartServicesAsync();
        var store = services.Store();
        var flow = Samples.Flow();
        var d = Samples.Deliberation(Ws, flow, db.Time.GetUtcNow());
        var p = Samples.Participant(d, "U-ANA", StakeholderGroup.FrontlineWorker, db.Time.GetUtcNow());
        await store.CommitAsync(new Commit(Ws, "start") { Deliberation = d, FlowSnapshot = flow, Events = [new(d.Id, EventTypes.Started, "user:U-DANA", null, null, db.Time.GetUtcNow())] }, default);
        await store.CommitAsync(new Commit(Ws, "join") { Participants = [p], Profile = new MemberProfile(Ws, "U-ANA", StakeholderGroup.FrontlineWorker, "Europe/Berlin") }, default);
        await store.CommitAsync(new Commit(Ws, "answer") { Answer = Samples.Answer(p, "minutes", AnswerValue.FromNumber(12.5m), db.Time.GetUtcNow()) }, default);

        var loaded = await store.FindAsync(Ws, d.Id, default);
        Assert.Equal(d with { Version = 1 }, loaded! with { Owners = d.Owners });
        Assert.Equal(d.Owners, loaded.Owners);
        Assert.Equal(p, await store.FindParticipantAsync(Ws, d.Id, p.Key, default));
        var answer = Assert.Single(await store.ListAnswersAsync(Ws, d.Id, default));
        Assert.Equal(12.5m, answer.Value.Number);
        Assert.Equal(StakeholderGroup.FrontlineWorker, (await store.FindProfileAsync(Ws, "U-ANA", default))!.Group);
        Assert.Equal(flow.Source, await store.FindFlowSourceAsync(flow.Id, flow.Version, default));
        Assert.Equal(EventTypes.Started, Assert.Single(await store.ListEventsAsync(Ws, d.Id, default)).Type);
        Assert.Equal(d.Id, (await store.FindLatestOpenAsync(Ws, "test", "C-REVIEW", default))!.Id);
    }

    [SkippableFact]
    public async Task The_same_delivery_twice_records_one_answer()
    {
        SkipIfUnavailable();
        await using var services = await db.StartServicesAsync();
        var store = services.Store();
        var (d, p) = await SeedAsync(store);
        var first = new Commit(Ws, "slack:Ev123") { Answer = Samples.Answer(p, "override", AnswerValue.FromChoices("no"), db.Time.GetUtcNow()), Outbox = [Samples.Message(Ws, "slack:Ev123/card", db.Time.GetUtcNow())] };
        var retry = first with { Answer = first.Answer! with { Value = AnswerValue.FromChoices("yes") }, Outbox = [Samples.Message(Ws, "slack:Ev123/card", db.Time.GetUtcNow())] };

        Assert.False(await store.WasDeliveredAsync(Ws, "slack:Ev123", default));
        Assert.Equal(CommitOutcome.Committed, await store.CommitAsync(first, default));
        Assert.True(await store.WasDeliveredAsync(Ws, "slack:Ev123", default));
        Assert.False(await store.WasDeliveredAsync("T-OTHER", "slack:Ev123", default));
        Assert.False(await store.WasDeliveredAsync(Ws, "slack:Ev124", default));
        Assert.Equal(CommitOutcome.Duplicate, await store.CommitAsync(retry, default));

        var answer = Assert.Single(await store.ListAnswersAsync(Ws, d.Id, default));
        Assert.Equal(["no"], answer.Value.Choices);
        Assert.Equal(1, await services.Outbox().CountPendingAsync(default));
    }

    [SkippableFact]
    public async Task Concurrent_deliveries_of_the_same_key_land_once_and_different_people_all_land()
    {
        SkipIfUnavailable();
        await using var services = await db.StartServicesAsync();
        var store = services.Store();
        var (d, _) = await SeedAsync(store);
        var people = Enumerable.Range(1, 12).Select(i => Samples.Participant(d, $"U-{i}", StakeholderGroup.FrontlineWorker, db.Time.GetUtcNow())).ToList();

        var outcomes = await Task.WhenAll(people.SelectMany(p => new[]
        {
            store.CommitAsync(new Commit(Ws, "delivery-" + p.Key) { Participants = [p], Answer = Samples.Answer(p, "minutes", AnswerValue.FromNumber(5), db.Time.GetUtcNow()) }, default),
            store.CommitAsync(new Commit(Ws, "delivery-" + p.Key) { Participants = [p], Answer = Samples.Answer(p, "minutes", AnswerValue.FromNumber(5), db.Time.GetUtcNow()) }, default),
        }));

        Assert.Equal(people.Count, outcomes.Count(o => o == CommitOutcome.Committed));
        Assert.Equal(people.Count, outcomes.Count(o => o == CommitOutcome.Duplicate));
        var answers = await store.ListAnswersAsync(Ws, d.Id, default);
        Assert.Equal(people.Select(p => p.Key).Order(), answers.Where(a => a.QuestionId == "minutes").Select(a => a.ParticipantKey).Order());
        Assert.Equal(people.Count + 1, (await store.ListParticipantsAsync(Ws, d.Id, default)).Count);
        // One person's turn reads only their own answers, however many others have answered.
        var mine = Assert.Single(await store.ListAnswersOfAsync(Ws, d.Id, people[3].Key, default));
        Assert.Equal((people[3].Key, "minutes"), (mine.ParticipantKey, mine.QuestionId));
    }

    [SkippableFact]
    public async Task Turns_committed_at_the_same_time_keep_one_of_a_retried_delivery_and_one_owner_of_a_concern_number()
    {
        SkipIfUnavailable();
        await using var services = await db.StartServicesAsync();
        var store = services.Store();
        var (d, p) = await SeedAsync(store);
        var now = db.Time.GetUtcNow();
        Concern Numbered(int n, string text) => new(
            Guid.NewGuid(), d.Id, n, ConcernKind.Concern, ConcernOrigin.Facilitator, null, null, text, [], ["user:U-DANA"], ConcernStatus.Open, null, null, null, [], now, now);

        // On SQLite the four below go in one group; on PostgreSQL they race.
        var letGo = await HoldTheWriterAsync(services);

        var answer = new Commit(Ws, "slack:Ev1") { Answer = Samples.Answer(p, "override", AnswerValue.FromChoices("no"), now), Outbox = [Samples.Message(Ws, "slack:Ev1/card", now)] };
        var deliveries = new[] { answer, answer with { Answer = answer.Answer! with { Value = AnswerValue.FromChoices("yes") } } }
            .Select(c => store.CommitAsync(c, default)).ToList();
        var texts = new[] { "Caseworkers will retype every referral.", "Who explains a score to a court?" };
        var raised = texts.Select(async text =>
        {
            try
            {
                return await store.CommitAsync(new Commit(Ws, "slack:" + text) { Concerns = [Numbered(1, text)] }, default);
            }
            catch (StaleTurnException)
            {
                return (CommitOutcome?)null; // the turn is worked out again from the record, by the dispatcher
            }
        }).ToList();
        if (db is SqliteTestDatabase)
        {
            Assert.DoesNotContain(deliveries, t => t.IsCompleted);
        }

        await letGo();

        var outcomes = await Task.WhenAll(deliveries);
        Assert.Equal([CommitOutcome.Committed, CommitOutcome.Duplicate], outcomes.Order());
        var kept = outcomes[0] == CommitOutcome.Committed ? "no" : "yes";
        Assert.Equal([kept], Assert.Single(await store.ListAnswersAsync(Ws, d.Id, default)).Value.Choices);
        Assert.Equal(1, await services.Outbox().CountPendingAsync(default));

        var concerns = await Task.WhenAll(raised);
        Assert.Single(concerns, o => o == CommitOutcome.Committed);
        Assert.Single(concerns, o => o is null);
        var recorded = Assert.Single(await store.ListConcernsAsync(Ws, d.Id, default));
        Assert.Equal(texts[Array.IndexOf(concerns, CommitOutcome.Committed)], recorded.Text);
        if (db is SqliteTestDatabase)
        {
            // In one group they are written in the order they came: the first of each pair wins.
            Assert.Equal([CommitOutcome.Committed, CommitOutcome.Duplicate], outcomes);
            Assert.Equal(texts[0], recorded.Text);
        }
    }

    [SkippableFact]
    public async Task An_edit_replaces_the_answer_and_keeps_both_in_the_history()
    {
        SkipIfUnavailable();
        await using var services = await db.StartServicesAsync();
        var store = services.Store();
        var (d, p) = await SeedAsync(store);
        await store.CommitAsync(new Commit(Ws, "a1") { Answer = Samples.Answer(p, "override", AnswerValue.FromChoices("no"), db.Time.GetUtcNow()), Events = [new(d.Id, EventTypes.Answered, p.Key, "override", "no", db.Time.GetUtcNow())] }, default);
        await store.CommitAsync(new Commit(Ws, "a2") { Answer = Samples.Answer(p, "override", AnswerValue.FromChoices("unsure"), db.Time.GetUtcNow(), revision: 2), Events = [new(d.Id, EventTypes.Edited, p.Key, "override", "unsure", db.Time.GetUtcNow())] }, default);

        var answer = Assert.Single(await store.ListAnswersAsync(Ws, d.Id, default));
        Assert.Equal(["unsure"], answer.Value.Choices);
        Assert.Equal(2, answer.Revision);
        Assert.Equal([EventTypes.Answered, EventTypes.Edited], (await store.ListEventsAsync(Ws, d.Id, default)).Where(e => e.QuestionId == "override").Select(e => e.Type));
    }

    [SkippableFact]
    public async Task One_turn_can_add_several_people()
    {
        SkipIfUnavailable();
        await using var services = await db.StartServicesAsync();
        var store = services.Store();
        var (d, ana) = await SeedAsync(store);
        var people = new[] { "U-BEN", "U-CRUZ", "U-DEV" }.Select(u => Samples.Participant(d, u, StakeholderGroup.Community, db.Time.GetUtcNow())).ToList();

        Assert.Equal(CommitOutcome.Committed, await store.CommitAsync(new Commit(Ws, "join-several") { Participants = people }, default));

        Assert.Equal([ana, .. people], (await store.ListParticipantsAsync(Ws, d.Id, default)).OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    [SkippableFact]
    public async Task A_tally_counts_people_answers_given_and_the_public_page_by_group()
    {
        SkipIfUnavailable();
        await using var services = await db.StartServicesAsync();
        var store = services.Store();
        var (d, ana) = await SeedAsync(store);
        var (other, stranger) = await SeedAsync(store);
        var now = db.Time.GetUtcNow();
        var ben = Samples.Participant(d, "U-BEN", StakeholderGroup.FrontlineWorker, now) with { FinishedAt = now };
        var cruz = Samples.Participant(d, "U-CRUZ", StakeholderGroup.LegalPolicy, now);
        var visitor = new Participant(d.Id, "public:v1", null, null, StakeholderGroup.Community, true, now, ViaPublicPage: true);
        await store.CommitAsync(new Commit(Ws, "join") { Participants = [ben, cruz, visitor] }, default);
        Answer[] answers =
        [
            Samples.Answer(ana, "minutes", AnswerValue.FromNumber(5), now),
            Samples.Answer(ana, "override", AnswerValue.FromChoices("no"), now),
            Samples.Answer(ana, "override", AnswerValue.Skip(), now, revision: 2),
            Samples.Answer(ben, "minutes", AnswerValue.FromNumber(10), now),
            Samples.Answer(ben, "override", AnswerValue.FromChoices("yes"), now),
            Samples.Answer(cruz, "override", AnswerValue.FromChoices("no"), now),
            Samples.Answer(visitor, "minutes", AnswerValue.Skip(), now),
            Samples.Answer(visitor, "override", AnswerValue.FromChoices("unsure"), now),
            Samples.Answer(stranger, "minutes", AnswerValue.FromNumber(1), now),
        ];
        foreach (var (answer, i) in answers.Select((a, i) => (a, i)))
        {
            await store.CommitAsync(new Commit(Ws, $"answer-{i}") { Answer = answer }, default);
        }

        var tally = await store.TallyAsync(Ws, d.Id, default);

        Assert.Equal(
            [new GroupTally(StakeholderGroup.FrontlineWorker, 2, 1), new GroupTally(StakeholderGroup.LegalPolicy, 1, 0), new GroupTally(StakeholderGroup.Community, 1, 0)],
            tally.Groups.OrderBy(g => g.Group));
        Assert.Equal(
            [
                new AnswerTally("minutes", StakeholderGroup.FrontlineWorker, 2), new AnswerTally("override", StakeholderGroup.FrontlineWorker, 1),
                new AnswerTally("override", StakeholderGroup.LegalPolicy, 1), new AnswerTally("override", StakeholderGroup.Community, 1),
            ],
            tally.Answers.OrderBy(a => a.QuestionId, StringComparer.Ordinal).ThenBy(a => a.Group));
        Assert.Equal(new PublicPageTally(1, 2), tally.PublicPage);
        Assert.Equal(new PublicPageTally(0, 0), (await store.TallyAsync(Ws, other.Id, default)).PublicPage);
        Assert.Equal(DeliberationTally.Empty.Groups, (await store.TallyAsync("T-ELSEWHERE", d.Id, default)).Groups);
    }

    [SkippableFact]
    public async Task Concerns_are_read_from_flagged_answers_and_answers_to_rule_questions_only_with_their_raisers()
    {
        SkipIfUnavailable();
        await using var services = await db.StartServicesAsync();
        var store = services.Store();
        var (d, ana) = await SeedAsync(store);
        var now = db.Time.GetUtcNow();
        var ben = Samples.Participant(d, "U-BEN", StakeholderGroup.LegalPolicy, now);
        var cruz = Samples.Participant(d, "U-CRUZ", StakeholderGroup.LegalPolicy, now);
        await store.CommitAsync(new Commit(Ws, "join") { Participants = [ben, cruz] }, default);
        await store.CommitAsync(new Commit(Ws, "a1") { Answer = Samples.Answer(ana, "minutes", AnswerValue.FromNumber(90), now) with { FlaggedConcern = true } }, default);
        await store.CommitAsync(new Commit(Ws, "a2") { Answer = Samples.Answer(ben, "override", AnswerValue.FromChoices("no"), now) }, default);
        await store.CommitAsync(new Commit(Ws, "a3") { Answer = Samples.Answer(cruz, "minutes", AnswerValue.FromNumber(3), now) }, default);

        var read = await store.ListConcernAnswersAsync(Ws, d.Id, ["override"], default);

        Assert.Equal([(ana.Key, "minutes"), (ben.Key, "override")], read.Select(a => (a.ParticipantKey, a.QuestionId)).Order());
        Assert.Equal([ana.Key], (await store.ListConcernAnswersAsync(Ws, d.Id, [], default)).Select(a => a.ParticipantKey));
        Assert.Equal([ana, ben], (await store.ListParticipantsAsync(Ws, d.Id, [ana.Key, ben.Key, "user:U-NOBODY"], default)).OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Empty(await store.ListParticipantsAsync("T-ELSEWHERE", d.Id, [ana.Key], default));
    }

    [SkippableFact]
    public async Task A_person_is_found_by_either_key_and_by_name_when_they_joined_both_ways()
    {
        SkipIfUnavailable();
        await using var services = await db.StartServicesAsync();
        var store = services.Store();
        var (d, named) = await SeedAsync(store);
        var anonymous = new Participant(d.Id, "anon:ana", null, null, StakeholderGroup.Community, true, db.Time.GetUtcNow());
        var onlyAnonymous = new Participant(d.Id, "anon:ben", null, null, StakeholderGroup.LegalPolicy, true, db.Time.GetUtcNow());
        await store.CommitAsync(new Commit(Ws, "anonymous") { Participants = [anonymous, onlyAnonymous] }, default);

        Assert.Equal(named, await store.FindParticipantAsync(Ws, d.Id, named.Key, anonymous.Key, default));
        Assert.Equal(named, await store.FindParticipantAsync(Ws, d.Id, "user:U-NOBODY", named.Key, default));
        Assert.Equal(onlyAnonymous, await store.FindParticipantAsync(Ws, d.Id, "user:U-BEN", onlyAnonymous.Key, default));
        Assert.Null(await store.FindParticipantAsync(Ws, d.Id, "user:U-NOBODY", "anon:nobody", default));
        Assert.Null(await store.FindParticipantAsync("T-OTHER", d.Id, named.Key, anonymous.Key, default));
        Assert.Null(await store.FindParticipantAsync(Ws, Guid.NewGuid(), named.Key, anonymous.Key, default));
    }

    [SkippableFact]
    public async Task The_answer_a_message_gave_is_found_by_its_source_in_its_own_workspace_until_it_is_changed()
    {
        SkipIfUnavailable();
        await using var services = await db.StartServicesAsync();
        var store = services.Store();
        var flow = Samples.Flow();
        var now = db.Time.GetUtcNow();
        var d = Samples.Deliberation(Ws, flow, now);
        var ana = Samples.Participant(d, "U-ANA", StakeholderGroup.FrontlineWorker, now);
        var ben = Samples.Participant(d, "U-BEN", StakeholderGroup.LegalPolicy, now);
        await store.CommitAsync(new Commit(Ws, "start") { Deliberation = d, FlowSnapshot = flow, Participants = [ana, ben] }, default);
        var typed = Samples.Answer(ana, "minutes", AnswerValue.FromNumber(15), now) with { Source = "teams:msg-1" };
        await store.CommitAsync(new Commit(Ws, "teams:msg-1") { Answer = typed }, default);
        await store.CommitAsync(new Commit(Ws, "teams:msg-2") { Answer = Samples.Answer(ben, "minutes", AnswerValue.FromNumber(5), now) with { Source = "anon-source:ben" } }, default);

        Assert.Equal(typed, await store.FindAnswerGivenByAsync(Ws, ["teams:msg-1", "anon-source:msg-1"], default));
        Assert.Equal("U-BEN", (await store.FindAnswerGivenByAsync(Ws, ["teams:nothing", "anon-source:ben"], default))?.ParticipantKey[5..]);
        Assert.Null(await store.FindAnswerGivenByAsync("T-OTHER", ["teams:msg-1"], default));
        Assert.Null(await store.FindAnswerGivenByAsync(Ws, ["teams:msg-3"], default));

        // A form changed the answer since: the message gave none that is still there.
        await store.CommitAsync(new Commit(Ws, "form-1") { Answer = Samples.Answer(ana, "minutes", AnswerValue.FromNumber(20), now, revision: 2) with { Source = "form-1" } }, default);
        Assert.Null(await store.FindAnswerGivenByAsync(Ws, ["teams:msg-1"], default));
    }

    [SkippableFact]
    public async Task The_open_deliberations_of_a_workspace_on_one_platform_are_listed_oldest_first()
    {
        SkipIfUnavailable();
        await using var services = await db.StartServicesAsync();
        var store = services.Store();
        var flow = Samples.Flow();
        var now = db.Time.GetUtcNow();
        var older = Samples.Deliberation(Ws, flow, now.AddHours(-2));
        var newer = Samples.Deliberation(Ws, flow, now.AddHours(-1)) with { Home = older.Home with { ConversationId = "C-OTHER" } };
        var closed = Samples.Deliberation(Ws, flow, now) with { Status = DeliberationStatus.Closed, Home = older.Home with { ConversationId = "C-CLOSED" } };
        var elsewhere = Samples.Deliberation("T-OTHER", flow, now);
        var otherPlatform = Samples.Deliberation(Ws, flow, now) with { Home = older.Home with { Channel = "other-platform" } };
        var key = 0;
        foreach (var d in new[] { newer, older, closed, elsewhere, otherPlatform })
        {
            await store.CommitAsync(new Commit(d.WorkspaceId, $"start-{key++}") { Deliberation = d, FlowSnapshot = flow }, default);
        }

        Assert.Equal([older.Id, newer.Id], (await store.ListOpenAsync(Ws, older.Home.Channel, default)).Select(d => d.Id));
    }

    [SkippableFact]
    public async Task One_workspace_never_sees_another_workspaces_data()
    {
        SkipIfUnavailable();
        await using var services = await db.StartServicesAsync();
        var store = services.Store();
        var (d, p) = await SeedAsync(store);
        await store.CommitAsync(new Commit(Ws, "a") { Answer = Samples.Answer(p, "minutes", AnswerValue.FromNumber(3), db.Time.GetUtcNow()) }, default);
        const string other = "T-OTHER";

        Assert.Null(await store.FindAsync(other, d.Id, default));
        Assert.Null(await store.FindLatestOpenAsync(other, "test", "C-REVIEW", default));
        Assert.Null(await store.FindParticipantAsync(other, d.Id, p.Key, default));
        Assert.Empty(await store.ListParticipantsAsync(other, d.Id, default));
        Assert.Empty(await store.ListAnswersAsync(other, d.Id, default));
        Assert.Empty(await store.ListAnswersOfAsync(other, d.Id, p.Key, default));
        Assert.Single(await store.ListAnswersOfAsync(Ws, d.Id, p.Key, default));
        Assert.Empty(await store.ListEventsAsync(other, d.Id, default));
        Assert.Null(await store.FindProfileAsync(other, "U-ANA", default));

        // The same delivery key in another workspace is a different delivery.
        Assert.Equal(CommitOutcome.Committed, await store.CommitAsync(new Commit(other, "join") { }, default));
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.CommitAsync(new Commit(other, "steal") { Deliberation = d with { Title = "mine now" } }, default));
        Assert.Equal(d.Title, (await store.FindAsync(Ws, d.Id, default))!.Title);
    }

    [SkippableFact]
    public async Task A_record_written_again_is_stored_as_the_commit_has_it_in_every_field()
    {
        SkipIfUnavailable();
        await using var services = await db.StartServicesAsync();
        var store = services.Store();
        var (d, p, answer, concern) = await SeedAnswerAndConcernAsync(store);

        var later = db.Time.GetUtcNow().AddHours(5).AddTicks(70); // PostgreSQL keeps microseconds
        var deliberation = d with
        {
            Title = "Predictive screening, revised", Description = "Second round", Due = new DateOnly(2027, 1, 8),
            Status = DeliberationStatus.Closed, ClosedAt = later, RepliesUnheard = true,
        };
        var participant = p with
        {
            DisplayName = "Ana P.", Group = StakeholderGroup.LegalPolicy, FinishedAt = later, RemindersSent = 2, LastRemindedAt = later.AddMinutes(-1),
            ViaPublicPage = true, ReminderAskedAt = later.AddMinutes(-30),
        };
        var edited = answer with { Group = StakeholderGroup.LegalPolicy, Value = AnswerValue.FromNumber(12.25m), FlaggedConcern = true, Revision = 2, AnsweredAt = later, Source = "slack:msg:0f1e" };
        var responded = concern with
        {
            Text = "Twelve minutes \"per case\" is too many — ça ne marche pas 🙁", RaisedByGroups = [StakeholderGroup.LegalPolicy, StakeholderGroup.Community],
            Raisers = [p.Key, "anon:7"], Status = ConcernStatus.Acknowledged, Response = "We will time it", Owner = new UserRef("U-MARIA", "Maria"),
            Due = new DateOnly(2027, 2, 1), AcceptedBy = ["U-MARIA"], UpdatedAt = later, MergedInto = 4, OwnersHeardAt = later, OwnersAnswer = OwnersAnswer.WontAddress,
            RespondedBy = new UserRef("U-MARIA", "María O'Neil"),
            VoiceChanges = [new VoiceChange("anon:7", null, Edited: true), new VoiceChange(p.Key, "override", Edited: true) { Answer = true }],
            Voices =
            [
                new ConcernVoice("anon:7", null, null, "Line one\nline two", null),
                new ConcernVoice(p.Key, StakeholderGroup.LegalPolicy, "Ana P.", "No", "override") { Since = new AnswerSince(AnswerSinceKind.Changed, "Yes") },
                new ConcernVoice(p.Key, StakeholderGroup.LegalPolicy, "Ana P.", "A second sign-off.", "override-why") { FollowUpOf = "override" },
            ],
        };
        await store.CommitAsync(
            new Commit(Ws, "again") { Deliberation = deliberation, Participants = [participant], Answer = edited, Concerns = [responded] }, default);

        Assert.Equivalent(deliberation with { Version = 2 }, await store.FindAsync(Ws, d.Id, default), strict: true);
        Assert.Equal(participant, await store.FindParticipantAsync(Ws, d.Id, p.Key, default));
        Assert.Equivalent(edited, Assert.Single(await store.ListAnswersAsync(Ws, d.Id, default)), strict: true);
        Assert.Equivalent(responded with { Version = 2 }, Assert.Single(await store.ListConcernsAsync(Ws, d.Id, default)), strict: true);
    }

    [SkippableFact]
    public async Task A_commit_cannot_change_another_workspaces_rows_by_their_keys()
    {
        SkipIfUnavailable();
        await using var services = await db.StartServicesAsync();
        var store = services.Store();
        var (d, p, answer, concern) = await SeedAnswerAndConcernAsync(store);
        const string other = "T-OTHER";

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.CommitAsync(new Commit(other, "p") { Participants = [p with { DisplayName = "not Ana" }] }, default));
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.CommitAsync(new Commit(other, "a") { Answer = answer with { Value = AnswerValue.FromNumber(99) } }, default));
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.CommitAsync(new Commit(other, "c") { Concerns = [concern with { Text = "gone" }] }, default));

        Assert.Equal(p, await store.FindParticipantAsync(Ws, d.Id, p.Key, default));
        Assert.Equal(3, Assert.Single(await store.ListAnswersAsync(Ws, d.Id, default)).Value.Number);
        Assert.Equal("Three minutes is too many", Assert.Single(await store.ListConcernsAsync(Ws, d.Id, default)).Text);
        Assert.False(await store.WasDeliveredAsync(other, "p", default));
    }

    [SkippableFact]
    public async Task A_record_written_from_what_was_read_before_another_turn_wrote_it_is_refused_as_stale_and_the_other_write_stands()
    {
        SkipIfUnavailable();
        await using var services = await db.StartServicesAsync();
        var store = services.Store();
        var (d, _, _, concern) = await SeedAnswerAndConcernAsync(store);
        var at = db.Time.GetUtcNow();

        // Two turns read the concern; the owner's response is written first.
        await store.CommitAsync(new Commit(Ws, "respond") { Concerns = [concern with { Status = ConcernStatus.Acknowledged, Response = "We will time it." }] }, default);
        var words = concern with { Voices = [.. concern.Voices, new ConcernVoice("anon:7", null, null, "It takes me ten.", "minutes")] };
        await Assert.ThrowsAsync<StaleTurnException>(() => store.CommitAsync(
            new Commit(Ws, "words") { Concerns = [words], Outbox = [Samples.Message(Ws, "words/owner", at)] }, default));

        // Nothing of the stale turn was written, and its delivery may still be worked out again.
        var stands = Assert.Single(await store.ListConcernsAsync(Ws, d.Id, default));
        Assert.Equal("We will time it.", stands.Response);
        Assert.Single(stands.Voices);
        Assert.False(await store.WasDeliveredAsync(Ws, "words", default));
        Assert.Equal(0, await services.Outbox().CountPendingAsync(default));

        // Worked out again from the concern as it now is, both changes stand.
        await store.CommitAsync(new Commit(Ws, "words") { Concerns = [stands with { Voices = words.Voices }] }, default);
        var both = Assert.Single(await store.ListConcernsAsync(Ws, d.Id, default));
        Assert.Equal(("We will time it.", 2, 3), (both.Response, both.Voices.Count, both.Version));

        // The same for the deliberation: a close, then a change worked out from before it.
        await store.CommitAsync(new Commit(Ws, "close") { Deliberation = d with { Status = DeliberationStatus.Closed, ClosedAt = at } }, default);
        await Assert.ThrowsAsync<StaleTurnException>(() => store.CommitAsync(new Commit(Ws, "unheard") { Deliberation = d with { RepliesUnheard = true } }, default));
        Assert.Equal((DeliberationStatus.Closed, false), (await store.FindAsync(Ws, d.Id, default)) is { } closed ? (closed.Status, closed.RepliesUnheard) : default);

        // A record that was never written cannot replace one that was.
        await Assert.ThrowsAsync<StaleTurnException>(() => store.CommitAsync(new Commit(Ws, "again") { Deliberation = d with { Version = 0 } }, default));
    }

    [SkippableFact]
    public async Task Of_two_turns_that_write_the_same_concern_from_one_read_at_once_one_lands_and_the_other_is_stale()
    {
        SkipIfUnavailable();
        await using var services = await db.StartServicesAsync();
        var store = services.Store();
        var (d, _, _, concern) = await SeedAnswerAndConcernAsync(store);

        var writes = Enumerable.Range(1, 8).Select(async i =>
        {
            try
            {
                await store.CommitAsync(new Commit(Ws, $"turn-{i}") { Concerns = [concern with { Response = $"Response {i}" }] }, default);
                return i;
            }
            catch (StaleTurnException)
            {
                return 0;
            }
        });
        var landed = Assert.Single(await Task.WhenAll(writes), i => i > 0);

        var stored = Assert.Single(await store.ListConcernsAsync(Ws, d.Id, default));
        Assert.Equal(($"Response {landed}", concern.Version + 1), (stored.Response, stored.Version));
    }

    [SkippableFact]
    public async Task A_running_deliberation_keeps_the_flow_version_it_started_with()
    {
        SkipIfUnavailable();
        await using var services = await db.StartServicesAsync();
        var store = services.Store();
        var (d, _) = await SeedAsync(store);
        var edited = Samples.Flow(Samples.FlowYaml.Replace("Can workers override the score?", "Can staff override the score?", StringComparison.Ordinal));
        await store.CommitAsync(new Commit(Ws, "start-2") { Deliberation = Samples.Deliberation(Ws, edited, db.Time.GetUtcNow()), FlowSnapshot = edited }, default);

        var original = FlowParser.Parse((await store.FindFlowSourceAsync(d.FlowId, d.FlowVersion, default))!, "stored");
        Assert.Equal("Can workers override the score?", original.FindQuestion("override")!.Text);
        Assert.NotEqual(d.FlowVersion, edited.Version);
        Assert.Equal("Can staff override the score?", FlowParser.Parse((await store.FindFlowSourceAsync(edited.Id, edited.Version, default))!, "stored").FindQuestion("override")!.Text);
    }

    [SkippableFact]
    public async Task A_new_concern_takes_the_number_after_the_highest_of_its_deliberation_merged_ones_included()
    {
        SkipIfUnavailable();
        await using var services = await db.StartServicesAsync();
        var store = services.Store();
        var (d, _) = await SeedAsync(store);
        var (other, _) = await SeedAsync(store);
        var now = db.Time.GetUtcNow();
        Concern Numbered(Guid deliberation, int n, ConcernStatus status = ConcernStatus.Open) => new(
            Guid.CreateVersion7(now.AddSeconds(n)), deliberation, n, ConcernKind.Concern, ConcernOrigin.Facilitator, null, null, $"Concern {n}",
            [], ["user:U-DANA"], status, null, null, null, [], now, now) { MergedInto = status == ConcernStatus.Merged ? 1 : null };
        async Task<int> NextNumberAsync(string ws, Guid deliberation)
        {
            var (_, written) = await store.CommitNumberedAsync(ws, deliberation, n => new Commit(ws, $"next-{Guid.NewGuid()}") { Concerns = [Numbered(deliberation, n)] }, default);
            return Assert.Single(written.Concerns).Number;
        }

        Assert.Equal(1, await NextNumberAsync(Ws, d.Id));
        await store.CommitAsync(new Commit(Ws, "concerns")
        {
            Concerns = [Numbered(d.Id, 2), Numbered(d.Id, 7, ConcernStatus.Merged), Numbered(other.Id, 30)],
        }, default);

        Assert.Equal(8, await NextNumberAsync(Ws, d.Id));
        Assert.Equal(31, await NextNumberAsync(Ws, other.Id));
        Assert.Equal([1, 2, 7, 8], (await store.ListConcernsAsync(Ws, d.Id, default)).Select(c => c.Number));
    }

    [SkippableFact]
    public async Task Concerns_numbered_at_the_same_moment_each_get_their_own_number_with_none_worked_out_twice()
    {
        SkipIfUnavailable();
        await using var services = await db.StartServicesAsync();
        var store = services.Store();
        var (d, _) = await SeedAsync(store);
        var now = db.Time.GetUtcNow();
        const int many = 40;

        // On SQLite all of them go in one group; on PostgreSQL they race.
        var letGo = await HoldTheWriterAsync(services);

        var built = 0;
        var recording = Enumerable.Range(1, many).Select(i => store.CommitNumberedAsync(Ws, d.Id, n =>
        {
            Interlocked.Increment(ref built);
            var concern = new Concern(
                Guid.CreateVersion7(now), d.Id, n, ConcernKind.Concern, ConcernOrigin.Facilitator, null, null, $"Worry {i}", [], ["user:U-DANA"],
                ConcernStatus.Open, null, null, null, [], now, now);
            return new Commit(Ws, $"slack:worry-{i}") { Concerns = [concern], Events = [new DeliberationEvent(d.Id, "concern.raised", "user:U-DANA", null, $"#{n} Worry {i}", now)] };
        }, default)).ToList();
        await letGo();
        var outcomes = await Task.WhenAll(recording);

        Assert.All(outcomes, o => Assert.Equal(CommitOutcome.Committed, o.Outcome));
        // Numbered in the write: no commit was refused for a number another took and made again.
        Assert.Equal(many, built);
        var concerns = await store.ListConcernsAsync(Ws, d.Id, default);
        Assert.Equal(Enumerable.Range(1, many), concerns.Select(c => c.Number).Order());
        // Each written commit is the one its concern came with: the number the reply names is the one stored.
        Assert.All(outcomes, o => Assert.Equal(Assert.Single(o.Commit.Concerns).Text, Assert.Single(concerns, c => c.Number == o.Commit.Concerns[0].Number).Text));
    }

    [SkippableFact]
    public async Task Committed_answers_survive_a_restart()
    {
        SkipIfUnavailable();
        Guid id;
        await using (var before = await db.StartServicesAsync())
        {
            var (d, p) = await SeedAsync(before.Store());
            await before.Store().CommitAsync(new Commit(Ws, "answer") { Answer = Samples.Answer(p, "minutes", AnswerValue.FromNumber(20), db.Time.GetUtcNow()) }, default);
            id = d.Id;
        }

        await using var after = await db.StartServicesAsync();
        Assert.Equal(20m, Assert.Single(await after.Store().ListAnswersAsync(Ws, id, default)).Value.Number);
    }

    [SkippableFact]
    public async Task A_public_link_is_found_by_its_token_and_a_contact_is_kept_apart_from_answers()
    {
        SkipIfUnavailable();
        await using var services = await db.StartServicesAsync();
        var store = services.Store();
        var (d, _) = await SeedAsync(store);
        var now = db.Time.GetUtcNow();
        var invitation = new CommunityInvitation(d.Id, Ws, CommunityInvitation.NewToken(), ["en", "es"], new DateOnly(2026, 12, 31), 50, InvitationState.Open, now);
        var visitor = new Participant(d.Id, "anon:web", null, null, StakeholderGroup.Community, true, now, ViaPublicPage: true);
        await store.CommitAsync(new Commit(Ws, "invite") { Invitation = invitation, Participants = [visitor] }, default);
        await store.CommitAsync(new Commit(Ws, "pause") { Invitation = invitation with { State = InvitationState.Paused } }, default);
        await store.CommitAsync(new Commit(Ws, null) { Contact = new CommunityContact(Guid.NewGuid(), d.Id, "ana@example.org", "es", now) }, default);

        var found = await store.FindInvitationByTokenAsync(invitation.Token, default);
        Assert.Equal(invitation with { State = InvitationState.Paused }, found! with { Languages = invitation.Languages });
        Assert.Equal(["en", "es"], found.Languages);
        Assert.Equal(found, await store.FindInvitationAsync(Ws, d.Id, default) is { } same ? same with { Languages = found.Languages } : null);
        Assert.Null(await store.FindInvitationAsync("T-OTHER", d.Id, default));
        Assert.Null(await store.FindInvitationByTokenAsync("not-a-token", default));
        Assert.True((await store.FindParticipantAsync(Ws, d.Id, "anon:web", default))!.ViaPublicPage);
        Assert.Equal("ana@example.org", Assert.Single(await store.ListContactsAsync(Ws, d.Id, default)).Address);
    }

    /// <summary>
    /// SQLite group-commits turns: while its writer is held, the writes started meanwhile queue up, and go in one group
    /// once the returned function lets it go. PostgreSQL commits them side by side, each in its own transaction.
    /// </summary>
    private async Task<Func<Task>> HoldTheWriterAsync(ServiceProvider services)
    {
        if (db is not SqliteTestDatabase)
        {
            return () => Task.CompletedTask;
        }

        var holding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var letGo = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = services.GetRequiredService<GroupedWrites>().WriteAsync(async _ => { holding.SetResult(); await letGo.Task; });
        await holding.Task;
        return async () =>
        {
            letGo.SetResult();
            await held;
        };
    }

    /// <summary>A deliberation with one participant, their answer, and the concern it raised.</summary>
    private async Task<(Deliberation, Participant, Answer, Concern)> SeedAnswerAndConcernAsync(IDeliberationStore store)
    {
        var (d, p) = await SeedAsync(store);
        var at = db.Time.GetUtcNow();
        var answer = Samples.Answer(p, "minutes", AnswerValue.FromNumber(3), at);
        var concern = new Concern(
            Guid.CreateVersion7(at), d.Id, 1, ConcernKind.Concern, ConcernOrigin.FlaggedAnswer, "work", "minutes", "Three minutes is too many",
            [StakeholderGroup.FrontlineWorker], [p.Key], ConcernStatus.Open, null, null, null, [], at, at)
        {
            Voices = [new ConcernVoice(p.Key, StakeholderGroup.FrontlineWorker, "U-ANA", "Three minutes is too many", "minutes")],
        };
        await store.CommitAsync(new Commit(Ws, "answered-" + d.Id) { Answer = answer, Concerns = [concern] }, default);
        return (d, p, answer, Assert.Single(await store.ListConcernsAsync(Ws, d.Id, default)));
    }

    private async Task<(Deliberation, Participant)> SeedAsync(IDeliberationStore store)
    {
        var flow = Samples.Flow();
        var d = Samples.Deliberation(Ws, flow, db.Time.GetUtcNow());
        var p = Samples.Participant(d, "U-ANA", StakeholderGroup.FrontlineWorker, db.Time.GetUtcNow());
        await store.CommitAsync(new Commit(Ws, "start-" + d.Id) { Deliberation = d, FlowSnapshot = flow, Participants = [p] }, default);
        return ((await store.FindAsync(Ws, d.Id, default))!, p);
    }
}

public sealed class SqliteDeliberationStoreTests() : DeliberationStoreContract(new SqliteTestDatabase());

public sealed class PostgresDeliberationStoreTests() : DeliberationStoreContract(new PostgresTestDatabase());
