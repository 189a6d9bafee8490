using Microsoft.Extensions.Options;

namespace DeliberationBot.Host.Memory;

/// <summary>
/// Gives back what a burst of requests left behind once the service has been quiet for <see cref="MemoryOptions.TrimAfterQuiet"/>:
/// once per quiet spell, so a service that stays idle is not collected again and again. A burst (an all-hands meeting
/// answering at once) grows the GC's heap and the native heap well past what the service then keeps alive, and neither
/// shrinks by itself while nothing allocates; on a shared App Service plan that memory belongs to every app on it.
/// </summary>
internal sealed partial class IdleMemoryTrim : BackgroundService
{
    private readonly RequestActivity _activity;
    private readonly MemoryOptions _options;
    private readonly TimeProvider _time;
    private readonly Action _trim;
    private readonly Action? _looked;
    private readonly PeriodicTimer _looks;
    private readonly ILogger<IdleMemoryTrim> _logger;
    private long _requestsSeen;
    private DateTimeOffset _quietSince;
    private bool _trimmedThisQuiet = true; // nothing to give back before the first request

    public IdleMemoryTrim(RequestActivity activity, IOptions<MemoryOptions> options, TimeProvider time, ILogger<IdleMemoryTrim> logger)
        : this(activity, options, time, logger, ProcessMemory.Trim)
    {
    }

    /// <param name="trim">What hands memory back.</param>
    /// <param name="looked">Called after each of the worker's looks, so a test can step its clock look by look.</param>
    internal IdleMemoryTrim(
        RequestActivity activity, IOptions<MemoryOptions> options, TimeProvider time, ILogger<IdleMemoryTrim> logger, Action trim, Action? looked = null)
    {
        _activity = activity;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _trim = trim;
        _looked = looked;
        _quietSince = time.GetUtcNow();
        // Looking four times per quiet time trims at most a quarter of it late. The timer runs from here, not from
        // whenever the host gets to run the worker's loop.
        _looks = new PeriodicTimer(_options.TrimAfterQuiet / 4, time);
    }

    /// <summary>Looks once: trims if no request has come for the quiet time since the last one, and not since then.</summary>
    public bool TrimIfQuiet()
    {
        var now = _time.GetUtcNow();
        var requests = _activity.Requests;
        if (requests != _requestsSeen)
        {
            _requestsSeen = requests;
            _quietSince = now;
            _trimmedThisQuiet = false;
            return false;
        }

        if (_trimmedThisQuiet || now - _quietSince < _options.TrimAfterQuiet)
        {
            return false;
        }

        var before = Environment.WorkingSet;
        _trim();
        _trimmedThisQuiet = true;
        LogTrimmed(before / (1024 * 1024), Environment.WorkingSet / (1024 * 1024));
        return true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await _looks.WaitForNextTickAsync(stoppingToken))
            {
                TrimIfQuiet();
                _looked?.Invoke();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override void Dispose()
    {
        _looks.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Quiet after requests: memory handed back, resident {BeforeMb} MB -> {AfterMb} MB")]
    private partial void LogTrimmed(long beforeMb, long afterMb);
}
