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
        var id = item.PreviouslyPosted?.MessageId ?? $"m{Interlocked.Increment(ref _posted)}";
        var heading = d.Mode switch
        {
            DeliveryMode.Private => $"bot sends privately to {d.User?.Display}",
            DeliveryMode.Ephemeral => $"bot shows {d.User?.Display} only, in #{d.Conversation.ConversationId}",
            _ when item.PreviouslyPosted is not null => $"bot updates message {id} in #{d.Conversation.ConversationId}",
            _ => $"bot posts message {id} in #{d.Conversation.ConversationId}",
        };
        DemoOutput.Block(output, heading, PlainTextRenderer.Render(item.Message.Message));
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
