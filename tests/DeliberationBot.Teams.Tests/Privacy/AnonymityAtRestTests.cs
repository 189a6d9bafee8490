using System.Security.Cryptography;
using System.Text;
using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Teams.Tests.Deliberations;
using DeliberationBot.Teams.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DeliberationBot.Teams.Tests.Privacy;

/// <summary>
/// An anonymous participant with distinctive ids and name answers through Teams cards in their 1:1 chat, flags a
/// concern, hears back about it after the close and accepts the response; then the whole database is dumped, as an
/// attacker holding a backup would. Neither their ids nor their name is in it anywhere an answer could be tied to them.
/// </summary>
public sealed class AnonymityAtRestTests : IAsyncLifetime
{
    private const string Words = "Nobody asked the night shift how they triage calls";
    private static readonly Person Alice = new("29:1AnonTeamsId-7f3e", "aad-anon-5c21-4242", "Alice Secret");

    private readonly TestDatabase _db = new();
    private PostgresScratchDatabase? _postgres;
    private FakeBotFramework _fake = null!;
    private TeamsTestHost _host = null!;

    public async Task InitializeAsync() => _fake = await FakeBotFramework.StartAsync();

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        await _fake.DisposeAsync();
        _db.Dispose();
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
    }

    [SkippableTheory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task A_dump_after_an_anonymous_journey_ties_no_answer_to_the_person(string provider)
    {
        if (provider == "Postgres")
        {
            PostgresServer.SkipUnlessConfigured();
            _postgres = await PostgresScratchDatabase.CreateAsync();
            _db.Postgres = _postgres.ConnectionString;
        }

        _host = await TeamsTestHost.StartAsync(_fake, _db);
        _fake.AddToRoster(Person.Maria);
        _fake.AddToRoster(Alice);
        await _host.SendAsync(Activities.Message(_fake.ServiceUrl, Person.Fiona, Chat.Thread("8001"),
            "start quick-check \"Hotline triage\" owner:<at>Maria Garcia</at> anonymous", [Activities.Mention(Person.Maria)], id: "8001"));
        var d = await _host.SingleDeliberationAsync();
        var card = Assert.Single(await _host.SentAsync(), c => c.IsPost && c.ConversationId == Chat.ChannelId);

        // Alice presses Answer in the channel, joins anonymously in her 1:1 chat and answers everything, flagging a concern.
        await _host.SendAsync(Activities.Execute(_fake.ServiceUrl, Alice, Chat.Thread(card.ResponseId!), "answer", JourneyTests.Data(d.Id)));
        var personal = Chat.Personal(Alice);
        var next = await _host.SendAsync(Activities.Execute(_fake.ServiceUrl, Alice, personal, "join",
            JourneyTests.Data(d.Id, ("group", "frontline_worker"), ("anonymous", "true"))));
        for (var n = 0; JourneyTests.Submit(next) is { } submit; n++)
        {
            Assert.True(n < 40, "the flow should end");
            var data = submit["data"]!.AsObject().DeepClone().AsObject();
            var freeText = data["kind"]!.GetValue<string>() == "FreeText";
            data["answer"] = freeText ? $"{Words} ({n})" : JourneyTests.AnswerFor(next!["value"]!.AsObject());
            data["concern"] = n == 0 ? "true" : "false";
            next = await _host.SendAsync(Activities.Execute(_fake.ServiceUrl, Alice, personal, "submit-answer", data));
        }

        await _host.SentAsync();
        var anonymous = (await _host.Store.ListAnswersAsync(Activities.Tenant, d.Id, CancellationToken.None)).ToList();
        Assert.NotEmpty(anonymous);
        Assert.All(anonymous, a => Assert.StartsWith("anon:", a.ParticipantKey, StringComparison.Ordinal));
        Assert.Contains(anonymous, a => a.FlaggedConcern);
        Assert.All(anonymous, a => Assert.StartsWith("anon-source:", a.Source, StringComparison.Ordinal)); // never a delivery key: it holds a hash of her 1:1 chat

        // The close sends the summary and the concern to the owner; the owner responds, the anonymous raisers are told in
        // the channel (a private message would name them), and Alice accepts.
        await _host.SendAsync(Activities.Message(_fake.ServiceUrl, Person.Fiona, Chat.Thread("8002"), "close", id: "8002"));
        var closing = await _host.SentAsync();
        Assert.Contains(closing, c => c.IsPost && c.ConversationId == Chat.Personal(Person.Maria).Id);
        var concerns = _host.Services.GetRequiredService<ConcernService>();
        var concern = Assert.Single(await _host.Store.ListConcernsAsync(Activities.Tenant, d.Id, CancellationToken.None), c => c.Origin == ConcernOrigin.FlaggedAnswer);
        var maria = new Actor("teams", Activities.Tenant, new UserRef(Person.Maria.AadId, Person.Maria.Name));
        var alice = new Actor("teams", Activities.Tenant, new UserRef(Alice.AadId, Alice.Name));
        await concerns.ActAsync(maria, concern.Id, ConcernAction.Respond, "We will shadow two night shifts before deciding.", "respond-1", CancellationToken.None);
        Assert.Contains(await _host.SentAsync(), c => c.IsPost && c.ConversationId == Chat.ChannelId && c.CardText.Contains("shadow two night shifts", StringComparison.Ordinal));
        await concerns.ActAsync(alice, concern.Id, ConcernAction.Accept, null, "accept-1", CancellationToken.None);
        await _host.SentAsync();
        Assert.All(await _db.OutboxAsync(), row => Assert.Contains(row.Status, new[] { "delivered", "superseded" }));

        var dump = await _db.DumpAsync();
        Assert.Contains(dump, v => v.Table == "answers" && v.Value.Contains(Words, StringComparison.Ordinal)); // the dump reads the real data
        Assert.Contains(dump, v => v.Table == "channel_state" && v.Value.Contains(Alice.AadId, StringComparison.Ordinal)); // she can still be reached
        Assert.Empty(AnonymityAtRest.Exposures(dump, Alice.AadId, Alice.Name));
        Assert.Empty(AnonymityAtRest.Exposures(dump, Alice.TeamsId, Alice.Name));

        // Nor does a delivery's key say that it came from her 1:1 chat (kept, to reach her) at the time of an answer.
        var chat = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(personal.Id)));
        Assert.DoesNotContain(dump, v => v.Value.Contains(chat[..12], StringComparison.Ordinal));
    }
}
