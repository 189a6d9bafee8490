using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Digests;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Stakeholders;

namespace DeliberationBot.Benchmarks.Digests;

/// <summary>
/// An agency's workspace as the weekly digest sees it: open deliberations, each with open concerns raised over the
/// last weeks and a few participants, and the leaders who subscribed. The same data feeds the in-memory composition
/// benchmark and the digest run over a seeded SQLite database.
/// </summary>
internal sealed record DigestWorkspace(string WorkspaceId, IReadOnlyList<DigestSource> Sources, IReadOnlyList<UserRef> Subscribers)
{
    private static readonly StakeholderGroup[] Groups = [StakeholderGroup.FrontlineWorker, StakeholderGroup.LegalPolicy, StakeholderGroup.Community, StakeholderGroup.Vendor];

    public static DigestWorkspace Build(int deliberations, int concernsEach, int subscribers, DateTimeOffset now, string flowVersion = "1")
    {
        const string workspace = "T0DIGEST";
        var home = new ConversationRef("slack", workspace, "C0DIGEST");
        var facilitator = new UserRef("U0FACILITATOR", "Dana");
        var sources = new List<DigestSource>(deliberations);
        for (var d = 0; d < deliberations; d++)
        {
            var created = now.AddDays(-30 - (d % 60));
            var deliberation = new Deliberation(
                Guid.CreateVersion7(created), workspace, "quick-check", flowVersion, $"Proposal {d + 1}: screening tool for case intake", null,
                [new UserRef($"U0OWNER{d % 20}", $"Owner {d % 20}")], facilitator, home, DateOnly.FromDateTime(now.AddDays(d % 30).UtcDateTime),
                AnonymityPolicy.AnonymousAllowed, DeliberationStatus.Open, created);
            var concerns = Enumerable.Range(1, concernsEach).Select(n =>
            {
                var raised = created.AddDays(n);
                return new Concern(
                    Guid.CreateVersion7(raised), deliberation.Id, n, ConcernKind.Concern, ConcernOrigin.FlaggedAnswer, "daily-work", "added-minutes-per-case",
                    $"Concern {n} on proposal {d + 1}: the tool adds about twenty minutes a case of typing the same facts into six new fields, and nobody asked the night shift how that fits a full caseload.",
                    [Groups[(d + n) % Groups.Length]], [$"user:U0P{d:D4}{n:D2}"], ConcernStatus.Open, null, null, null, [], raised, raised)
                {
                    OwnersHeardAt = raised, // the owners were sent it when it was raised (a command, `concerns`, or the last digest)
                };
            }).ToList();
            var participants = Groups.Take(1 + (d % 3)).Select((g, i) =>
                new Participant(deliberation.Id, $"user:U0P{d:D4}{i}", $"U0P{d:D4}{i}", $"Person {i}", g, false, created)).ToList();
            sources.Add(new DigestSource(deliberation, concerns, participants));
        }

        var readers = Enumerable.Range(0, subscribers).Select(i => new UserRef($"U0LEADER{i:D4}", $"Leader {i}")).ToList();
        return new DigestWorkspace(workspace, sources, readers);
    }
}
