using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Exports;

namespace DeliberationBot.Core.Reports;

/// <summary>How many concerns stood where at the end of one day (UTC).</summary>
public sealed record ConcernDay(DateOnly Day, int Open, int AwaitingRaisers, int Resolved)
{
    public int Total => Open + AwaitingRaisers + Resolved;
}

/// <summary>
/// Concerns over time, replayed from the deliberation's history with the same lifecycle rules that changed them, so a
/// day's counts are what people saw that day. The last day is the concerns as they stand now. Merged concerns count
/// only in the concern that carries their words.
/// </summary>
public static class ConcernTimeline
{
    public static IReadOnlyList<ConcernDay> Build(Deliberation d, IReadOnlyList<Concern> concerns, IReadOnlyList<DeliberationEvent> events, DateTimeOffset now)
    {
        var first = DateOnly.FromDateTime(d.CreatedAt.UtcDateTime);
        var last = DateOnly.FromDateTime(now.UtcDateTime);
        var byConcern = DeliberationRecords.EventsByConcern(events);
        var histories = concerns.Select(c => History(c, [.. byConcern[c.Number].OrderBy(e => e.At)])).ToList();
        var days = new List<ConcernDay>();
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            var end = new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            var statuses = day == last
                ? concerns.Select(c => (ConcernStatus?)c.Status)
                : histories.Select(h => h.LastOrDefault(s => s.At < end).Status);
            var (open, awaiting, resolved) = (0, 0, 0);
            foreach (var status in statuses.OfType<ConcernStatus>().Where(s => s != ConcernStatus.Merged))
            {
                _ = status switch
                {
                    ConcernStatus.Addressed or ConcernStatus.WontAddress => awaiting++,
                    ConcernStatus.Resolved or ConcernStatus.ClosedByFacilitator => resolved++,
                    _ => open++,
                };
            }

            days.Add(new ConcernDay(day, open, awaiting, resolved));
        }

        return days;
    }

    /// <summary>The concern's status after each of its events, starting open when it was recorded.</summary>
    private static List<(DateTimeOffset At, ConcernStatus? Status)> History(Concern c, List<DeliberationEvent> events)
    {
        var state = c with { Status = ConcernStatus.Open, AcceptedBy = [], Response = null };
        var history = new List<(DateTimeOffset, ConcernStatus?)> { (c.CreatedAt, ConcernStatus.Open) };
        foreach (var e in events)
        {
            // A merged concern lives on in the one it was merged into, and is counted there from then on.
            if (e.Type == "concern.merged" && e.Data?.StartsWith($"#{c.Number} merged into", StringComparison.Ordinal) == true)
            {
                history.Add((e.At, ConcernStatus.Merged));
            }
            // The words an action took do not change where it leaves the concern; only Accept is given none, as it takes none.
            else if (ActionOf(e.Type) is { } action && ConcernLifecycle.Apply(state, action, e.Actor ?? "", action == ConcernAction.Accept ? null : "recorded", e.At).Changed is { } changed)
            {
                state = changed;
                history.Add((e.At, state.Status));
            }
        }

        return history;
    }

    private static readonly Dictionary<string, ConcernAction> Actions =
        Enum.GetValues<ConcernAction>().DistinctBy(ConcernLifecycle.EventType).ToDictionary(ConcernLifecycle.EventType, a => a, StringComparer.Ordinal);

    private static ConcernAction? ActionOf(string eventType) => Actions.TryGetValue(eventType, out var action) ? action : null;
}
