using System.Text.Json.Nodes;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Stakeholders;
using DeliberationBot.Slack.Tests.Infrastructure;
using DeliberationBot.Slack.Tests.Rendering;

namespace DeliberationBot.Slack.Tests.Answering;

/// <summary>
/// A review of one's answers too long for one modal (60 answers of 4,000 characters: more than a modal's 100 blocks) is not cut: the
/// modal shows what was just flagged and says the review went to a direct message, where it arrives whole, in parts,
/// each answer with its Change button.
/// </summary>
public sealed class LongReviewTests : SlackHostTest
{
    private const string Ann = "U0ANN";
    private const int Questions = 60;
    private readonly string _flows = Directory.CreateTempSubdirectory("deliberationbot-flows-").FullName;

    public override async Task InitializeAsync()
    {
        File.Copy(Path.Combine(Repository.FlowsDirectory, "quick-check.yaml"), Path.Combine(_flows, "quick-check.yaml"));
        var questions = string.Join("", Enumerable.Range(1, Questions).Select(i => $"""

                  - id: q{i}
                    text: Question {i}, in your own words?
                    kind: free_text
            """));
        await File.WriteAllTextAsync(Path.Combine(_flows, "long-form.yaml"), $"""
            id: long-form
            title: A long form
            description: Sixty questions answered in words.
            sections:
              - id: all
                title: Everything
                area: goals-and-use
                questions:{questions}

            """);
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_flows, recursive: true);
    }

    internal override void Configure(Dictionary<string, string?> settings) => settings["Flows:Directory"] = _flows;

    [Fact]
    public async Task A_review_too_long_for_a_modal_follows_whole_in_a_direct_message()
    {
        var d = await Host.StartDeliberationAsync("start long-form \"Predictive screening\"");
        var ann = SlackPayloads.Person(Ann, "ann");
        var answering = Host.Answering;
        await answering.JoinAsync(ann, d.Id, StakeholderGroup.FrontlineWorker, anonymous: false, "join", default);
        var written = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i <= Questions; i++)
        {
            written[$"q{i}"] = LongText.Words($"ann q{i}", AnswerParser.MaxTextLength); // as long as a reply in the thread may be
            await answering.AnswerAsync(ann, d.Id, $"q{i}", AnswerValue.FromText(written[$"q{i}"]), flagConcern: false, $"answer-{i}", default);
        }

        // Ann changes her last answer in the form and flags it.
        await Host.InteractionAsync(SlackPayloads.BlockAction("answer_change", $"{d.Id:N}|q{Questions}", Ann));
        var question = Modals.ViewOf(await Api.WaitForAsync("views.open"));
        written[$"q{Questions}"] = LongText.Words("ann changes her mind", 2900);
        var notice = await Modals.UpdatedViewAsync(await Host.InteractionAsync(SlackPayloads.ViewSubmission(question,
            Modals.AnswerValues(question, written[$"q{Questions}"], concern: true), Ann, "V0ANN", "h-1")));

        // The modal: what the owners will receive, and where the review went.
        SlackLimitsAssert.Modal(notice);
        var shown = LongText.Read(notice);
        Assert.Contains("Flagged as a concern", shown, StringComparison.Ordinal);
        Assert.Contains(LongText.Squash(written[$"q{Questions}"]), LongText.Squash(shown), StringComparison.Ordinal);
        Assert.Contains("sent them to you in a direct message", shown, StringComparison.Ordinal);
        Assert.Empty(Blocks.Buttons(notice));

        // The direct message: every answer whole, each with its Change button, in parts within Slack's limits.
        await Host.SettleOutboxAsync(timeoutSeconds: 60);
        var parts = Api.CallsTo("chat.postMessage").Where(c => c.Json.GetProperty("channel").GetString() == "D0" + Ann).ToList();
        Assert.True(parts.Count > 1, "a review of 60 long answers takes more than one message");
        Assert.All(parts, p => SlackLimitsAssert.Message(JsonNode.Parse(p.Body)!.AsObject()));
        var (_, firstTs) = Blocks.Posted(parts[0]);
        Assert.All(parts.Skip(1), p => Assert.Equal(firstTs, p.Json.GetProperty("thread_ts").GetString()));
        var review = LongText.Squash(string.Join("", parts.Select(p => LongText.Read(p))));
        Assert.All(written.Values, w => Assert.Contains(LongText.Squash(w), review, StringComparison.Ordinal));
        var changes = parts.SelectMany(p => Blocks.Buttons(p.Json)).Where(b => b.ActionId == "answer_change").Select(b => b.Value);
        Assert.Equal(written.Keys.Select(q => $"{d.Id:N}|{q}").Order(), changes.Order());

        // A redelivered submission queues nothing more.
        await Host.InteractionAsync(SlackPayloads.ViewSubmission(question, Modals.AnswerValues(question, written[$"q{Questions}"], concern: true), Ann, "V0ANN", "h-1"));
        await Host.SettleOutboxAsync();
        Assert.Equal(parts.Count, Api.CallsTo("chat.postMessage").Count(c => c.Json.GetProperty("channel").GetString() == "D0" + Ann));
    }
}
