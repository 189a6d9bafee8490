namespace DeliberationBot.Core.Deliberations;

/// <summary>
/// Thrown by a store when a commit was worked out from a record that changed before it was written — e.g. two people
/// recorded a concern at the same moment and both turns gave theirs the next number. Nothing of the turn was written;
/// working the turn out again, from the record as it now is, succeeds.
/// </summary>
public sealed class StaleTurnException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Runs a turn, and works it out again when it was stale. Turns run side by side as usual; only the ones that went
/// stale are run again, one at a time, so they cannot keep colliding with one another however many arrived together.
/// </summary>
public sealed class StaleTurns
{
    /// <summary>
    /// Tries after the first, one at a time. A retry fails only when another turn's first try committed meanwhile, so
    /// every failure is someone else's progress; the bound is there for a store that keeps refusing for another reason.
    /// </summary>
    private const int Retries = 32;

    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    public async Task<T> RunAsync<T>(Func<Task<T>> turn, CancellationToken ct)
    {
        try
        {
            return await turn();
        }
        catch (StaleTurnException)
        {
            // Worked out again below, after any other stale turn.
        }

        await _oneAtATime.WaitAsync(ct);
        try
        {
            for (var retry = 1; ; retry++)
            {
                try
                {
                    return await turn();
                }
                catch (StaleTurnException) when (retry < Retries)
                {
                    // Another first try won the race meanwhile; read again.
                }
            }
        }
        finally
        {
            _oneAtATime.Release();
        }
    }
}
