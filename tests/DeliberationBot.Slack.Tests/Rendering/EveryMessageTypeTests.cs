using DeliberationBot.Core.Messaging;
using DeliberationBot.Slack.Rendering;

namespace DeliberationBot.Slack.Tests.Rendering;

/// <summary>The Block Kit renderer handles every message type Core defines by name; a type it doesn't know fails instead of going out as something else.</summary>
public sealed class EveryMessageTypeTests
{
    private sealed record NotYetRendered : OutgoingMessage;

    public static TheoryData<Type> EveryType() => [.. typeof(OutgoingMessage).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(OutgoingMessage)) && !t.IsAbstract && !t.IsAssignableTo(typeof(IExpandedBeforeSending)))];

    [Theory]
    [MemberData(nameof(EveryType))]
    public void Every_outgoing_message_type_has_a_Block_Kit_rendering(Type type)
    {
        var samples = Samples.All("Predictive screening").Where(m => m.GetType() == type).ToList();

        Assert.True(samples.Count > 0, $"Samples.All has no {type.Name}: add one, so its rendering is tried here.");
        Assert.All(samples, m => Assert.NotEmpty(MessageRenderer.Render(m).Blocks));
    }

    [Fact]
    public void A_message_type_the_renderer_does_not_know_fails_naming_the_type()
    {
        var failure = Assert.Throws<UnrenderableMessageException>(() => MessageRenderer.Render(new NotYetRendered()));

        Assert.Contains("Block Kit", failure.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(NotYetRendered), failure.Message, StringComparison.Ordinal);
    }
}
