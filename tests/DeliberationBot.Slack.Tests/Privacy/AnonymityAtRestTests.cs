using System.Text.Json.Nodes;
using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Slack.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DeliberationBot.Slack.Tests.Privacy;

/// <summary>
/// An anonymous participant with a distinctive id and name answers through Slack, flags a concern, hears back about it
/// after the close and accepts the response; then the whole database is dumped, as an attacker holding a backup would.
/// Neither their id nor their name is in it anywhere an answer could be tied to them.
/// </summary>
public sealed class AnonymityAtRestTests : IAsyncLifetime
{
    private const string AnonId = "U0ANON123";
    private const string AnonName = "Alice Secret";
    private const string Words = "Nobody asked the night shift how they triage calls";

    private readonly List<IAsyncDisposable> _owned = [];
    private FakeSlackApi _api = null!;
    private SlackTestHost _host = null!;

    public async Task InitializeAsync() => _api = await FakeSlackApi.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var owned in Enumerable.Reverse(_owned))
        {
            await owned.DisposeAsync();
        }

        await _api.DisposeAsync();
    }

    [SkippableTheory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task A_dump_after_an_anonymous_journey_ties_no_answer_to_the_person(string provider)
    {
        await StartAsync(provider);
        var d = await _host.StartDeliberationAsync("start quick-check \"Hotline triage\" owner:<@U0MARIA|maria> anonymous", "U0DANA", "dana");
        var card = await _host.CardAsync(d);

        // Alice answers every question in the private modal, anonymously, flagging her first answer as a concern.
        await _host.InteractionAsync(Named(SlackPayloads.BlockAction("answer", d.Id.ToString(), AnonId)));
        var view = await Modals.UpdatedViewAsync(await _host.InteractionAsync(Named(SlackPayloads.ViewSubmission(Modals.ViewOf(await _api.WaitForAsync("views.open")),
            Modals.Values(
                ("group", SlackPayloads.Input("static_select", SlackPayloads.Option("frontline_worker"))),
                ("anonymous", SlackPayloads.Input("checkboxes", new JsonArray(SlackPayloads.Option("yes"))))), AnonId, "V0ANON", "a-0"))));
        for (var n = 1; Modals.Callback(view) == "deliberation_question"; n++)
        {
            view = await Modals.UpdatedViewAsync(await _host.InteractionAsync(Named(SlackPayloads.ViewSubmission(view,
                Modals.AnswerValues(view, n == 1 ? Words : $"{Words}, part {n}", concern: n == 1), AnonId, "V0ANON", $"a-{n}"))));
        }

        // A public thread reply is not taken as her anonymous answer; she is told so in a message only she sees.
        await _host.EventAsync(SlackPayloads.Event(SlackPayloads.Message(AnonId, "Same as my answer.", "1700000200.000300", card.MessageId)));
        await _host.SettleOutboxAsync();
        var anonymous = (await _host.AnswersAsync(d)).Where(a => a.ParticipantKey.StartsWith("anon:", StringComparison.Ordinal)).ToList();
        Assert.True(anonymous.Count >= 2, $"{anonymous.Count} anonymous answers");
        Assert.Contains(anonymous, a => a.FlaggedConcern);
        Assert.All(anonymous, a => Assert.StartsWith("anon-source:", a.Source, StringComparison.Ordinal)); // never a delivery key, which says where an answer came from

        // The close sends the summary and the concern to the owner; the owner responds, the anonymous raisers are told in
        // the channel (a private message would name them), and Alice accepts.
        await _host.CommandAsync("close", "U0DANA", "dana");
        await _host.SettleOutboxAsync();
        var concerns = _host.Services.GetRequiredService<ConcernService>();
        var concern = Assert.Single(await _host.Store.ListConcernsAsync(d.WorkspaceId, d.Id, default), c => c.Origin == ConcernOrigin.FlaggedAnswer);
        var maria = SlackPayloads.Person("U0MARIA", "maria");
        var alice = SlackPayloads.Person(AnonId, AnonName);
        await concerns.ActAsync(maria, concern.Id, ConcernAction.Respond, "We will shadow two night shifts before deciding.", "respond-1", default);
        await _host.SettleOutboxAsync();
        await concerns.ActAsync(alice, concern.Id, ConcernAction.Accept, null, "accept-1", default);
        await _host.SettleOutboxAsync();

        // Everything was sent, to her too (so her id went through the outbox).
        Assert.Contains(_api.CallsTo("chat.postEphemeral"), c => c.Json.GetProperty("user").GetString() == AnonId);
        Assert.Contains(_api.CallsTo("chat.postMessage"), c => c.Json.GetProperty("channel").GetString() == "D0U0MARIA");
        Assert.Contains(_api.CallsTo("chat.postMessage"), c => c.Json.GetProperty("channel").GetString() == SlackPayloads.Channel && c.Strings.Contains("shadow two night shifts", StringComparison.Ordinal));
        Assert.All(await _host.Db.OutboxAsync(), row => Assert.Contains(row.Status, new[] { "delivered", "superseded" }));

        var dump = await _host.Db.DumpAsync();
        Assert.Contains(dump, v => v.Table == "answers" && v.Value.Contains(Words, StringComparison.Ordinal)); // the dump reads the real data
        Assert.Empty(AnonymityAtRest.Exposures(dump, AnonId, AnonName));
    }

    private async Task StartAsync(string provider)
    {
        var settings = (Action<Dictionary<string, string?>>?)null;
        if (provider == "Postgres")
        {
            PostgresServer.SkipUnlessConfigured();
            var database = await PostgresScratchDatabase.CreateAsync();
            _owned.Add(database);
            settings = s =>
            {
                s["Storage:Provider"] = "Postgres";
                s["ConnectionStrings:Deliberations"] = database.ConnectionString;
            };
        }

        _host = await SlackTestHost.StartAsync(_api, settings);
        _owned.Add(_host);
    }

    /// <summary>Slack sends the person's handle and name with every interaction.</summary>
    private static JsonObject Named(JsonObject payload)
    {
        payload["user"]!["username"] = AnonName;
        payload["user"]!["name"] = AnonName;
        return payload;
    }
}
