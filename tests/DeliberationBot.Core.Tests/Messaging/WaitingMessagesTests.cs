using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Stakeholders;

namespace DeliberationBot.Core.Tests.Messaging;

/// <summary>What a newly queued message makes of one waiting, unsent, with its slot or gather key.</summary>
public sealed class WaitingMessagesTests
{
    private static readonly Guid Proposal = Guid.Parse("0192f000-0000-7000-8000-00000000a001");
    private static readonly ConversationRef Room = new("slack", "T1", "C1", null);

    [Fact]
    public void A_card_update_replaces_the_waiting_update_of_its_slot_without_reading_it()
    {
        var later = Queued(new Confirmation("3 joined"), slot: "card/1");

        Assert.True(WaitingMessages.CanJoin(later));
        Assert.Same(later.Message, WaitingMessages.Join(() => throw new InvalidOperationException("read for nothing"), later));
    }

    [Fact]
    public void A_notice_goes_into_the_waiting_notice_while_it_has_room_with_every_concern_in_its_words()
    {
        var waiting = Notice(View(1, "Ten more minutes per case"));
        var later = Queued(Notice(View(2, "Nobody asked the night shift")), gather: "owner/1");

        var joined = Assert.IsType<OwnerConcerns>(WaitingMessages.Join(() => waiting, later));
        Assert.Equal(["Ten more minutes per case", "Nobody asked the night shift"], joined.Concerns.Select(c => c.Text));

        var full = Notice([.. Enumerable.Range(1, OwnerConcerns.MaxGathered).Select(n => View(n, $"concern {n}"))]);
        Assert.Null(WaitingMessages.Join(() => full, later));
        Assert.Null(WaitingMessages.Join(() => new Confirmation("not a notice"), later));
    }

    [Fact]
    public void A_message_with_neither_key_goes_into_nothing()
    {
        Assert.False(WaitingMessages.CanJoin(Queued(new Confirmation("Recorded concern #2"))));
    }

    private static OutboxMessage Queued(OutgoingMessage message, string? slot = null, string? gather = null) =>
        new(Guid.CreateVersion7(), "T1", Guid.NewGuid().ToString(), Destination.To(Room), message, DateTimeOffset.UnixEpoch, slot) { GatherKey = gather };

    private static OwnerConcerns Notice(params ConcernView[] concerns) => new(Proposal, "Predictive screening for hotline calls", concerns);

    private static ConcernView View(int number, string words) =>
        new(Guid.CreateVersion7(), number, ConcernKind.Concern, "Work", words, [StakeholderGroup.FrontlineWorker], 1, ConcernStatus.Open, null, null, null,
            [ConcernAction.Acknowledge, ConcernAction.Respond]);
}
