using System.Text.Json.Nodes;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Digests;
using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Stakeholders;
using DeliberationBot.Teams.Cards;
using DeliberationBot.Teams.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DeliberationBot.Teams.Tests.Deliberations;

/// <summary>
/// The 62-question ai-proposal flow answered in full, every free-text answer 4,000 characters and flagged: the review
/// of one's answers, the summary, the owner's concerns and the digest all reach Teams whole, in parts within its limit.
/// </summary>
public sealed class LongDeliberationTests : HostTest
{
    [Fact]
    public async Task Everything_written_reaches_Teams_in_full_and_every_payload_is_within_the_limit()
    {
        Fake.AddToRoster(Person.Maria);
        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Fiona, Chat.Group,
            "start ai-proposal \"Predictive screening for hotline calls\" owner:<at>Maria Garcia</at>", [Activities.Mention(Person.Maria)]));
        var d = await Host.SingleDeliberationAsync();
        var sent = (await Host.SentAsync()).ToList();

        // One person of every group answers everything meant for them, through the engine; Sam answers as a frontline worker.
        var answering = Host.Services.GetRequiredService<AnsweringService>();
        var asked = new HashSet<string>(StringComparer.Ordinal);
        var written = new Dictionary<string, string>(StringComparer.Ordinal);
        var sams = new List<string>();
        foreach (var (group, p) in Enum.GetValues<StakeholderGroup>().Select((g, p) => (g, p)))
        {
            var user = group == StakeholderGroup.FrontlineWorker ? new UserRef(Person.Sam.AadId, Person.Sam.Name) : new UserRef($"aad-person-{p}", $"Person {p}");
            var actor = new Actor("teams", Activities.Tenant, user);
            var result = await answering.JoinAsync(actor, d.Id, group, anonymous: false, $"test:join:{p}", CancellationToken.None);
            while (result.Replies.OfType<QuestionPrompt>().FirstOrDefault() is { } q)
            {
                asked.Add(q.QuestionId);
                var text = Payloads.Words($"{group.Label()} on {q.QuestionId}:", AnswerParser.MaxTextLength);
                var value = AnswerFor(q, p, text);
                if (value.Text is not null)
                {
                    written[$"{p}:{q.QuestionId}"] = text;
                    if (user.Id == Person.Sam.AadId)
                    {
                        sams.Add(text);
                    }
                }

                result = await answering.AnswerAsync(actor, d.Id, q.QuestionId, value, flagConcern: value.Text is not null, $"test:{p}:{q.QuestionId}", CancellationToken.None);
                Assert.DoesNotContain(result.Replies, r => r is ErrorMessage);
                await Host.AdvanceAsync(TimeSpan.FromSeconds(1));
            }
        }

        Assert.Equal(62, asked.Count);
        sent.AddRange(await Host.SentAsync());

        // Sam changes his last free-text answer in his 1:1 chat: the review of all his answers is too long for the card
        // he pressed, so it says so and the review follows in parts.
        var sam = Chat.Personal(Person.Sam);
        var lastQuestion = written.Keys.Last(k => k.StartsWith($"{(int)Array.IndexOf(Enum.GetValues<StakeholderGroup>(), StakeholderGroup.FrontlineWorker)}:", StringComparison.Ordinal)).Split(':')[1];
        var data = JourneyTests.Data(d.Id, ("questionId", lastQuestion), ("kind", "FreeText"), ("answer", sams[^1]), ("concern", "true"));
        var answered = await Host.SendAsync(Activities.Execute(ServiceUrl, Person.Sam, sam, "submit-answer", data));
        Assert.Contains("follows in the next messages", Texts.Of(answered!["value"]!), StringComparison.Ordinal);
        sent.AddRange(await Host.SentAsync());
        var review = Payloads.Parts(sent, sam.Id, "Your answers to");
        Assert.True(review.Count > 1, "Sam's review is longer than one Teams message");
        var reviewText = string.Join("\n", review.Select(r => r.CardText));
        Assert.All(sams, text => Assert.Contains(text, reviewText, StringComparison.Ordinal));
        Assert.All(review, r => Assert.NotNull(RendererActions(r.Card!).SingleOrDefault(a => a["verb"]?.GetValue<string>() == "edit")));

        // Closing: the summary in the conversation and the owner's concerns to Maria, each whole and in parts.
        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Fiona, Chat.Group, "close"));
        sent.AddRange(await Host.SentAsync());
        var summary = Payloads.Parts(sent, Chat.Group.Id, "Summary of");
        Assert.True(summary.Count > 1, "a summary this long comes in parts");
        var summaryText = string.Join("\n", summary.Select(s => s.CardText));
        foreach (var kept in new[] { "Offline summary", "Voices heard", "Flagged concerns", "comes with **export**" })
        {
            Assert.Contains(kept, summaryText, StringComparison.Ordinal);
        }

        Assert.All(written.Values, text => Assert.Contains(text, summaryText, StringComparison.Ordinal));

        var concerns = await Host.Store.ListConcernsAsync(Activities.Tenant, d.Id, CancellationToken.None);
        Assert.NotEmpty(concerns);
        var owner = Payloads.Parts(sent, Chat.Personal(Person.Maria).Id, $"{concerns.Count} concerns on");
        Assert.NotEmpty(owner);
        var ownerText = string.Join("\n", owner.Select(o => o.CardText));
        Assert.All(concerns, c => Assert.Contains(CardText.Escape(c.Text), ownerText, StringComparison.Ordinal));

        // Maria's digest: every open concern, by its first 200 characters (ending in … when there is more).
        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Maria, Chat.Personal(Person.Maria), "digest preview"));
        sent.AddRange(await Host.SentAsync());
        var digest = Payloads.Parts(sent, Chat.Personal(Person.Maria).Id, "Weekly digest");
        Assert.NotEmpty(digest);
        var digestText = string.Join("\n", digest.Select(o => o.CardText));
        var flow = Host.Services.GetRequiredService<FlowCatalog>().Find("ai-proposal"); // a concern is read with its question where its words need it
        Assert.All(concerns.Where(c => c.IsUnresolved), c => Assert.Contains(Quoted(DigestComposer.WordsOf(c, flow)), digestText, StringComparison.Ordinal));
        // Maria's digest links each proposal to her page, which shows every concern whole.
        Assert.Contains("Concerns ending in … are shortened here; each proposal's page, linked here, shows them in full", digestText, StringComparison.Ordinal);

        Payloads.AssertSentAsTeamsExpects(sent);
    }

    private static List<JsonObject> RendererActions(JsonObject card) => Cards.RendererTests.Actions(card);

    /// <summary>A valid answer of the question's kind; free text is as long as an answer may be.</summary>
    /// <summary>A concern as a digest reads it: its question, where its words need it, then its first 200 characters in quotation marks.</summary>
    private static string Quoted((string? Question, IReadOnlyList<DigestWords> Words) c) =>
        (c.Question is { } q ? CardText.Escape(q) + " " : "") +
        string.Join(" · ", c.Words.Select(w => "\u201C" + CardText.Escape(DigestComposer.Shorten(w.Text)) + "\u201D" + (w.Count > 1 ? $" (×{w.Count})" : "")));

    private static AnswerValue AnswerFor(QuestionPrompt q, int person, string text) => q.Kind switch
    {
        AnswerKind.FreeText => AnswerValue.FromText(text),
        AnswerKind.Number => AnswerValue.FromNumber(5 + person),
        AnswerKind.Scale => AnswerValue.FromNumber(1 + (person % 5)),
        AnswerKind.MultipleChoice => AnswerValue.FromChoices(q.Options.Take(2).Select(o => o.Id)),
        AnswerKind.YesNoUnsure => AnswerValue.FromChoices(person % 2 == 0 ? "yes" : "no"), // both, so every follow-up is asked of someone
        _ => AnswerValue.FromChoices(q.Options[person % q.Options.Count].Id),
    };
}
