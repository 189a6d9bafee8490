using DeliberationBot.Core.Messaging;

namespace DeliberationBot.Host.Demo;

/// <summary>A channel that prints each outgoing message as text: what the demo shows a newcomer.</summary>
internal sealed class ConsoleChannelSender(TextWriter output) : IChannelSender
{
    public const string ChannelName = "console";
    private int _posted;

    public string Channel => ChannelName;

    public Task<SendResult> SendAsync(OutboxItem item, CancellationToken ct)
    {
        var d = item.Message.Destination;
        var where = d.Mode switch
        {
            DeliveryMode.Private => $"privately to {d.User?.Display}",
            DeliveryMode.Ephemeral => $"to {d.User?.Display} in #{d.Conversation.ConversationId}",
            _ => $"#{d.Conversation.ConversationId}",
        };
        var id = item.PreviouslyPosted?.MessageId ?? $"m{Interlocked.Increment(ref _posted)}";
        var action = item.PreviouslyPosted is null ? "posts" : $"updates message {id}";
        DemoOutput.Block(output, $"bot {action} in {where}", PlainTextRenderer.Render(item.Message.Message));
        return Task.FromResult(SendResult.Delivered(new PostedMessage(d.Conversation.ConversationId, id)));
    }
}

internal static class DemoOutput
{
    public static void Block(TextWriter output, string heading, string body)
    {
        output.WriteLine($"── {heading} ──");
        foreach (var line in body.Split('\n'))
        {
            output.WriteLine("   " + line.TrimEnd('\r'));
        }

        output.WriteLine();
    }
}
