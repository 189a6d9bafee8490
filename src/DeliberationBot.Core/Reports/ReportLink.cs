using DeliberationBot.Core.Messaging;

namespace DeliberationBot.Core.Reports;

/// <summary>A person's own, expiring link to a deliberation's page, sent to them privately.</summary>
public sealed record ReportLink(Guid DeliberationId, string Title, Uri Page, DateTimeOffset Expires) : OutgoingMessage;

/// <summary>What a valid report token grants: one person, one deliberation, issued at a moment (for revocation).</summary>
public sealed record ReportGrant(string WorkspaceId, Guid DeliberationId, string UserId, DateTimeOffset IssuedAt);

/// <summary>Signs and checks per-person links to a deliberation's page. Implemented by the host.</summary>
public interface IReportLinkSigner
{
    ReportLink Sign(string workspaceId, Guid deliberationId, string title, UserRef viewer);

    /// <summary>The grant a token carries, or null when it is forged, altered or expired.</summary>
    ReportGrant? Verify(string token);
}

/// <summary>Who is looking: the facilitator and owners see the named answers the anonymity rules allow; others do not.</summary>
public enum ReportAudience
{
    Leader,
    Participant,
}
