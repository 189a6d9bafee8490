using System.Text.Json.Nodes;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Digests;
using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Stakeholders;
using DeliberationBot.Slack.Tests.Infrastructure;
using DeliberationBot.Slack.Tests.Rendering;
using Microsoft.Extensions.DependencyInjection;

namespace DeliberationBot.Slack.Tests.Concerns;

/// <summary>
/// The 62-question ai-proposal flow answered in full, every free-text answer as long as an answer may be and flagged:
/// the review of one's answers, the summary, the owner's concerns and the digest all reach Slack whole, in as many
/// messages as they need, each within Slack's limits.
/// </summary>
public sealed class FullFlowTests : SlackHostTest
{
    private const string Dana = "U0DANA";
    private const string Maria = "U0MARIA";
    private const string Sam = "U0SAM";

    [Fact]
    public async Task Everything_written_reaches_Slack_in_full_and_every_payload_is_within_the_limits()
    {
        var d = await Host.StartDeliberationAsync("start ai-proposal \"Predictive screening for hotline calls\" owner:<@U0MARIA|maria>", Dana, "dana");

        // One person of every group answers everything meant for them; Sam answers as a frontline worker.
        var answering = Host.Answering;
        var asked = new HashSet<string>(StringComparer.Ordinal);
        var written = new Dictionary<string, string>(StringComparer.Ordinal);
        var samsQuestions = new List<string>();
        foreach (var (group, p) in Enum.GetValues<StakeholderGroup>().Select((g, p) => (g, p)))
        {
            var user = group == StakeholderGroup.FrontlineWorker ? new UserRef(Sam, "sam") : new UserRef($"U0P{p}", $"person {p}");
            var actor = new Actor("slack", SlackPayloads.Team, user);
            var result = await answering.JoinAsync(actor, d.Id, group, anonymous: false, $"join-{p}", default);
            while (result.Replies.OfType<QuestionPrompt>().FirstOrDefault() is { } q)
            {
                asked.Add(q.QuestionId);
                var value = AnswerFor(q, p, LongText.Words($"{group.Id()} on {q.QuestionId}", AnswerParser.MaxTextLength));
                if (value.Text is not null)
                {
                    written[$"{user.Id}:{q.QuestionId}"] = value.Text;
                }

                if (user.Id == Sam)
                {
                    samsQuestions.Add(q.QuestionId);
                }

                result = await answering.AnswerAsync(actor, d.Id, q.QuestionId, value, flagConcern: value.Text is not null, $"answer-{p}-{q.QuestionId}", default);
                Assert.DoesNotContain(result.Replies, r => r is ErrorMessage);
                Host.Time.Advance(TimeSpan.FromSeconds(1));
            }
        }

        Assert.Equal(62, asked.Count);

        // Sam changes his last free-text answer in the form: the review of all his answers comes back whole in the
        // modal, each answer with its Change button, within the modal's limits.
        var last = written.Keys.Last(k => k.StartsWith(Sam + ":", StringComparison.Ordinal)).Split(':')[1];
        await Host.InteractionAsync(SlackPayloads.BlockAction("answer_change", $"{d.Id:N}|{last}", Sam));
        var question = Modals.ViewOf(await Api.WaitForAsync("views.open"));
        var changed = LongText.Words($"sam changes {last}", 2900);
        written[$"{Sam}:{last}"] = changed;
        var review = await Modals.UpdatedViewAsync(await Host.InteractionAsync(SlackPayloads.ViewSubmission(question,
            Modals.AnswerValues(question, changed, concern: true), Sam, "V0SAM", "h-sam")));
        SlackLimitsAssert.Modal(review);
        var reviewText = LongText.Squash(LongText.Read(review));
        Assert.All(written.Where(w => w.Key.StartsWith(Sam + ":", StringComparison.Ordinal)), w => Assert.Contains(LongText.Squash(w.Value), reviewText, StringComparison.Ordinal));
        var changes = Blocks.Buttons(review).Where(b => b.ActionId == "answer_change").Select(b => b.Value).ToList();
        Assert.Equal(samsQuestions.Select(q => $"{d.Id:N}|{q}").Order(), changes.Order());

        // Closing: the summary in the channel and the owner's concerns to Maria, each whole and in parts.
        await Host.CommandAsync("close", Dana, "dana");
        await Host.SettleOutboxAsync(timeoutSeconds: 120);
        var channel = Api.CallsTo("chat.postMessage").Where(c => c.Json.GetProperty("channel").GetString() == SlackPayloads.Channel).ToList();
        var summary = LongText.Squash(string.Join("", channel.Select(c => LongText.Read(c))));
        Assert.All(written.Values, text => Assert.Contains(LongText.Squash(text), summary, StringComparison.Ordinal));

        var concerns = await Host.Store.ListConcernsAsync(d.WorkspaceId, d.Id, default);
        // Each flagged answer is its own concern in the person's words (Sam's in his changed words); the flow's rules add more.
        Assert.All(written.Values, w => Assert.Single(concerns, c => c.Text == w));
        var toMaria = Api.CallsTo("chat.postMessage").Where(c => c.Json.GetProperty("channel").GetString() == "D0" + Maria).ToList();
        Assert.True(toMaria.Count > 1, "the owner's concerns take more than one message");
        var ownerText = LongText.Squash(string.Join("", toMaria.Select(c => LongText.Read(c))));
        Assert.All(concerns, c => Assert.Contains(LongText.Squash(c.Text), ownerText, StringComparison.Ordinal));

        // Maria's digest: every open concern by its first 200 characters (read with its question where its own words
        // need it: DigestComposer.WordsOf). The answer to the command is its first part;
        // the others follow right after it, only for her.
        var preview = JsonNode.Parse(await (await Host.CommandAsync("digest preview", Maria, "maria")).Content.ReadAsStringAsync())!.AsObject();
        SlackLimitsAssert.Message(preview);
        var parts = int.Parse(System.Text.RegularExpressions.Regex.Match(preview.ToJsonString(), @"Part 1 of (\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("the rest follows in the next messages", preview.ToJsonString(), StringComparison.Ordinal);
        await Api.WaitForAsync("chat.postEphemeral", c => c.Json.GetProperty("user").GetString() == Maria, count: parts - 1);
        var rest = Api.CallsTo("chat.postEphemeral").Where(c => c.Json.GetProperty("user").GetString() == Maria);
        var digest = LongText.Squash(LongText.Read(preview) + string.Join("", rest.Select(c => LongText.Read(c))));
        var flow = Host.Services.GetRequiredService<FlowCatalog>().Find("ai-proposal");
        Assert.All(concerns, c => Assert.Contains(LongText.Squash(Quoted(DigestComposer.WordsOf(c, flow))), digest, StringComparison.Ordinal));

        // Every message and modal this deliberation produced is within Slack's limits.
        foreach (var call in Api.Calls.Where(c => c.Method is "chat.postMessage" or "chat.update" or "chat.postEphemeral"))
        {
            SlackLimitsAssert.Message(JsonNode.Parse(call.Body)!.AsObject());
        }

        foreach (var call in Api.Calls.Where(c => c.Method is "views.open" or "views.update"))
        {
            SlackLimitsAssert.Modal(JsonNode.Parse(call.Body)!["view"]!.AsObject());
        }
    }

    /// <summary>A valid answer of the question's kind; free text is as long as an answer may be.</summary>
    /// <summary>A concern as a digest reads it: its question, where its words need it, then its first 200 characters in quotation marks.</summary>
    private static string Quoted((string? Question, IReadOnlyList<DigestWords> Words) c) =>
        (c.Question is { } q ? q + " " : "") + string.Join(" · ", c.Words.Select(w => "\u201C" + DigestComposer.Shorten(w.Text) + "\u201D" + (w.Count > 1 ? $" (×{w.Count})" : "")));

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
