using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Stakeholders;
using DeliberationBot.Core.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using static DeliberationBot.Core.Tests.Support.ServiceBed;

namespace DeliberationBot.Core.Tests.Concerns;

/// <summary>
/// Two turns that read a concern or a deliberation and write it back at the same moment: the one that writes second
/// is worked out again from what the first wrote, so neither change is written away.
/// </summary>
public sealed class SimultaneousTurnsTests
{
    [Fact]
    public async Task An_owners_response_written_while_the_concerns_were_being_sent_stays_and_the_words_that_joined_reach_the_owners_and_their_raiser_the_response()
    {
        var bed = new ServiceBed(FlowYamlWithOverrideRule);
        var d = await bed.StartAsync();
        foreach (var who in new[] { Sam, Lee })
        {
            await bed.Answering.JoinAsync(who, d, StakeholderGroup.FrontlineWorker, anonymous: false, "join-" + who.User.Id, None);
        }

        await bed.Answering.AnswerAsync(Sam, d, "override", AnswerValue.FromChoices("no"), flagConcern: false, "sam", None);
        await bed.Concerns.ReviewAsync(Fiona, Home, "review-1", None);
        var concern = Assert.Single(await bed.Store.ListConcernsAsync(Workspace, d, None));
        await bed.Answering.AnswerAsync(Lee, d, "override", AnswerValue.FromChoices("no"), flagConcern: false, "lee", None);

        // Fiona's "concerns" read the concern before Lee's words joined it; Maria's response is written before its commit.
        bed.Store.BeforeCommitOf(
            commit => commit.DeliveryKey == "review-2",
            () => bed.Concerns.ActAsync(Maria, concern.Id, ConcernAction.MarkAddressed, "Screeners may override from today.", "addressed", None));
        await bed.Commands.HandleAsync(Fiona, Home, "concerns", null, "review-2", None);

        var kept = Assert.Single(await bed.Store.ListConcernsAsync(Workspace, d, None));
        Assert.Equal(("Screeners may override from today.", ConcernStatus.Addressed), (kept.Response, kept.Status));
        Assert.Equal([Sam.User.Name, Lee.User.Name], kept.Voices.Select(v => v.Name));
        // Worked out from the concern as Maria left it: Lee, who joined an answered concern, is sent her response to accept.
        var toLee = Assert.Single(bed.Store.Outbox, m => m.Message is ConcernResponseNotice && m.Destination.User?.Id == Lee.User.Id);
        Assert.Equal("Screeners may override from today.", ((ConcernResponseNotice)toLee.Message).Concern.Response);
    }

    [Fact]
    public async Task A_close_written_while_the_bot_was_being_removed_from_the_conversation_stays_closed()
    {
        var bed = new ServiceBed();
        var d = await bed.StartAsync();
        var membership = new BotMembership(bed.Turn, Unused<IOutboxStore>.Instance, bed.Signal, NullLogger<BotMembership>.Instance);

        // The removal read the deliberation open; Fiona's close is written before the removal marks it.
        bed.Store.BeforeCommitOf(
            commit => commit.Deliberation?.RepliesUnheard == true,
            () => bed.Deliberations.CloseAsync(Fiona, Home, "close", None));
        await membership.RemovedFromAsync(Home, stillPosts: true, "removed", None);

        var now = (await bed.Store.FindAsync(Workspace, d, None))!;
        Assert.Equal((DeliberationStatus.Closed, false), (now.Status, now.RepliesUnheard));
    }
}
