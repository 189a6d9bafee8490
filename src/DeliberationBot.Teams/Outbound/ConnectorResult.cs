namespace DeliberationBot.Teams.Outbound;

internal enum ConnectorStatus
{
    Ok,

    /// <summary>429 with a wait longer than the in-process retries take.</summary>
    RateLimited,

    /// <summary>Not delivered, and trying again later may work (network, 412, 5xx on a call that is safe to repeat).</summary>
    Retryable,

    /// <summary>A POST of an activity failed with 5xx, 408 or a timeout: it may have been delivered, so it is not repeated.</summary>
    MaybeDelivered,

    /// <summary>The connector refused the call (4xx); trying again will not help.</summary>
    Rejected,

    /// <summary>The service URL is not on the allow-list; nothing was sent.</summary>
    NotAllowed,
}

/// <summary>The outcome of one Bot Connector call, with the response body when it was one the connector sends.</summary>
internal sealed record ConnectorResult(ConnectorStatus Status, string Operation, int HttpStatus = 0, ConnectorResponse? Body = null, TimeSpan? RetryAfter = null, string? Error = null)
{
    public bool Ok => Status == ConnectorStatus.Ok;

    /// <summary>The "id" of the response body (an activity id, a conversation id or a member's Teams id).</summary>
    public string? Id => Body?.Id;

    public override string ToString() => $"{Operation}: {Status}{(HttpStatus > 0 ? $" (HTTP {HttpStatus})" : "")}{(Error is null ? "" : ": " + Error)}";
}
