using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Digests;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Reports;
using DeliberationBot.Core.Stakeholders;
using DeliberationBot.Core.Tests.Support;

namespace DeliberationBot.Core.Tests.Digests;

/// <summary>One snapshot per run, many readers: each reader's digest is the workspace's part plus what is theirs.</summary>
public class DigestSnapshotTests
{
    private const string Ws = "T1";
    private static readonly DateTimeOffset Now = new(2026, 11, 9, 9, 0, 0, TimeSpan.Zero);
    private static readonly ConversationRef Home = new("slack", Ws, "C1");
    private static readonly UserRef Ana = new("U0ANA", "Ana");
    private static readonly UserRef Ben = new("U0BEN", "Ben");

    [Theory]
    [InlineData(-2, "2 days overdue")]
    [InlineData(0, "today")]
    [InlineData(1, "in 1 day")]
    public void When_something_falls_due_reads_as_a_leader_would_say_it(int daysLeft, string said)
    {
        Assert.Equal(said, new DigestDue("Screening", "Deliberation closes", new DateOnly(2026, 12, 4), daysLeft).When);
    }

    [Theory]
    [InlineData(0, "raised today")]
    [InlineData(1, "1 day old")]
    [InlineData(9, "9 days old")]
    public void A_concerns_age_reads_as_a_leader_would_say_it(int days, string said)
    {
        var concern = new DigestConcern(Guid.NewGuid(), "Screening", 1, "Nobody asked the night shift.", [StakeholderGroup.FrontlineWorker], days, ConcernStatus.Open);

        Assert.Equal(said, concern.Age);
    }

    [Fact]
    public void Readers_whose_last_digests_differ_share_the_workspace_part_and_each_get_their_own_changes()
    {
        var snapshot = DigestComposer.Snapshot(Guid.NewGuid(), Ws, Sources(), Now, staleAfterDays: 7);

        var ana = snapshot.For(Now.AddDays(-7), "2026-W46", late: false, wasDue: null, "Europe/Berlin");
        var ben = snapshot.For(Now.AddDays(-1), "2026-W46", late: true, wasDue: Now.AddHours(-2), "America/Chicago");

        Assert.Same(ana.Proposals, ben.Proposals);
        Assert.Equal(["Hotline screening", "Benefit eligibility"], ana.Proposals.Select(p => p.Title));
        Assert.True(ana.Proposals[1].AwaitingDecision);
        Assert.Equal([1, 4, 2], ana.Proposals[0].OpenConcerns.Select(c => c.Number)); // oldest first
        Assert.Equal(["Hotline screening #1"], ana.Stale.Select(c => $"{c.Proposal} #{c.Number}"));
        Assert.Equal(["Hotline screening: Deliberation closes", "Hotline screening: Condition #4: Night shift trial first"], ana.ComingDue.Select(d => $"{d.Proposal}: {d.What}"));

        Assert.Equal([2, 4], ana.NewSinceLast.Select(c => c.Number)); // raised 2 and 3 days ago
        Assert.Equal([3], ana.ClosedSinceLast.Select(c => c.Number));
        Assert.Empty(ben.NewSinceLast);
        Assert.Empty(ben.ClosedSinceLast);
        Assert.Equal(("Europe/Berlin", false, "America/Chicago", true), (ana.TimeZone, ana.Late, ben.TimeZone, ben.Late));
    }

