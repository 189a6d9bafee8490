namespace DeliberationBot.Core.Inbound;

/// <summary>
/// Work an endpoint does once its response is written (a modal opened, a message drawn again): the platform has its
/// answer in time, and the request that asked is gone, so a failure can only be logged.
/// </summary>
public static class AfterResponse
{
    /// <summary>Runs <paramref name="after"/>; a failure goes to <paramref name="failed"/>, a cancellation on shutdown is not one.</summary>
    public static async Task RunAsync(Func<CancellationToken, Task> after, Action<Exception> failed, CancellationToken stopping)
    {
        try
        {
            await after(stopping);
        }
        catch (Exception e) when (e is not OperationCanceledException || !stopping.IsCancellationRequested)
        {
            failed(e);
        }
    }
}
