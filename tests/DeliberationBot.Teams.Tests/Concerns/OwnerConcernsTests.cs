using System.Net;
using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Teams.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DeliberationBot.Teams.Tests.Concerns;

/// <summary>An owner's concerns reach them whole, however many and however long, and each concern's actions open on demand.</summary>
public sealed class OwnerConcernsTests : HostTest
{
    [Fact]
    public async Task Sixty_long_concerns_reach_the_owner_word_for_word_in_parts_within_the_size_limit_and_a_retry_sends_only_the_rest()
    {
        var texts = Enumerable.Range(1, 60).Select(i => Payloads.Words($"Concern number {i}:", 4000)).ToList();
        var d = await StartWithConcernsAsync(texts);

        // Teams throttles the third part; the outbox tries again two minutes later.
        var maria = Chat.Personal(Person.Maria).Id;
        var posts = 0;
        Fake.Fail(c => c.IsPost && c.ConversationId == maria && ++posts == 3, HttpStatusCode.TooManyRequests, retryAfter: TimeSpan.FromSeconds(120));
        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Fiona, Chat.Group, "close"));
        var sent = (await Host.SentAsync()).ToList();
        Host.Clock.Advance(TimeSpan.FromSeconds(121));
        sent.AddRange(await Host.SentAsync());

        Payloads.AssertSentAsTeamsExpects(sent);
        var attempts = Payloads.Parts(sent, maria, "60 concerns on \"Predictive screening\" need your response");
        var parts = attempts.Where(c => c.ResponseId is not null).ToList();
        Assert.True(parts.Count >= 10, $"60 concerns of 4,000 characters cannot fit in {parts.Count} Teams messages");
        Assert.Equal(parts.Count + 1, attempts.Count); // the throttled one, then each part once: none sent twice
        Assert.Equal(parts.Count, parts.Select(p => p.Body!["summary"]!.GetValue<string>()).Distinct().Count());
        Assert.Equal(
            Enumerable.Range(1, parts.Count).Select(i => $"60 concerns on \"Predictive screening\" need your response (part {i} of {parts.Count})"),
            parts.Select(p => p.Body!["summary"]!.GetValue<string>()));

        var delivered = string.Join("\n", parts.Select(p => p.CardText));
        Assert.All(texts, text => Assert.Contains(text, delivered, StringComparison.Ordinal));
        Assert.All(parts, p => Assert.Equal((Person.Maria.TeamsId, Person.Maria.Name), (p.Body!["recipient"]!["id"]!.GetValue<string>(), p.Body!["recipient"]!["name"]!.GetValue<string>())));
        Assert.Equal(60, (await Host.Store.ListConcernsAsync(Activities.Tenant, d, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task Each_concern_shows_its_words_first_and_its_actions_on_demand()
    {
        await StartWithConcernsAsync(Enumerable.Range(1, 8).Select(i => $"Worry {i}: the score decides who gets a visit.").ToList());
        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Fiona, Chat.Group, "close"));
        var sent = await Host.SentAsync();

        var card = Assert.Single(Payloads.Parts(sent, Chat.Personal(Person.Maria).Id, "8 concerns")).Card!;
        var body = card["body"]!.AsArray().Select(n => n!.AsObject()).ToList();
        Assert.DoesNotContain(body, e => e["type"]!.GetValue<string>().StartsWith("Input.", StringComparison.Ordinal));
        var sets = body.Where(e => e["type"]!.GetValue<string>() == "ActionSet").ToList();
        Assert.Equal(8, sets.Count);
        foreach (var (set, i) in sets.Select((s, i) => (s, i)))
        {
            var show = Assert.Single(set["actions"]!.AsArray())!;
            Assert.Equal(("Action.ShowCard", $"Respond to #{i + 1}"), (show["type"]!.GetValue<string>(), show["title"]!.GetValue<string>()));
            var inner = show["card"]!;
            Assert.True(inner["body"]![0]!["isRequired"]!.GetValue<bool>());
            Assert.Contains("Respond", inner["actions"]!.AsArray().Select(a => a!["title"]!.GetValue<string>()));
            Assert.Contains($"Worry {i + 1}: the score decides who gets a visit.", Texts.Of(body[body.IndexOf(set.AsObject()) - 2]), StringComparison.Ordinal);
        }
    }

    /// <summary>Fiona starts a deliberation owned by Maria and records the concerns, through the service as the command would.</summary>
    private async Task<Guid> StartWithConcernsAsync(IReadOnlyList<string> texts)
    {
        Fake.AddToRoster(Person.Maria);
        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Fiona, Chat.Group, "start quick-check \"Predictive screening\" owner:<at>Maria Garcia</at>", [Activities.Mention(Person.Maria)]));
        var d = await Host.SingleDeliberationAsync();
        var concerns = Host.Services.GetRequiredService<ConcernService>();
        var fiona = new Actor("teams", Activities.Tenant, new UserRef(Person.Fiona.AadId, Person.Fiona.Name));
        foreach (var (text, i) in texts.Select((t, i) => (t, i)))
        {
            var result = await concerns.AddAsync(fiona, d.Home, text, $"test:concern:{i}", CancellationToken.None);
            Assert.DoesNotContain(result.Replies, r => r is ErrorMessage);
        }

        await Host.SentAsync();
        return d.Id;
    }
}
