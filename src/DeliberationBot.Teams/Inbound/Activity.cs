using System.Text.Json;
using System.Text.Json.Serialization;
using DeliberationBot.Core.Inbound;

namespace DeliberationBot.Teams.Inbound;

/// <summary>The part of a Bot Framework activity this adapter reads (protocols.md C). Unknown fields are ignored.</summary>
internal sealed record Activity
{
    public string? Type { get; init; }

    /// <summary>The activity's id; for messageUpdate and messageDelete, the id of the message edited or deleted.</summary>
    public string? Id { get; init; }

    /// <summary>When the channel sent it (ISO 8601): for an edit, tells one edit of a message from the next.</summary>
    public string? Timestamp { get; init; }

    public string? ServiceUrl { get; init; }

    public string? ChannelId { get; init; }

    public ChannelAccount? From { get; init; }

    public ChannelAccount? Recipient { get; init; }

    public ConversationAccount? Conversation { get; init; }

    public string? Text { get; init; }

    public string? ReplyToId { get; init; }

    /// <summary>The invoke name, e.g. adaptiveCard/action.</summary>
    public string? Name { get; init; }

    /// <summary>installationUpdate: add, add-upgrade, remove, remove-upgrade.</summary>
    public string? Action { get; init; }

    /// <summary>A card action's value: an invoke's action, or an Action.Submit's data merged with the card's inputs.</summary>
    public ActivityValue? Value { get; init; }

    public TeamsChannelData? ChannelData { get; init; }

    public IReadOnlyList<Entity>? Entities { get; init; }

    /// <summary>Files, cards, and for a message typed in Teams its HTML (text/html), which keeps the line breaks.</summary>
    public IReadOnlyList<ActivityAttachment>? Attachments { get; init; }

    public IReadOnlyList<ChannelAccount>? MembersAdded { get; init; }

    public IReadOnlyList<ChannelAccount>? MembersRemoved { get; init; }

    /// <summary>The Microsoft tenant the activity comes from: channelData.tenant.id, else conversation.tenantId.</summary>
    [JsonIgnore]
    public string? TenantId =>
        ChannelData?.Tenant?.Id is { Length: > 0 } fromData ? fromData
        : Conversation?.TenantId is { Length: > 0 } fromConversation ? fromConversation : null;

    /// <summary>The sender's IANA time zone from the clientInfo entity, when it names one this system knows.</summary>
    [JsonIgnore]
    public string? ClientTimeZone =>
        Entities?.FirstOrDefault(e => string.Equals(e.Type, "clientInfo", StringComparison.OrdinalIgnoreCase))?.Timezone is { Length: > 0 and <= 64 } zone &&
        TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _)
            ? zone
            : null;

    [JsonIgnore]
    public bool IsPersonal => string.Equals(Conversation?.ConversationType, "personal", StringComparison.OrdinalIgnoreCase);
}

internal sealed record ChannelAccount(string? Id, string? Name, string? AadObjectId = null, string? Role = null);

internal sealed record ConversationAccount(string? Id, string? ConversationType = null, string? TenantId = null, bool? IsGroup = null, string? Name = null);

/// <summary>
/// Teams' channelData as this adapter reads it (protocols.md C): the tenant, in a team its team and channel, and the
/// event type (editMessage, undeleteMessage, softDeleteMessage, the conversation updates).
/// </summary>
internal sealed record TeamsChannelData(TeamsTenant? Tenant = null, TeamsTeam? Team = null, TeamsChannelInfo? Channel = null, string? EventType = null);

internal sealed record TeamsTenant(string? Id);

internal sealed record TeamsTeam(string? Id, string? Name = null, string? AadGroupId = null);

internal sealed record TeamsChannelInfo(string? Id, string? Name = null);

/// <summary>An entity: a mention (text, mentioned) or the client's info (locale, country, platform, timezone).</summary>
internal sealed record Entity(string? Type, string? Text = null, ChannelAccount? Mentioned = null, string? Timezone = null);

/// <summary>An attachment: only text/html, whose content is a string, is read.</summary>
internal sealed record ActivityAttachment(string? ContentType, JsonElement? Content = null);

internal static class ActivityTypes
{
    public const string Message = "message";
    public const string Invoke = "invoke";
    public const string ConversationUpdate = "conversationUpdate";
    public const string InstallationUpdate = "installationUpdate";

    /// <summary>A message was edited (channelData.eventType editMessage) or brought back (undeleteMessage).</summary>
    public const string MessageUpdate = "messageUpdate";

    /// <summary>A message was deleted (channelData.eventType softDeleteMessage).</summary>
    public const string MessageDelete = "messageDelete";
}

/// <summary>
/// Parses request bodies into activities, through the source-generated <see cref="TeamsJson"/> context: anything that
/// is not one (bad JSON, a lone surrogate, a field of the wrong type, a required field missing) is a <see cref="JsonException"/>.
/// </summary>
internal static class ActivityJson
{
    public static Activity Parse(byte[] body)
    {
        using var doc = WellFormedJson.Parse(body);
        var activity = doc.Deserialize(TeamsJson.Default.Activity) ?? throw new JsonException("the body is null");
        static JsonException Missing(string field) => new($"the activity has no {field}");
        if (string.IsNullOrWhiteSpace(activity.Type))
        {
            throw Missing("type");
        }

        if (string.IsNullOrWhiteSpace(activity.ServiceUrl) || !Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out var url) ||
            (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            throw Missing("absolute serviceUrl");
        }

        if (string.IsNullOrWhiteSpace(activity.Conversation?.Id))
        {
            throw Missing("conversation.id");
        }

        if (string.IsNullOrWhiteSpace(activity.From?.Id))
        {
            throw Missing("from.id");
        }

        if (string.IsNullOrWhiteSpace(activity.ChannelId))
        {
            throw Missing("channelId");
        }

        return activity;
    }
}
