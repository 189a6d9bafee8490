using DeliberationBot.Slack.Outbound;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DeliberationBot.Slack.SocketMode;

/// <summary>
/// Socket Mode: no public URL needed. Opens a connection (apps.connections.open with the xapp- token), hands each
/// envelope to the same dispatcher as HTTP, acknowledges it, and reconnects when Slack says so or the socket drops
/// (but not when Socket Mode was switched off: link_disabled). Fatal token errors stop it.
/// </summary>
internal sealed partial class SocketModeService(
    SlackApiClient api,
    SocketModeConnection.Factory connections,
    IOptions<SlackOptions> options,
    TimeProvider time,
    ILogger<SocketModeService> logger) : BackgroundService
{
    private static readonly HashSet<string> Fatal = new(StringComparer.Ordinal)
    {
        "not_authed", "invalid_auth", "account_inactive", "user_removed_from_team", "team_disabled", "not_allowed_token_type", "no_bot_token_for_workspace",
    };

    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);

    /// <summary>How many times a connection was opened (for tests and diagnostics).</summary>
    public int Connections { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            var open = await api.SendAsync("socket-mode", options.Value.AppToken!, "apps.connections.open",
                () => new FormUrlEncodedContent([]), stoppingToken);
            if (!open.Ok || open.GetString("url") is not { } url || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
            {
                if (open.Error is { } error && Fatal.Contains(error))
                {
                    LogFatal(error);
                    return;
                }

                failures++;
                await WaitAsync(open.RetryAfter ?? Backoff(failures), stoppingToken);
                continue;
            }

            Connections++;
            var outcome = await connections.Create().RunAsync(uri, stoppingToken);
            switch (outcome)
            {
                case SocketOutcome.Disabled:
                    LogDisabled();
                    return;
                case SocketOutcome.Refresh:
                    failures = 0;
                    break;
                case SocketOutcome.Dropped:
                    failures++;
                    LogDropped(failures);
                    await WaitAsync(Backoff(failures), stoppingToken);
                    break;
                case SocketOutcome.Stopped:
                    return;
            }
        }
    }

    /// <summary>The first reconnect after a failure is immediate; then 1 s, 2 s, 4 s … up to 30 s.</summary>
    private static TimeSpan Backoff(int failures) =>
        failures <= 1 ? TimeSpan.Zero : TimeSpan.FromSeconds(Math.Min(MaxDelay.TotalSeconds, Math.Pow(2, Math.Min(failures, 7) - 2)));

    private async Task WaitAsync(TimeSpan delay, CancellationToken ct)
    {
        if (delay <= TimeSpan.Zero)
        {
            return;
        }

        try
        {
            await Task.Delay(delay, time, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "Slack Socket Mode cannot connect: {Error}. Check Slack:AppToken (an xapp- token with connections:write) and that Socket Mode is on.")]
    private partial void LogFatal(string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack Socket Mode was switched off for the app (link_disabled); not reconnecting")]
    private partial void LogDisabled();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack Socket Mode connection dropped ({Failures} in a row); reconnecting")]
    private partial void LogDropped(int failures);
}

internal enum SocketOutcome
{
    /// <summary>Slack asked us to reconnect (warning, refresh_requested).</summary>
    Refresh,

    /// <summary>The socket closed or failed without a disconnect message.</summary>
    Dropped,

    /// <summary>link_disabled: Socket Mode is off for the app.</summary>
    Disabled,

    /// <summary>The service is stopping.</summary>
    Stopped,
}
