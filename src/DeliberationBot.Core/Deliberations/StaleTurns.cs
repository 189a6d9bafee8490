using DeliberationBot.Core.Messaging;

namespace DeliberationBot.Core.Deliberations;

/// <summary>
/// Thrown by a store when a commit was worked out from a record that changed before it was written — e.g. flagged
/// answers published as concerns were numbered from a list to which someone added a concern meanwhile. (A concern
/// someone records is numbered where it is written, <see cref="IDeliberationStore.CommitNumberedAsync"/>, and never goes
/// stale for its number.) Nothing of the turn was written; working the turn out again, from the record as it now is,
/// succeeds.
/// </summary>
public sealed class StaleTurnException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Runs a turn, and works it out again when it was stale. Turns run side by side as usual; the ones that went stale are
/// run again one at a time in their lane (one conversation's or one deliberation's turns), so they cannot keep colliding
/// with one another however many arrived together. While a lane has stale turns waiting, new turns of that lane join
/// the queue instead of racing it: they would most likely collide too (when recorded concerns were still numbered
/// before their write, a profile of 16 people recording concerns in one deliberation at once showed five wasted tries
/// per concern). A turn run inside another (a command that closes a deliberation, a decision from a button) is worked out
/// again whole, by the outermost: what the outer turn read is as stale as what the inner one did, and waiting in a lane
/// the outer turn may hold could never end.
/// </summary>
public sealed class StaleTurns
{
    /// <summary>
    /// Tries in the lane, one at a time. A try there fails only when a turn that did not queue committed meanwhile (or
    /// another instance did), so every failure is someone else's progress; the bound is there for a store that keeps
    /// refusing for another reason.
    /// </summary>
    private const int Retries = 32;

    // Lanes are shared by hash: two conversations that land in one lane only queue together while both are contended.
    private readonly Lane[] _lanes = [.. Enumerable.Range(0, 64).Select(_ => new Lane())];

    // Set inside a turn: the flow of a nested one's calls, not shared with turns running beside it.
    private readonly AsyncLocal<bool> _inTurn = new();

    public async Task<T> RunAsync<T>(string lane, Func<Task<T>> turn, CancellationToken ct)
    {
        if (_inTurn.Value)
        {
            return await turn();
        }

        // Set in this method's own flow: restored for the caller when it returns.
        _inTurn.Value = true;
        var queue = LaneOf(lane);
        if (Volatile.Read(ref queue.Waiting) == 0)
        {
            try
            {
                return await turn();
            }
            catch (StaleTurnException)
            {
                // Worked out again below, after the lane's other stale turns.
            }
        }

        Interlocked.Increment(ref queue.Waiting);
        try
        {
            await queue.OneAtATime.WaitAsync(ct);
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
                        // A turn outside the queue committed meanwhile; read again.
                    }
                }
            }
            finally
            {
                queue.OneAtATime.Release();
            }
        }
        finally
        {
            Interlocked.Decrement(ref queue.Waiting);
        }
    }

    /// <summary>FNV-1a: the same lane for the same key in every process, unlike string hashing.</summary>
    private Lane LaneOf(string key)
    {
        var hash = 2166136261u;
        foreach (var c in key)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return _lanes[hash % (uint)_lanes.Length];
    }

    private sealed class Lane
    {
        public readonly SemaphoreSlim OneAtATime = new(1, 1);
        public int Waiting;
    }
}

/// <summary>Which turns queue together when they go stale: a conversation's commands, a deliberation's answers.</summary>
public static class TurnLanes
{
    public static string Of(ConversationRef conversation) => $"{conversation.Channel}|{conversation.WorkspaceId}|{conversation.ConversationId}";

    public static string Of(Guid deliberationId) => deliberationId.ToString("N");
}
