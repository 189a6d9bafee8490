using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Digests;
using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Stakeholders;
using DeliberationBot.Core.Summaries;

namespace DeliberationBot.Teams.Tests.Cards;

/// <summary>Core's long messages filled in by hand, with <paramref name="text"/> wherever people's words end up.</summary>
internal static class Samples
{
    public static readonly Guid Id = Guid.Parse("0199aaaa-0000-7000-8000-000000000001");

    public static DigestConcern Concern(string proposal, int number, string text, int age, params StakeholderGroup[] groups) =>
        new(Guid.NewGuid(), proposal, number, text, groups, age, ConcernStatus.Open);

    public static WeeklyDigest Digest(string text, bool late = false, int proposals = 2, int concernsEach = 2)
    {
        var list = Enumerable.Range(1, proposals).Select(p => new DigestProposal(
            Guid.NewGuid(), $"{text} proposal {p}", DeliberationStatus.Open, new DateOnly(2026, 12, 18),
            [.. Enumerable.Range(1, concernsEach).Select(c => Concern($"{text} proposal {p}", c, $"{text} concern {p}.{c}", 30 - c, StakeholderGroup.FrontlineWorker, StakeholderGroup.Community))],
            [StakeholderGroup.Vendor, StakeholderGroup.LegalPolicy])).ToList();
        return new WeeklyDigest(
            "2026-W48", late, late ? new DateTimeOffset(2026, 11, 30, 15, 0, 0, TimeSpan.Zero) : null, "America/Chicago", list,
            NewSinceLast: [Concern(list[0].Title, 9, text + " new", 2, StakeholderGroup.Vendor)],
            ClosedSinceLast: [Concern(list[0].Title, 4, text + " resolved", 20) with { Status = ConcernStatus.Resolved }],
            Stale: [Concern(list[0].Title, 1, text + " stale", 29, StakeholderGroup.Community)],
            ComingDue: [new DigestDue(list[0].Title, "Deliberation closes", new DateOnly(2026, 12, 4), 3), new DigestDue(text, "Condition #2: " + text, new DateOnly(2026, 11, 28), -2)],
            StaleAfterDays: 14);
    }

    public static DecisionRecorded Decision(string text, DecisionOutcome outcome = DecisionOutcome.GoWithConditions) => new(
        Id, text, new Decision(outcome, text, new UserRef("f", "Fiona " + text), new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero)),
        [new ConcernView(Id, 2, ConcernKind.Condition, null, text, [], 1, ConcernStatus.Open, null, new UserRef("m", "Maria"), new DateOnly(2027, 1, 15), [])]);

    public static SummaryReport Summary(string text, int questions = 2, int concernsEach = 2, SummarySource source = SummarySource.Model, int quoteLength = 0, int dropped = 2)
    {
        var quote = quoteLength > text.Length ? text + new string('x', quoteLength - text.Length) : text;
        var sections = new[] { new SectionSummary("goals", "Goals " + text, [.. Enumerable.Range(1, questions).Select(q => new QuestionSummary(
            $"q{q}", "goals", $"Question {q}: {text}", AnswerKind.FreeText, null,
            [.. new[] { StakeholderGroup.AgencyLeader, StakeholderGroup.FrontlineWorker }.Select((g, i) => new GroupAnswers(g, 5 + concernsEach, 0, 0, [], null,
                [new QuotedAnswer($"A{(q * 100) + 50 + i}", g, $"Said {q}.{i + 1}: {quote}", false, false)],
                new QuotedAnswer($"A{(q * 100) + 60 + i}", g, $"Apart {q}.{i + 1}: {quote}", false, false), 3, i == 1 ? concernsEach : 0, 0))],
            [.. Enumerable.Range(1, concernsEach).Select(c => new QuotedAnswer($"A{(q * 100) + c}", StakeholderGroup.FrontlineWorker, $"Concern {q}.{c}: {quote}", true, false))],
            [new Statement($"Most agency leaders said {q}.", [$"A{(q * 100) + 50}"], StatementOrigin.Rule)]))]) };
        var summary = new DeliberationSummary(
            Id, text, "ai-proposal", "1", source, source == SummarySource.OfflineFallback ? "timeout" : null, 3, 12, 80,
            [new Disagreement("q1", "goals", "Disagreed: " + text, DisagreementKind.Majority,
                [new GroupPosition(StakeholderGroup.FrontlineWorker, 4, "no", null, "no", ["A1", "A2"])],
                new Statement("Frontline workers mostly said no; agency leaders mostly said yes.", ["A1", "A2", "A3"], StatementOrigin.Rule))],
            new VoicesHeard(
                [new VoicesHeardSection("goals", "Goals"), new VoicesHeardSection("daily-work", "Daily work")],
                [new VoicesHeardRow(StakeholderGroup.FrontlineWorker, 4, [new VoicesHeardCell("goals", 4, 10, true), new VoicesHeardCell("daily-work", 0, 0, true)])],
                [new VoiceGap(VoiceGapKind.GroupAbsent, StakeholderGroup.Community, null, "No community member or advocate has taken part.")]),
            [new LabourEstimate("minutes", "daily-work", "Added minutes per case? " + text, "minutes",
                [new GroupLabour(StakeholderGroup.FrontlineWorker, new NumberStats(4, 9, 5, 15), ["A7"]), new GroupLabour(StakeholderGroup.AgencyLeader, new NumberStats(1, 2, 2, 2), ["A8"]),
                    new GroupLabour(StakeholderGroup.Vendor, new NumberStats(1, 3, 3, 3), ["A9"])],
                new Statement("Frontline workers: 9 minutes (median of 4 people, from 5 to 15); agency leaders estimate 2 minutes (1 person).", ["A7", "A8"], StatementOrigin.Rule))],
            sections,
            source == SummarySource.Model ? [new SuggestedConcern("Error rates are unknown: " + text, "goals", "q1", ["A4"])] : [],
            source == SummarySource.Model ? dropped : 0,
            0);
        return new SummaryReport(Id, text, summary);
    }
}
