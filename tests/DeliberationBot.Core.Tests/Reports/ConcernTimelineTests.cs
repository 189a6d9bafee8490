using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Reports;
using DeliberationBot.Core.Stakeholders;

namespace DeliberationBot.Core.Tests.Reports;

public class ConcernTimelineTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly UserRef Dana = new("U-DANA", "Dana");

    private static readonly Deliberation D = new(Guid.NewGuid(), "T1", "quick-check", "v1", "Screening", null, [new UserRef("U-MARIA")], Dana,
        new ConversationRef("test", "T1", "C1"), null, AnonymityPolicy.Named, DeliberationStatus.Closed, Start);

    [Fact]
    public void Each_day_counts_concerns_where_they_stood_at_its_end_replayed_with_the_lifecycle_rules()
    {
        var first = Concern(1, Start.AddDays(1), ConcernStatus.Resolved, raisers: ["user:U-ANA", "user:U-LI"]);
        var second = Concern(2, Start.AddDays(2), ConcernStatus.Addressed);
        var events = new List<DeliberationEvent>
        {
            Event("concern.addressed", "#1: done", "user:U-MARIA", Start.AddDays(2)),
            Event("concern.accepted", "#1", "user:U-ANA", Start.AddDays(3)), // one of two raisers: still awaiting
            Event("concern.accepted", "#1", "user:U-LI", Start.AddDays(4)),
            Event("concern.addressed", "#2: done", "user:U-MARIA", Start.AddDays(4)),
            Event("concern.reopened", "#2", "user:U-ANA", Start.AddDays(5)),
            Event("concern.addressed", "#2: again", "user:U-MARIA", Start.AddDays(6)),
            Event("concern.addressed", "#12: another concern's", "user:U-MARIA", Start.AddDays(1)),
        };

        var days = ConcernTimeline.Build(D, [first, second], events, Start.AddDays(6).AddHours(1));

        Assert.Equal(
            [(0, 0, 0), (1, 0, 0), (1, 1, 0), (1, 1, 0), (0, 1, 1), (1, 0, 1), (0, 1, 1)],
            days.Select(d => (d.Open, d.AwaitingRaisers, d.Resolved)));
        Assert.Equal(DateOnly.FromDateTime(Start.UtcDateTime), days[0].Day);
    }

    [Fact]
    public void A_merged_concern_counts_only_until_it_was_merged()
    {
        var kept = Concern(1, Start, ConcernStatus.Open);
        var merged = Concern(2, Start, ConcernStatus.Merged);
        var events = new List<DeliberationEvent> { Event("concern.merged", "#2 merged into #1", "user:U-DANA", Start.AddDays(1)) };

        var days = ConcernTimeline.Build(D, [kept, merged], events, Start.AddDays(1).AddHours(1));

        Assert.Equal([2, 1], days.Select(d => d.Open));
    }

    private static Concern Concern(int number, DateTimeOffset at, ConcernStatus status, IReadOnlyList<string>? raisers = null) =>
        new(Guid.NewGuid(), D.Id, number, ConcernKind.Concern, ConcernOrigin.FlaggedAnswer, null, null, "words", [StakeholderGroup.FrontlineWorker],
            raisers ?? ["user:U-ANA"], status, null, null, null, [], at, at);

    private static DeliberationEvent Event(string type, string data, string actor, DateTimeOffset at) => new(D.Id, type, actor, null, data, at);
}