    [Fact]
    public async Task Each_reader_gets_their_own_page_links_from_one_read_of_the_snapshot()
    {
        var snapshot = DigestComposer.Snapshot(Guid.NewGuid(), Ws, Sources(), Now, staleAfterDays: 7);
        var store = new SnapshotShelf(snapshot);
        var expander = Expander(store);

        var forAna = Assert.IsType<WeeklyDigest>(await expander.RefreshAsync(Reference(snapshot, Ana, Now.AddDays(-7)), default));
        var forBen = Assert.IsType<WeeklyDigest>(await expander.RefreshAsync(Reference(snapshot, Ben, Now.AddDays(-1)), default));

        Assert.Equal(1, store.Reads);
        Assert.All(forAna.Proposals, p => Assert.Equal($"https://bot.test/d/{p.Id:N}?for=U0ANA", p.Report!.AbsoluteUri));
        Assert.All(forBen.Proposals, p => Assert.Equal($"https://bot.test/d/{p.Id:N}?for=U0BEN", p.Report!.AbsoluteUri));
        Assert.Equal([2, 4], forAna.NewSinceLast.Select(c => c.Number));
        Assert.Empty(forBen.NewSinceLast);
        Assert.Contains("Page: https://bot.test/d/", PlainTextRenderer.Render(forAna), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readers_sent_side_by_side_share_one_read_of_their_snapshot()
    {
        var snapshot = DigestComposer.Snapshot(Guid.NewGuid(), Ws, Sources(), Now, staleAfterDays: 7);
        var store = new SnapshotShelf(snapshot) { Held = new TaskCompletionSource() };
        var expander = Expander(store);

        var sends = Enumerable.Range(1, 8).Select(i => expander.RefreshAsync(Reference(snapshot, new UserRef($"U0L{i}", $"Leader {i}"), Now.AddDays(-7)), default)).ToList();
        store.Held.SetResult(); // the read answers only once every send has asked for it
        var digests = await Task.WhenAll(sends);

        Assert.Equal(1, store.Reads);
        Assert.Equal(8, digests.Select(d => ((WeeklyDigest)d).Proposals[0].Report).Distinct().Count());
    }

    [Fact]
    public async Task Other_messages_pass_through_and_a_digest_whose_snapshot_was_pruned_is_composed_from_the_record_as_it_is_now()
    {
        var expander = Expander(new SnapshotShelf());
        var note = new OutboxMessage(Guid.NewGuid(), Ws, "note", Destination.To(Home), new Confirmation("hello"), Now);
        var pruned = Reference(DigestComposer.Snapshot(Guid.NewGuid(), Ws, [], Now.AddDays(-40), 7), Ana, Now.AddDays(-7));

        Assert.Same(note.Message, await expander.RefreshAsync(note, default));
        var digest = Assert.IsType<WeeklyDigest>(await expander.RefreshAsync(pruned, default));
        Assert.Equal(["Hotline screening", "Benefit eligibility"], digest.Proposals.Select(p => p.Title));
        Assert.Equal([2, 4], digest.NewSinceLast.Select(c => c.Number));
        Assert.All(digest.Proposals, p => Assert.EndsWith("?for=U0ANA", p.Report!.AbsoluteUri, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_deliberation_held_in_a_private_conversation_reaches_only_the_digests_of_its_members()
    {
        var sources = Sources();
        var privateHome = new ConversationRef("slack", Ws, "G1");
        sources[0] = sources[0] with { Deliberation = sources[0].Deliberation with { Home = privateHome } }; // Hotline screening
        var snapshot = DigestComposer.Snapshot(Guid.NewGuid(), Ws, sources, Now, staleAfterDays: 7);
        var platform = new Readers("slack", (conversation, person) => conversation.ConversationId switch
        {
            "C1" => true, // a public channel: anyone in the workspace
            "G1" => person.Id switch { "U0ANA" => true, "U0BEN" => false, _ => null },
            _ => false,
        });
        var expander = Expander(new SnapshotShelf(snapshot), platform);

        var forAna = Assert.IsType<WeeklyDigest>(await expander.RefreshAsync(Reference(snapshot, Ana, Now.AddDays(-7)), default));
        var forBen = Assert.IsType<WeeklyDigest>(await expander.RefreshAsync(Reference(snapshot, Ben, Now.AddDays(-7)), default));
        var forCy = Assert.IsType<WeeklyDigest>(await expander.RefreshAsync(Reference(snapshot, new UserRef("U0CY", "Cy"), Now.AddDays(-7)), default));

        Assert.Equal(["Hotline screening", "Benefit eligibility"], forAna.Proposals.Select(p => p.Title));
        Assert.Equal([2, 4], forAna.NewSinceLast.Select(c => c.Number));
        Assert.Equal(0, forAna.LeftOut);

        // Ben is not in the private channel: nothing it said reaches him, in any part of the digest.
        Assert.Equal(["Benefit eligibility"], forBen.Proposals.Select(p => p.Title));
        Assert.Empty(forBen.NewSinceLast);
        Assert.Empty(forBen.ClosedSinceLast);
        Assert.Empty(forBen.Stale);
        Assert.Empty(forBen.ComingDue);
        Assert.Equal(0, forBen.LeftOut);
        Assert.DoesNotContain("Hotline", PlainTextRenderer.Render(forBen), StringComparison.Ordinal);
        Assert.DoesNotContain("not in this digest", PlainTextRenderer.Render(forBen), StringComparison.Ordinal);

        // For Cy the platform would not say: left out, and the digest says so.
        Assert.Equal(["Benefit eligibility"], forCy.Proposals.Select(p => p.Title));
        Assert.Equal(1, forCy.LeftOut);
        Assert.Contains("1 deliberation is not in this digest: I couldn't check whether you are in the conversation it is held in.", PlainTextRenderer.Render(forCy), StringComparison.Ordinal);
        Assert.Equal(new[] { "G1:U0ANA", "C1:U0ANA", "G1:U0BEN", "C1:U0BEN", "G1:U0CY", "C1:U0CY" }.Order(), platform.Asked.Order());

        // Dana facilitates them all: she is sent every concern anyway, so her digest has them wherever they are held.
        var forDana = Assert.IsType<WeeklyDigest>(await expander.RefreshAsync(Reference(snapshot, new UserRef("U0DANA", "Dana"), Now.AddDays(-7)), default));
        Assert.Equal(["Hotline screening", "Benefit eligibility"], forDana.Proposals.Select(p => p.Title));
        Assert.Equal(0, forDana.LeftOut);
        Assert.DoesNotContain(platform.Asked, a => a.EndsWith(":U0DANA", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_digest_whose_snapshot_does_not_say_where_each_deliberation_is_held_is_composed_again_rather_than_shown_to_anyone()
    {
        var stored = DigestComposer.Snapshot(Guid.NewGuid(), Ws, Sources(), Now, staleAfterDays: 7) with { Homes = null }; // stored before homes were kept
        var nobody = new Readers("slack", (_, _) => false);
        var expander = Expander(new SnapshotShelf(stored), nobody);

        var digest = Assert.IsType<WeeklyDigest>(await expander.RefreshAsync(Reference(stored, Ana, Now.AddDays(-7)), default));

        Assert.True(digest.IsEmpty);
        Assert.NotEmpty(nobody.Asked);
    }

    [Fact]
    public async Task A_platform_that_cannot_be_asked_now_leaves_the_digest_to_be_sent_later()
    {
        var snapshot = DigestComposer.Snapshot(Guid.NewGuid(), Ws, Sources(), Now, staleAfterDays: 7);
        var down = new Readers("slack", (_, _) => throw new ConversationReadersUnavailableException("Slack conversations.info: http_503"));
        var expander = Expander(new SnapshotShelf(snapshot), down);

        await Assert.ThrowsAsync<ConversationReadersUnavailableException>(() => expander.RefreshAsync(Reference(snapshot, Ana, Now.AddDays(-7)), default));
    }

    /// <summary>A platform answering by a rule, recording each "conversation:person" it was asked about.</summary>
    private sealed class Readers(string channel, Func<ConversationRef, UserRef, bool?> rule) : IConversationReaders
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _asked = new();

        public IReadOnlyList<string> Asked => [.. _asked];

        public string Channel => channel;

        public Task<bool?> MayReadAsync(ConversationRef conversation, UserRef person, CancellationToken ct)
        {
            _asked.Enqueue($"{conversation.ConversationId}:{person.Id}");
            return Task.FromResult(rule(conversation, person));
        }
    }

    private static DigestExpander Expander(IDigestStore store, params IConversationReaders[] platforms) =>
        new(store, new ServiceBed().DigestSources(store), new DigestAudience(platforms), new ReaderLinks(), Microsoft.Extensions.Options.Options.Create(new DigestOptions()), new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Now));

    private static OutboxMessage Reference(DigestSnapshot snapshot, UserRef reader, DateTimeOffset since) => new(
        Guid.NewGuid(), Ws, $"digest:{reader.Id}:2026-W46", Destination.PrivatelyTo(Home, reader),
        new DigestReference(snapshot.Id, since, "2026-W46", false, null, "UTC"), Now);

    [Fact]
    public void A_concern_raised_by_a_questions_rule_reads_as_its_question_then_what_people_answered_and_only_their_words_are_quoted()
    {
        var hotline = Sources()[0].Deliberation;
        Concern rule = new(Guid.NewGuid(), hotline.Id, 5, ConcernKind.Concern, ConcernOrigin.FlowRule, "first", "workers-only",
            "Answers that meet this question's concern rule (any of \"No\").", [StakeholderGroup.FrontlineWorker], ["user:U0A", "user:U0B", "user:U0C"],
            ConcernStatus.Open, null, null, null, [], Now.AddDays(-1), Now.AddDays(-1))
        {
            Voices = [new("user:U0A", StakeholderGroup.FrontlineWorker, "Ann", "No", "workers-only"), new("user:U0B", StakeholderGroup.FrontlineWorker, "Ben", "No", "workers-only"),
                new("user:U0C", StakeholderGroup.FrontlineWorker, null, "Not sure", "workers-only")],
        };

        var (question, words) = DigestComposer.WordsOf(rule, Flows.TestFlows.Engine);
        Assert.Equal("Workers only?", question);
        Assert.Equal([new("No", 2), new("Not sure", 1)], words);
        var digest = DigestComposer.Compose([new DigestSource(hotline, [rule], []) { Flow = Flows.TestFlows.Engine }], Now, Now.AddDays(-7), 7, "2026-W46", false, null, "UTC");
        Assert.Contains("#5 Workers only? \"No\" (×2) · \"Not sure\" — Frontline worker; 1 day old", PlainTextRenderer.Render(digest), StringComparison.Ordinal);
        // Without its flow, the concern reads as it was stored, and nothing but that is quoted.
        var stored = DigestComposer.WordsOf(rule, null);
        Assert.Null(stored.Question);
        Assert.Equal([new DigestWords(rule.Text, 1)], stored.Words);
    }

    [Fact]
    public void A_condition_of_the_decision_reads_as_one_and_words_the_facilitator_or_an_owner_recorded_as_theirs()
    {
        var hotline = Sources()[0].Deliberation;
        Concern Recorded(int number, string text, string raiser, ConcernKind kind = ConcernKind.Concern) => new(
            Guid.NewGuid(), hotline.Id, number, kind, kind == ConcernKind.Condition ? ConcernOrigin.Decision : ConcernOrigin.Facilitator, null, null, text, [], [raiser],
            ConcernStatus.Open, null, kind == ConcernKind.Condition ? new UserRef("U0MARIA", "Maria") : null, kind == ConcernKind.Condition ? new DateOnly(2026, 12, 10) : null, [], Now.AddDays(-1), Now.AddDays(-1));

        var digest = DigestComposer.Compose(
            [new DigestSource(hotline, [Recorded(1, "Explain each score.", "user:U0DANA", ConcernKind.Condition), Recorded(2, "Nobody asked the families.", "user:U0DANA"), Recorded(3, "The contract is unsigned.", "user:U0MARIA")], [])],
            Now, Now.AddDays(-7), 7, "2026-W46", false, null, "UTC");

        var text = PlainTextRenderer.Render(digest);
        Assert.Contains("#1 \"Explain each score.\" — a condition of the decision, owner Maria, due 2026-12-10; 1 day old", text, StringComparison.Ordinal);
        Assert.Contains("#2 \"Nobody asked the families.\" — the facilitator; 1 day old", text, StringComparison.Ordinal);
        Assert.Contains("#3 \"The contract is unsigned.\" — an owner; 1 day old", text, StringComparison.Ordinal);
        Assert.Contains(": 2 open concerns and 1 open condition across 1 proposal;", text, StringComparison.Ordinal);

        // Where it stands is said as a condition's: met or not by its owner, accepted by the person who set it.
        DigestConcern Condition(ConcernStatus status, string? response, DateTimeOffset set) => DigestComposer.Compose(
            [new DigestSource(hotline, [Recorded(1, "Explain each score.", "user:U0DANA", ConcernKind.Condition) with { Status = status, Response = response, CreatedAt = set }], [])],
            Now, Now.AddDays(-7), 7, "2026-W46", false, null, "UTC").Proposals.Single().OpenConcerns.Single();
        Assert.Equal(["No response from its owner yet."], Condition(ConcernStatus.Open, null, Now.AddDays(-1)).StandingLines(t => t));
        Assert.Equal("set today", Condition(ConcernStatus.Open, null, Now).Age);
        Assert.Equal(
            ["Its owner says it is met: \u201CEach score comes with its three main reasons.\u201D Waiting for the person who set it to accept."],
            Condition(ConcernStatus.Addressed, "Each score comes with its three main reasons.", Now).StandingLines(t => t));
        Assert.Equal(
            ["Its owner says it won't be met: \u201CThe vendor will not share reasons.\u201D Waiting for the person who set it to accept."],
            Condition(ConcernStatus.WontAddress, "The vendor will not share reasons.", Now).StandingLines(t => t));
    }

    [Fact]
    public void A_confirmed_suggestion_reads_as_the_AI_summarys_words_then_the_answers_it_cited()
    {
        var hotline = Sources()[0].Deliberation;
        Concern Suggested(int number, params ConcernVoice[] cited) => new(Guid.NewGuid(), hotline.Id, number, ConcernKind.Concern, ConcernOrigin.ConfirmedSuggestion, "first", null,
            "Night staff were never told its purpose.", [], ["user:U0DANA"], ConcernStatus.Open, null, null, null, [], Now.AddDays(-1), Now.AddDays(-1))
        {
            Voices = [new("user:U0DANA", null, "Dana", "Night staff were never told its purpose.", null) { Suggested = true }, .. cited],
        };
        var withWords = Suggested(6, new ConcernVoice("user:U0A", StakeholderGroup.FrontlineWorker, "Ann", "Nobody told us what it is for.", "workers-only") { Cited = true });

        var digest = DigestComposer.Compose([new DigestSource(hotline, [withWords, Suggested(7)], []) { Flow = Flows.TestFlows.Engine }], Now, Now.AddDays(-7), 7, "2026-W46", false, null, "UTC");

        var text = PlainTextRenderer.Render(digest);
        Assert.Contains("#6 suggested by the AI summary, confirmed by the facilitator: \"Night staff were never told its purpose.\" · Workers only? \"Nobody told us what it is for.\"", text, StringComparison.Ordinal);
        Assert.Contains("#7 suggested by the AI summary, confirmed by the facilitator: \"Night staff were never told its purpose.\" —", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_shortened_concern_says_where_it_is_read_whole_the_readers_page_first_when_the_digest_links_one()
    {
        var hotline = Sources()[0].Deliberation;
        var words = string.Join(" ", Enumerable.Repeat("Nobody timed the new fields on a night shift.", 8));
        Concern Long(ConcernStatus status) => new(Guid.NewGuid(), hotline.Id, 6, ConcernKind.Concern, ConcernOrigin.FlaggedAnswer, "first", "intro", words,
            [StakeholderGroup.FrontlineWorker], ["user:U0A"], status, null, null, null, [], Now.AddDays(-2), Now.AddDays(-1));

        // Only resolved since the last digest, and still shown with its words: the note is there all the same.
        var resolved = DigestComposer.Compose([new DigestSource(hotline, [Long(ConcernStatus.Resolved)], [])], Now, Now.AddDays(-7), 7, "2026-W46", false, null, "UTC");
        Assert.True(Assert.Single(resolved.ClosedSinceLast).Shortened);
        Assert.Contains("Concerns ending in … are shortened here; \"concerns\" in the deliberation's conversation shows each in full.", PlainTextRenderer.Render(resolved), StringComparison.Ordinal);

        var open = DigestComposer.Compose([new DigestSource(hotline, [Long(ConcernStatus.Open)], [])], Now, Now.AddDays(-7), 7, "2026-W46", false, null, "UTC");
        var linked = open with { Proposals = [.. open.Proposals.Select(p => p with { Report = new Uri("https://bot.example/d/x?token=t") })] };
        Assert.Contains("each proposal's page, linked here, shows them in full", PlainTextRenderer.Render(linked), StringComparison.Ordinal);
    }

    [Fact]
    public void A_leader_reads_where_each_concern_stands_in_the_owners_and_the_raisers_words_and_everyone_whose_words_were_merged_into_it()
    {
        var hotline = Sources()[0].Deliberation;
        Concern Raised(int number, string raiser, StakeholderGroup group, string words, ConcernStatus status, string? response) => new(
            Guid.NewGuid(), hotline.Id, number, ConcernKind.Concern, ConcernOrigin.FlaggedAnswer, "first", "intro", words, [group], [raiser], status, response, null, null, [],
            Now.AddDays(-3), Now.AddDays(-1))
        {
            Voices = [new(raiser, group, null, words, "intro")],
        };

        var ana = Raised(1, "user:U0ANA", StakeholderGroup.FrontlineWorker, "Nobody asked the night shift how they triage today.", ConcernStatus.Open, "Night shift leads will review the fields before any pilot.");
        var cy = Raised(3, "user:U0CY", StakeholderGroup.FrontlineWorker, "The night shift will type every call twice.", ConcernStatus.Merged, null) with { MergedInto = 1 };
        var bo = Raised(6, "user:U0BO", StakeholderGroup.FrontlineWorker, "No", ConcernStatus.Merged, null) with
        {
            QuestionId = "workers-only", MergedInto = 1, Voices = [new("user:U0BO", StakeholderGroup.FrontlineWorker, null, "No", "workers-only")],
        };
        // Cy's concern was merged into Ana's; the owners marked it addressed; Ana reopened it with her reason.
        ana = ana with
        {
            Raisers = [.. ana.Raisers, .. cy.Raisers, .. bo.Raisers],
            Voices = [.. ana.Voices, .. cy.Voices, .. bo.Voices, new("user:U0ANA", StakeholderGroup.FrontlineWorker, null, "The review comes after the pilot starts.", null) { Reopening = true }],
        };
        var lex = Raised(2, "user:U0LEX", StakeholderGroup.LegalPolicy, "A court could subpoena the score.", ConcernStatus.WontAddress, "Retention is set by the state records schedule.");
        var both = Raised(4, "user:U0BO", StakeholderGroup.FrontlineWorker, "Who checks the vendor's data?", ConcernStatus.Addressed, "Research checks it quarterly.") with
        {
            Raisers = ["user:U0BO", "user:U0DI"], AcceptedBy = ["user:U0DI"],
        };
        var settled = Raised(5, "user:U0DI", StakeholderGroup.FrontlineWorker, "Is there a manual path?", ConcernStatus.Resolved, "Yes: any worker can skip the score.");

        var digest = DigestComposer.Compose([new DigestSource(hotline, [ana, lex, cy, both, settled, bo], []) { Flow = Flows.TestFlows.Engine }], Now, Now.AddDays(-7), 7, "2026-W46", false, null, "UTC");
        var text = PlainTextRenderer.Render(digest);

        Assert.Contains("""
                #1 "Nobody asked the night shift how they triage today." · "The night shift will type every call twice." · Workers only? "No" — Frontline worker; 3 days old
                    Reopened by one of the people who raised it: "The review comes after the pilot starts."
                    Response, before it was reopened: "Night shift leads will review the fields before any pilot."
            """.ReplaceLineEndings(), text, StringComparison.Ordinal);
        Assert.Contains("""
                #2 "A court could subpoena the score." — Legal & policy; 3 days old
                    The owners will not address it: "Retention is set by the state records schedule." Waiting for the person who raised it to accept.
            """.ReplaceLineEndings(), text, StringComparison.Ordinal);
        Assert.Contains("""
                    The owners say it is addressed: "Research checks it quarterly." Waiting for the people who raised it to accept (1 of 2 have).
            """.ReplaceLineEndings(), text, StringComparison.Ordinal);
        // The merged concern is neither new nor resolved: its words are read in the concern it joined.
        Assert.Equal([1, 2, 4, 5], digest.NewSinceLast.Select(c => c.Number));
        Assert.Equal([5], digest.ClosedSinceLast.Select(c => c.Number));
        Assert.Equal(["The person who raised it accepted the response: \u201CYes: any worker can skip the score.\u201D"], digest.ClosedSinceLast[0].StandingLines(t => t));
        Assert.Contains("""
            Closed since the last digest:
                Hotline screening #5: "Is there a manual path?" — resolved
                    The person who raised it accepted the response: "Yes: any worker can skip the score."
            """.ReplaceLineEndings(), text, StringComparison.Ordinal);

        // What was accepted is read with it: a concern that won't be addressed, a condition met or not.
        var declined = settled with { OwnersAnswer = OwnersAnswer.WontAddress, Response = "Not in this budget." };
        var met = settled with { Number = 6, Kind = ConcernKind.Condition, Origin = ConcernOrigin.Decision, OwnersAnswer = OwnersAnswer.Addressed, Response = "Logged since March." };
        var notMet = met with { Number = 7, OwnersAnswer = OwnersAnswer.WontAddress, Response = "The vendor cannot log it." };
        var answered = DigestComposer.Compose([new DigestSource(hotline, [declined, met, notMet], []) { Flow = Flows.TestFlows.Engine }], Now, Now.AddDays(-7), 7, "2026-W46", false, null, "UTC");
        Assert.Equal(
            [["The person who raised it accepted that it won't be addressed: \u201CNot in this budget.\u201D"], ["The person who set it accepted that it is met: \u201CLogged since March.\u201D"],
             ["The person who set it accepted that it won't be met: \u201CThe vendor cannot log it.\u201D"]],
            answered.ClosedSinceLast.Select(c => c.StandingLines(t => t)));
        Assert.Equal(["resolved (won't be addressed)", "met", "resolved (won't be met)"], answered.ClosedSinceLast.Select(c => c.StatusWords));

        // What the facilitator closed without the person who raised it accepting is never counted, or listed, as resolved.
        var closed = Raised(8, "user:U0EVE", StakeholderGroup.Community, "Residents were never told the score exists.", ConcernStatus.ClosedByFacilitator, "Out of scope for this pilot.");
        var week = DigestComposer.Compose([new DigestSource(hotline, [settled, closed], []) { Flow = Flows.TestFlows.Engine }], Now, Now.AddDays(-7), 7, "2026-W46", false, null, "UTC");
        Assert.Equal("2 new, 1 resolved and 1 closed by the facilitator since the last digest", week.SinceLast);
        var weekText = PlainTextRenderer.Render(week);
        Assert.Contains("2 new, 1 resolved and 1 closed by the facilitator since the last digest.", weekText, StringComparison.Ordinal);
        Assert.Contains("""
                Hotline screening #8: "Residents were never told the score exists." — closed by the facilitator
                    Closed by the facilitator without the person who raised it accepting: "Out of scope for this pilot."
            """.ReplaceLineEndings(), weekText, StringComparison.Ordinal);
        Assert.DoesNotContain("resolved since", weekText, StringComparison.Ordinal);
    }

    /// <summary>An open deliberation with concerns of every kind of age and state; one closed awaiting its decision; one decided.</summary>
    [Fact]
    public void A_proposal_decided_with_concerns_unresolved_says_it_was_decided_and_how()
    {
        var decided = Sources()[2].Deliberation;
        var concern = new Concern(Guid.NewGuid(), decided.Id, 1, ConcernKind.Concern, ConcernOrigin.FlaggedAnswer, "work", "minutes", "Permits favour car owners",
            [StakeholderGroup.Community], ["user:U0P"], ConcernStatus.Open, null, null, null, [], Now.AddDays(-5), Now.AddDays(-5));
        var digest = DigestComposer.Compose([new DigestSource(decided, [concern], [])], Now, Now.AddDays(-7), 7, "2026-W46", false, null, "UTC");

        // A leader reads that the decision is made, not that the proposal is still being discussed, and that these are left open.
        var proposal = Assert.Single(digest.Proposals);
        Assert.False(proposal.AwaitingDecision);
        Assert.Equal("decided 2026-11-06: Go, with the concerns below still unresolved", proposal.Standing);
        Assert.Contains("• Parking permits (due 2026-11-14) — decided 2026-11-06: Go, with the concerns below still unresolved", PlainTextRenderer.Render(digest), StringComparison.Ordinal);
        Assert.Equal("closed, awaiting the decision", DigestComposer.Compose([Sources()[1] with { Concerns = [concern] }], Now, Now.AddDays(-7), 7, "2026-W46", false, null, "UTC").Proposals.Single().Standing);
    }

    private static List<DigestSource> Sources()
    {
        var facilitator = new UserRef("U0DANA", "Dana");
        Deliberation Deliberation(string title, DeliberationStatus status, Decision? decision = null) => new(
            Guid.NewGuid(), Ws, "services", ServiceBed.FlowVersion, title, null, [facilitator], facilitator, Home, DateOnly.FromDateTime(Now.AddDays(5).UtcDateTime),
            AnonymityPolicy.AnonymousAllowed, status, Now.AddDays(-30), status == DeliberationStatus.Open ? null : Now.AddDays(-4), decision);
        Concern Concern(Deliberation d, int number, string text, ConcernStatus status, DateTimeOffset created, DateTimeOffset updated, ConcernKind kind = ConcernKind.Concern, DateOnly? due = null) => new(
            Guid.NewGuid(), d.Id, number, kind, ConcernOrigin.FlaggedAnswer, "work", "minutes", text, [StakeholderGroup.FrontlineWorker], ["user:U0P"], status, null, null, due, [], created, updated);

        var hotline = Deliberation("Hotline screening", DeliberationStatus.Open);
        var benefits = Deliberation("Benefit eligibility", DeliberationStatus.Closed);
        var decided = Deliberation("Parking permits", DeliberationStatus.Closed, new Decision(DecisionOutcome.Go, "Agreed", facilitator, Now.AddDays(-3)));
        return
        [
            new(hotline,
                [
                    Concern(hotline, 1, "Adds twenty minutes a case", ConcernStatus.Open, Now.AddDays(-20), Now.AddDays(-20)),
                    Concern(hotline, 2, "Nobody asked the families", ConcernStatus.Open, Now.AddDays(-2), Now.AddDays(-2)),
                    Concern(hotline, 3, "The vendor's data sheet", ConcernStatus.Resolved, Now.AddDays(-25), Now.AddDays(-3)),
                    Concern(hotline, 4, "Night shift trial first", ConcernStatus.Open, Now.AddDays(-3), Now.AddDays(-3), ConcernKind.Condition, DateOnly.FromDateTime(Now.AddDays(10).UtcDateTime)),
                ],
                [new Participant(hotline.Id, "user:U0P", "U0P", "Pat", StakeholderGroup.FrontlineWorker, false, Now.AddDays(-29))]),
            new(benefits, [], []),
            new(decided, [], []),
        ];
    }

    private sealed class ReaderLinks : IReportLinkSigner
    {
        public ReportLink Sign(string workspaceId, Guid deliberationId, string title, UserRef viewer) =>
            new(deliberationId, title, new Uri($"https://bot.test/d/{deliberationId:N}?for={viewer.Id}"), Now.AddDays(7));

        public ReportGrant? Verify(string token) => null;
    }

    /// <summary>Snapshots kept in memory, counting reads, over the workspace of <see cref="Sources"/>; the job's writes are not what these tests are about.</summary>
    private sealed class SnapshotShelf(params DigestSnapshot[] snapshots) : IDigestStore
    {
        public int Reads { get; private set; }

        /// <summary>When set, a read answers only once this completes.</summary>
        public TaskCompletionSource? Held { get; init; }

        public async Task<DigestSnapshot?> FindSnapshotAsync(string workspaceId, Guid id, CancellationToken ct)
        {
            Reads++;
            if (Held is not null)
            {
                await Held.Task;
            }

            return snapshots.FirstOrDefault(s => s.Id == id && s.WorkspaceId == workspaceId);
        }

        public Task<IReadOnlyList<DigestSource>> ListSourcesAsync(string workspaceId, DateTimeOffset closedSince, CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<DigestSource>>(Sources());

        public Task SaveSnapshotAsync(DigestSnapshot snapshot, CancellationToken ct) => throw new NotSupportedException();

        public Task<CommitOutcome> CommitAsync(IReadOnlyList<DigestWrite> writes, CancellationToken ct) => throw new NotSupportedException();

        public Task<int> PruneSnapshotsAsync(DateTimeOffset takenBefore, CancellationToken ct) => throw new NotSupportedException();
    }
}
