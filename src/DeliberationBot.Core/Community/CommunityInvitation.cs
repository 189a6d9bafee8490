using System.Security.Cryptography;
using DeliberationBot.Core.Messaging;

namespace DeliberationBot.Core.Community;

public enum InvitationState
{
    Open,
    Paused,
    Revoked,
}

/// <summary>Whether the public page takes answers now, and if not, why (each has its own friendly page).</summary>
public enum InvitationAvailability
{
    Open,
    Paused,
    Revoked,
    Expired,
    Full,
    Closed,
}

/// <summary>
/// A deliberation's public link for people outside the agency: one per deliberation, named by an unguessable token,
/// in the languages the facilitator chose, until a date and up to a number of people if they set one.
/// </summary>
public sealed record CommunityInvitation(
    Guid DeliberationId,
    string WorkspaceId,
    string Token,
    IReadOnlyList<string> Languages,
    DateOnly? Until,
    int? MaxPeople,
    InvitationState State,
    DateTimeOffset CreatedAt)
{
    /// <summary>128 random bits, URL-safe: the link cannot be guessed from another one.</summary>
    public static string NewToken() => Base64Url(RandomNumberGenerator.GetBytes(16));

    /// <summary>Until is inclusive: the link works through that whole day (UTC).</summary>
    public InvitationAvailability Availability(bool deliberationOpen, DateOnly today, int peopleSoFar, bool alreadyTakingPart) => this switch
    {
        _ when !deliberationOpen => InvitationAvailability.Closed,
        { State: InvitationState.Revoked } => InvitationAvailability.Revoked,
        { State: InvitationState.Paused } => InvitationAvailability.Paused,
        { Until: { } until } when today > until => InvitationAvailability.Expired,
        { MaxPeople: { } max } when peopleSoFar >= max && !alreadyTakingPart => InvitationAvailability.Full,
        _ => InvitationAvailability.Open,
    };

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>A contact address someone chose to leave on the public page, kept apart from any answer.</summary>
public sealed record CommunityContact(Guid Id, Guid DeliberationId, string Address, string Language, DateTimeOffset At);

/// <summary>Where a token's page and its QR code live. Implemented by the host, which knows its public address.</summary>
public interface ICommunityLinks
{
    Uri Page(string token);

    Uri QrCode(string token);
}

/// <summary>Sent privately to the facilitator: the public link, its QR code, and how it stands.</summary>
public sealed record CommunityInvitationLink(
    Guid DeliberationId,
    string Title,
    Uri Page,
    Uri QrCode,
    IReadOnlyList<string> Languages,
    DateOnly? Until,
    int? MaxPeople,
    InvitationState State,
    int People,
    string Note) : OutgoingMessage;

/// <summary>
/// Sent privately to the facilitator: the addresses people left on the public page to hear what was decided, kept
/// apart from their answers, oldest first.
/// </summary>
public sealed record CommunityContactList(Guid DeliberationId, string Title, IReadOnlyList<CommunityContact> Contacts) : OutgoingMessage;

/// <summary>What <c>status</c> says about the public page.</summary>
public sealed record CommunityStatus(InvitationState State, int People, int Answers);
