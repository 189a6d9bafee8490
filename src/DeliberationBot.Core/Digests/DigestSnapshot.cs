using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Reports;

namespace DeliberationBot.Core.Digests;

/// <summary>
/// A deliberation's conversation, whose readers may read of it in a digest, and the ids of its facilitator and owners,
/// who may wherever it is held: they are sent every concern anyway.
/// </summary>
public sealed record DigestHome(ConversationRef Conversation, IReadOnlyList<string> Deciders);

/// <summary>A concern with what tells whether it is new or resolved since a reader's last digest.</summary>
public sealed record DigestChange(DigestConcern Concern, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, bool Unresolved);

/// <summary>
/// A workspace's part of the weekly digest as it stood at <see cref="TakenAt"/>: composed and stored once per run, however
/// many leaders read it. A reader's digest is this, what changed since their own last digest (<see cref="For"/>), and
/// their own page links, added when it is sent.
/// </summary>
public sealed record DigestSnapshot(
    Guid Id,
    string WorkspaceId,
    DateTimeOffset TakenAt,
    int StaleAfterDays,
    IReadOnlyList<DigestProposal> Proposals,
    IReadOnlyList<DigestConcern> Stale,
    IReadOnlyList<DigestDue> ComingDue,
    IReadOnlyList<DigestChange> Changes)
{
    /// <summary>
    /// Where each deliberation is held and who decides it, who alone may read of it in a digest (<see cref="DigestAudience"/>);
    /// null in a snapshot stored before it was kept, which is then composed again.
    /// </summary>
    public IReadOnlyDictionary<Guid, DigestHome>? Homes { get; init; }

    public WeeklyDigest For(DateTimeOffset since, string week, bool late, DateTimeOffset? wasDue, string timeZone) => new(
        week, late, wasDue, timeZone, Proposals,
        [.. Changes.Where(c => c.CreatedAt > since).Select(c => c.Concern)],
        [.. Changes.Where(c => !c.Unresolved && c.UpdatedAt > since).Select(c => c.Concern)],
        Stale, ComingDue, StaleAfterDays);

    /// <summary>The digest as one reader gets it: each proposal with the reader's own link to its page.</summary>
    public static WeeklyDigest WithLinks(WeeklyDigest digest, IReportLinkSigner reports, string workspaceId, UserRef reader) =>
        digest with { Proposals = [.. digest.Proposals.Select(p => p with { Report = reports.Sign(workspaceId, p.Id, p.Title, reader).Page })] };
}

/// <summary>
/// What a reader's outbox row holds instead of their whole digest: the run's snapshot and what makes it theirs. It is
/// expanded into the <see cref="WeeklyDigest"/> just before it is sent (<see cref="DigestExpander"/>), so the content
/// is fixed when the digest is produced while the megabytes are stored once per run, not once per reader.
/// </summary>
public sealed record DigestReference(Guid SnapshotId, DateTimeOffset Since, string Week, bool Late, DateTimeOffset? WasDueAt, string TimeZone) : OutgoingMessage, IExpandedBeforeSending;
