using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Stakeholders;
using DeliberationBot.Slack.Tests.Infrastructure;

namespace DeliberationBot.Slack.Tests.Concerns;

/// <summary>
/// A quick-check started and closed over Slack by Dana (facilitator) with Maria as owner. Ana (named, frontline
/// worker) says workers can't override a score and flags her purpose answer; Sam (anonymous, community) says there
/// is no appeal. The answers themselves are seeded through Core: these tests are about what follows them.
/// </summary>
internal sealed class ClosedDeliberation
{
    public const string Dana = "U0DANA";
    public const string Maria = "U0MARIA";
    public const string Ana = "U0ANA";
    public const string Sam = "U0SAM";
    public const string Eve = "U0EVE";

    private ClosedDeliberation(SlackTestHost host, Deliberation d, IReadOnlyList<Concern> concerns)
    {
        Host = host;
        Deliberation = d;
        Concerns = concerns;
    }

    public SlackTestHost Host { get; }

    public Deliberation Deliberation { get; }

    public IReadOnlyList<Concern> Concerns { get; }

    public Concern Overrides => Concerns.Single(c => c.QuestionId == "can-override");

    public Concern Purpose => Concerns.Single(c => c.QuestionId == "purpose");

    public Concern Appeal => Concerns.Single(c => c.QuestionId == "can-appeal");

    public static async Task<ClosedDeliberation> StartAsync(SlackTestHost host)
    {
        var d = await host.StartDeliberationAsync("start quick-check \"Predictive screening for hotline calls\" owner:<@U0MARIA|maria> anonymous", Dana, "dana");
        var answering = host.Answering;
        var ana = Person(Ana);
        var sam = Person(Sam);
        await answering.JoinAsync(ana, d.Id, StakeholderGroup.FrontlineWorker, anonymous: false, "seed-1", default);
        await answering.AnswerTextAsync(ana, d.Id, "Rank calls by risk", "seed-2", default);
        await answering.FlagConcernAsync(ana, d.Id, "purpose", flagged: true, "seed-3", default);
        await answering.AnswerAsync(ana, d.Id, "can-override", AnswerValue.FromChoices("no"), flagConcern: false, "seed-4", default);
        await answering.JoinAsync(sam, d.Id, StakeholderGroup.Community, anonymous: true, "seed-5", default);
        await answering.AnswerAsync(sam, d.Id, "can-appeal", AnswerValue.FromChoices("no"), flagConcern: false, "seed-6", default);
        var closed = await SlackTestHost.JsonAsync(await host.CommandAsync("close", Dana, "dana"));
        Assert.Contains("Closed", closed.GetProperty("text").GetString(), StringComparison.Ordinal);
        await host.SettleOutboxAsync();
        return new ClosedDeliberation(host, d, await host.Store.ListConcernsAsync(d.WorkspaceId, d.Id, default));
    }

    public static Actor Person(string userId) => new("slack", SlackPayloads.Team, new UserRef(userId, userId.ToLowerInvariant()));

    public Task<Concern> ReloadAsync(Concern c) => Host.Store.FindConcernAsync(Deliberation.WorkspaceId, c.Id, default)!;

    /// <summary>The newest message posted privately to a person (the fake API names their DM channel D0 + user id).</summary>
    public RecordedCall LastDirectMessage(string userId, string containing) =>
        Host.Api.CallsTo("chat.postMessage").Last(c => c.Json.GetProperty("channel").GetString() == "D0" + userId && c.Strings.Contains(containing, StringComparison.Ordinal));

    /// <summary>A button on a message someone received, pressed by <paramref name="userId"/>.</summary>
    public static System.Text.Json.Nodes.JsonObject Press(RecordedCall message, string actionId, Guid value, string userId)
    {
        var (channel, ts) = Blocks.Posted(message);
        Assert.Contains(Blocks.Buttons(message.Json), b => b.ActionId == actionId && b.Value == value.ToString("N"));
        var press = SlackPayloads.BlockAction(actionId, value.ToString("N"), userId, channel: channel, messageTs: ts);
        // Slack sends the message the button is on, blocks and all.
        var blocks = message.Json.GetProperty("blocks");
        press["message"]!["blocks"] = System.Text.Json.Nodes.JsonNode.Parse(blocks.ValueKind == System.Text.Json.JsonValueKind.String ? blocks.GetString()! : blocks.GetRawText());
        return press;
    }

    /// <summary>The ephemeral replies a person got, in order.</summary>
    public IReadOnlyList<RecordedCall> EphemeralsTo(string userId) =>
        [.. Host.Api.CallsTo("chat.postEphemeral").Where(c => c.Json.GetProperty("user").GetString() == userId)];
}
