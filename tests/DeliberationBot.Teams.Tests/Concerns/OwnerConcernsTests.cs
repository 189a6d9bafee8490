using System.Net;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Stakeholders;
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
        // The flow's own rules add concerns of their own (e.g. for a "no" where "yes" is expected): all of them go too.
        var all = (await Host.Store.ListConcernsAsync(Activities.Tenant, d, CancellationToken.None)).Count;
        var attempts = Payloads.Parts(sent, maria, $"{all} concerns on \"Predictive screening\" need your response");
        var parts = attempts.Where(c => c.ResponseId is not null).ToList();
        Assert.True(parts.Count >= 10, $"60 concerns of 4,000 characters cannot fit in {parts.Count} Teams messages");
        Assert.Equal(parts.Count + 1, attempts.Count); // the throttled one, then each part once: none sent twice
        Assert.Equal(parts.Count, parts.Select(p => p.Body!["summary"]!.GetValue<string>()).Distinct().Count());
        Assert.Equal(
            Enumerable.Range(1, parts.Count).Select(i => $"{all} concerns on \"Predictive screening\" need your response (part {i} of {parts.Count})"),
            parts.Select(p => p.Body!["summary"]!.GetValue<string>()));

        var delivered = string.Join("\n", parts.Select(p => p.CardText));
        Assert.All(texts, text => Assert.Contains(text, delivered, StringComparison.Ordinal));
        Assert.All(parts, p => Assert.Equal(Person.Maria.TeamsId, p.Body!["recipient"]!["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Each_concern_shows_its_words_first_and_its_actions_on_demand()
    {
        await StartWithConcernsAsync(Enumerable.Range(1, 8).Select(i => $"Worry {i}: the score decides who gets a visit.").ToList());
        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Fiona, Chat.Group, "close"));
        var sent = await Host.SentAsync();

        var card = Assert.Single(Payloads.Parts(sent, Chat.Personal(Person.Maria).Id, "", "need your response")).Card!;
        var body = card["body"]!.AsArray().Select(n => n!.AsObject()).ToList();
        Assert.DoesNotContain(body, e => e["type"]!.GetValue<string>().StartsWith("Input.", StringComparison.Ordinal));
        var sets = body.Where(e => e["type"]!.GetValue<string>() == "ActionSet").ToList();
        Assert.True(sets.Count >= 8);
        foreach (var set in sets)
        {
            // Each concern's words come before its one "Respond to #n", which opens the response box and the buttons.
            var show = Assert.Single(set["actions"]!.AsArray())!;
            Assert.Equal("Action.ShowCard", show["type"]!.GetValue<string>());
            Assert.StartsWith("Respond to #", show["title"]!.GetValue<string>(), StringComparison.Ordinal);
            var inner = show["card"]!;
            Assert.True(inner["body"]![0]!["isRequired"]!.GetValue<bool>());
            Assert.Contains("Respond", inner["actions"]!.AsArray().Select(a => a!["title"]!.GetValue<string>()));
        }

        var text = Texts.Of(card);
        foreach (var i in Enumerable.Range(1, 8))
        {
            var words = text.IndexOf($"“Worry {i}: the score decides who gets a visit.”", StringComparison.Ordinal);
            Assert.True(words > 0);
            Assert.True(text.IndexOf("Respond to #", words, StringComparison.Ordinal) > words, "the actions come after the words");
        }
    }

    /// <summary>
    /// Fiona starts an ai-proposal deliberation owned by Maria; people of every group answer it through the engine,
    /// flagging free-text answers written with the given texts, one concern each, until every text is used.
    /// </summary>
    private async Task<Guid> StartWithConcernsAsync(IReadOnlyList<string> texts)
    {
        Fake.AddToRoster(Person.Maria);
        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Fiona, Chat.Group, "start ai-proposal \"Predictive screening\" owner:<at>Maria Garcia</at>", [Activities.Mention(Person.Maria)]));
        var d = await Host.SingleDeliberationAsync();
        var answering = Host.Services.GetRequiredService<AnsweringService>();
        var groups = Enum.GetValues<StakeholderGroup>();
        var used = 0;
        for (var p = 0; used < texts.Count; p++)
        {
            Assert.True(p < 100, "enough people to flag every text");
            var actor = new Actor("teams", Activities.Tenant, new UserRef($"aad-person-{p}", $"Person {p}"));
            var result = await answering.JoinAsync(actor, d.Id, groups[p % groups.Length], anonymous: false, $"test:join:{p}", CancellationToken.None);
            while (result.Replies.OfType<QuestionPrompt>().FirstOrDefault() is { } q)
            {
                var flag = q.Kind == AnswerKind.FreeText && used < texts.Count;
                var value = q.Kind switch
                {
                    AnswerKind.FreeText => AnswerValue.FromText(flag ? texts[used++] : "Nothing more to add."),
                    AnswerKind.Number or AnswerKind.Scale => AnswerValue.FromNumber(3),
                    AnswerKind.MultipleChoice => AnswerValue.FromChoices(q.Options[0].Id),
                    _ => AnswerValue.FromChoices(q.Options[0].Id),
                };
                result = await answering.AnswerAsync(actor, d.Id, q.QuestionId, value, flag, $"test:{p}:{q.QuestionId}", CancellationToken.None);
                Assert.DoesNotContain(result.Replies, r => r is ErrorMessage);
            }
        }

        await Host.SentAsync();
        return d.Id;
    }
}
