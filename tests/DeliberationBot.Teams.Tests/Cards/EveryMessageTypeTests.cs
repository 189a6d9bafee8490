using DeliberationBot.Core.Messaging;
using DeliberationBot.Teams.Cards;

namespace DeliberationBot.Teams.Tests.Cards;

/// <summary>The Adaptive Card renderer handles every message type Core defines by name; a type it doesn't know fails instead of going out as something else.</summary>
public sealed class EveryMessageTypeTests
{
    private sealed record NotYetRendered : OutgoingMessage;

    public static TheoryData<Type> EveryType() => [.. typeof(OutgoingMessage).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(OutgoingMessage)) && !t.IsAbstract && !t.IsAssignableTo(typeof(IExpandedBeforeSending)))];

    [Theory]
    [MemberData(nameof(EveryType))]
    public void Every_outgoing_message_type_has_an_Adaptive_Card_rendering(Type type)
    {
        var samples = ((IEnumerable<object[]>)RendererTests.EveryMessage()).Select(row => (OutgoingMessage)row[0]).Where(m => m.GetType() == type).ToList();

        Assert.True(samples.Count > 0, $"RendererTests.EveryMessage has no {type.Name}: add one, so its rendering is tried here.");
        Assert.All(samples, m => Assert.NotEmpty(AdaptiveCardRenderer.Render(m)["body"]!.AsArray()));
    }

    [Fact]
    public void A_message_type_the_renderer_does_not_know_fails_naming_the_type()
    {
        var failure = Assert.Throws<UnrenderableMessageException>(() => AdaptiveCardRenderer.Render(new NotYetRendered()));

        Assert.Contains("Adaptive Cards", failure.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(NotYetRendered), failure.Message, StringComparison.Ordinal);
    }
}
