using DeliberationBot.Slack.Outbound;

namespace DeliberationBot.Slack.Tests.Outbound;

public sealed class DirectMessageChannelsTests
{
    [Fact]
    public void What_is_remembered_stays_bounded_and_a_full_memory_starts_over()
    {
        var channels = new DirectMessageChannels(maxEntries: 3);
        channels.Remember("T1", "U1", "D1");
        channels.Remember("T1", "U2", "D2");
        channels.Remember("T2", "U1", "D3");
        channels.Remember("T1", "U1", "D1"); // known already: nothing is dropped
        Assert.Equal(3, channels.Count);
        Assert.Equal("D3", channels.Find("T2", "U1"));

        channels.Remember("T1", "U4", "D4");
        Assert.Equal(1, channels.Count);
        Assert.Equal("D4", channels.Find("T1", "U4"));
        Assert.Null(channels.Find("T1", "U1"));
    }

    [Fact]
    public void Forgetting_a_conversation_keeps_a_newer_one_learnt_meanwhile()
    {
        var channels = new DirectMessageChannels();
        channels.Remember("T1", "U1", "D1");
        channels.Remember("T1", "U1", "D2");
        channels.Forget("T1", "U1", "D1");
        Assert.Equal("D2", channels.Find("T1", "U1"));

        channels.Forget("T1", "U1", "D2");
        Assert.Null(channels.Find("T1", "U1"));
    }
}
