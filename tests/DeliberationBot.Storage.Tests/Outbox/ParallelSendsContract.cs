using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Storage.Tests.Support;

namespace DeliberationBot.Storage.Tests.Outbox;

/// <summary>
/// One batch is sent conversation by conversation side by side: a slow send holds up only its own conversation, whose
/// later messages still wait their turn.
/// </summary>
public abstract class ParallelSendsContract(TestDatabase db) : DatabaseContract
{
    protected override TestDatabase Database => db;

    private const string Ws = "T-AGENCY";

    [SkippableFact]
    public async Task A_slow_send_holds_up_only_its_own_conversation_whose_next_message_waits_its_turn()
    {
        SkipIfUnavailable();
        await using var services = await db.StartServicesAsync();
        var start = db.Time.GetUtcNow().AddSeconds(-1); // queued a moment ago, in this order
        var hall = new ConversationRef("test", Ws, "C-HALL");
        var legal = new ConversationRef("test", Ws, "C-LEGAL");
        var dana = Destination.PrivatelyTo(hall, new UserRef("U-DANA"));
        await services.Store().CommitAsync(
            new Commit(Ws, "turn")
            {
                Outbox =
                [
                    Message(Destination.To(hall), "hall 1", start),
                    Message(Destination.To(hall), "hall 2", start.AddMilliseconds(1)),
                    Message(Destination.To(legal), "legal 1", start.AddMilliseconds(2)),
                    Message(dana, "dana 1", start.AddMilliseconds(3)),
                ],
            },
            default);
        var sender = new HeldSender("hall 1");

        var dispatch = Dispatchers.For(services, sender, db.Time, new OutboxOptions { ParallelConversations = 4 }).DispatchDueAsync(default);
        await sender.Held.WaitAsync(Guard);
        // While "hall 1" is still on its way, the other conversation and the private message go out, and "hall 2" waits.
        await sender.SentAsync("legal 1").WaitAsync(Guard);
        await sender.SentAsync("dana 1").WaitAsync(Guard);
        Assert.DoesNotContain("hall 2", sender.Order);

        sender.Release();
        Assert.Equal(4, await dispatch.WaitAsync(Guard));
        Assert.Equal(["hall 1", "hall 2"], sender.Order.Where(t => t.StartsWith("hall", StringComparison.Ordinal)));
        Assert.Equal(0, await services.Outbox().CountPendingAsync(default));
    }

    /// <summary>Only a broken build waits this long; a passing run never does.</summary>
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(60);

    private static OutboxMessage Message(Destination destination, string text, DateTimeOffset at) =>
        new(Guid.CreateVersion7(at), Ws, "turn/" + text, destination, new Confirmation(text), at);

    /// <summary>Sends at once, except one message, which it holds until released.</summary>
    private sealed class HeldSender(string held) : IChannelSender
    {
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly Dictionary<string, TaskCompletionSource> _sent = [];
        private readonly List<string> _order = [];

        public string Channel => "test";

        public Task Held => _held.Task;

        public IReadOnlyList<string> Order { get { lock (_order) { return [.. _order]; } } }

        public void Release() => _release.SetResult();

        public Task SentAsync(string text) => Completion(text).Task;

        public async Task<SendResult> SendAsync(OutboxItem item, CancellationToken ct)
        {
            var text = ((Confirmation)item.Message.Message).Text;
            if (text == held)
            {
                _held.SetResult();
                await _release.Task;
            }

            lock (_order)
            {
                _order.Add(text);
            }

            Completion(text).TrySetResult();
            return SendResult.Delivered(new PostedMessage(item.Message.Destination.Conversation.ConversationId, "ts-" + text));
        }

        private TaskCompletionSource Completion(string text)
        {
            lock (_sent)
            {
                if (!_sent.TryGetValue(text, out var done))
                {
                    _sent[text] = done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }

                return done;
            }
        }
    }
}

public sealed class SqliteParallelSendsTests() : ParallelSendsContract(new SqliteTestDatabase());

public sealed class PostgresParallelSendsTests() : ParallelSendsContract(new PostgresTestDatabase());
