using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Stakeholders;
using DeliberationBot.Slack.Tests.Infrastructure;

namespace DeliberationBot.Slack.Tests.Answering;

internal static class ThreadReplies
{
    /// <summary>Ann joins and answers the first question by replying in the card's thread (message <paramref name="reply"/>).</summary>
    public static async Task<(Deliberation D, PostedMessage Card)> AnsweredByReplyAsync(SlackTestHost host, string text, string reply)
    {
        var d = await host.StartDeliberationAsync("start quick-check \"Predictive screening\"");
        var card = await host.CardAsync(d);
        await host.Answering.JoinAsync(SlackPayloads.Person("U0ANN", "ann"), d.Id, StakeholderGroup.FrontlineWorker, false, "seed-join", CancellationToken.None);
        await host.EventAsync(SlackPayloads.Event(SlackPayloads.Message("U0ANN", text, reply, card.MessageId)));
        await host.Api.WaitForAsync("chat.postEphemeral");
        return (d, card);
    }
}
