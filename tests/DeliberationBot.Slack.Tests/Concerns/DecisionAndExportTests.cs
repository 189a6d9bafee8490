using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DeliberationBot.Core.Concerns;
using DeliberationBot.Slack.Tests.Infrastructure;
using DeliberationBot.Slack.Tests.Rendering;
using static DeliberationBot.Slack.Tests.Concerns.ClosedDeliberation;

namespace DeliberationBot.Slack.Tests.Concerns;

/// <summary>After closing: the facilitator records the decision from a button and a modal; anyone gets the record's links.</summary>
public sealed partial class DecisionAndExportTests : SlackHostTest
{
    private ClosedDeliberation _closed = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _closed = await ClosedDeliberation.StartAsync(Host);
    }

    [Fact]
    public async Task The_facilitator_records_the_decision_from_the_button_in_the_private_request()
    {
        var request = _closed.LastDirectMessage(Dana, "What is the decision?");
        Assert.Contains("3 unresolved concerns", request.Strings, StringComparison.Ordinal);
        // The facilitator reads each unresolved concern in the words of whoever raised it before deciding, not only how many.
        Assert.Contains("Still unresolved, in the words of the people who raised them:", request.Strings, StringComparison.Ordinal);
        Assert.Contains("“Rank calls by risk”\n— Frontline worker (u0ana)", request.Strings, StringComparison.Ordinal);
        Assert.Equal(3, Regex.Count(request.Strings, @"(^|\n)Concern #\d\b", RegexOptions.None));
        Assert.True(request.Strings.IndexOf("Rank calls by risk", StringComparison.Ordinal) < request.Strings.IndexOf("Or type", StringComparison.Ordinal));
        await Host.InteractionAsync(Press(request, "decision_open", _closed.Deliberation.Id, Dana));
        var modal = Modals.ViewOf(await Api.WaitForAsync("views.open"));
        SlackLimitsAssert.Modal(modal);
        Assert.Equal("decision", Modals.Callback(modal));
        Assert.Equal(["go", "no-go", "conditions", "revisit"], Modals.OptionValues(Modals.InputElement(modal, "outcome")!));
        Assert.Contains("Predictive screening for hotline calls", modal.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("Everyone in the conversation will see the decision and this rationale.", modal.ToJsonString(), StringComparison.Ordinal); // no public page here

        JsonObject Values(string? outcome, string rationale)
        {
            var values = Modals.Values(("rationale", SlackPayloads.Input("plain_text_input", rationale)));
            values["outcome"] = new JsonObject { ["value"] = SlackPayloads.Input("radio_buttons", outcome is null ? null : SlackPayloads.Option(outcome)) };
            return values;
        }

        var noOutcome = await ErrorsAsync(SlackPayloads.ViewSubmission(modal, Values(null, "Because."), Dana, "V0DE", "d-1"));
        Assert.Equal("Please pick the decision.", noOutcome["outcome"]!.GetValue<string>());
        var notFacilitator = await ErrorsAsync(SlackPayloads.ViewSubmission(modal, Values("go", "Because I own it."), Maria, "V0DM", "d-2"));
        Assert.Contains("Only the facilitator", notFacilitator["rationale"]!.GetValue<string>(), StringComparison.Ordinal);

        var submission = SlackPayloads.ViewSubmission(modal, Values("conditions", "Pilot in one office first."), Dana, "V0DE", "d-3");
        var recorded = await Modals.UpdatedViewAsync(await Host.InteractionAsync(submission));
        var again = await Host.InteractionAsync(submission);

        Assert.Contains("Recorded: Go with conditions", recorded.ToJsonString(), StringComparison.Ordinal);
        Assert.Empty(await again.Content.ReadAsByteArrayAsync());
        // A second form, opened before the first was sent, is refused with what stands and what to type to amend it.
        var late = await ErrorsAsync(SlackPayloads.ViewSubmission(modal, Values("no-go", "Too risky after all."), Dana, "V0DF", "d-4"));
        Assert.EndsWith("Nothing changed. To amend it, type the decide command with the new decision and its rationale. " +
            "Usage: decide go|no-go|conditions|revisit \"<rationale>\"", late["rationale"]!.GetValue<string>(), StringComparison.Ordinal);
        var decision = (await Host.DeliberationAsync()).Decision!;
        Assert.Equal((DecisionOutcome.GoWithConditions, "Pilot in one office first.", Dana), (decision.Outcome, decision.Rationale, decision.DecidedBy.Id));
        Assert.Single(await Host.EventsAsync(_closed.Deliberation), e => e.Type == "decision.recorded");

        await Host.SettleOutboxAsync();
        var announced = Api.CallsTo("chat.postMessage").Single(c => c.Json.GetProperty("channel").GetString() == SlackPayloads.Channel && c.Strings.Contains("Decision:", StringComparison.Ordinal));
        Assert.Contains("Decision: Go with conditions", announced.Strings, StringComparison.Ordinal);
        // The rationale as written (plain text: Slack formats none of it), then who decided, as a mention.
        var texts = Blocks.TextObjects(announced.Json).ToList();
        var rationale = texts.IndexOf(("plain_text", "Pilot in one office first."));
        Assert.True(rationale > 0, announced.Strings);
        Assert.Equal(("mrkdwn", "— <@U0DANA>"), texts[rationale + 1]);
    }

    [Fact]
    public async Task Export_links_come_back_privately_and_open_the_record()
    {
        var refused = string.Join("\n", RecordedCall.StringsOf(await SlackTestHost.JsonAsync(await Host.CommandAsync("export", Ana, "ana"))));
        Assert.Contains("Only the facilitator (dana) and the owners (maria) can export", refused, StringComparison.Ordinal);
        var reply = await SlackTestHost.JsonAsync(await Host.CommandAsync("export", Maria, "maria"));

        Assert.Equal("ephemeral", reply.GetProperty("response_type").GetString());
        var text = string.Join("\n", RecordedCall.StringsOf(reply));
        Assert.Contains("The record of *Predictive screening for hotline calls*", text, StringComparison.Ordinal);
        Assert.Contains("anyone who has them can read the record", text, StringComparison.Ordinal);
        var markdown = new Uri(MarkdownLink().Match(text).Groups["url"].Value.Replace("&amp;", "&", StringComparison.Ordinal));
        Assert.Contains("|JSON>", text, StringComparison.Ordinal);

        var record = await Host.Http.GetAsync(markdown.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, record.StatusCode);
        Assert.Contains("# Predictive screening for hotline calls", await record.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<JsonNode> ErrorsAsync(JsonObject submission)
    {
        var body = JsonNode.Parse(await (await Host.InteractionAsync(submission)).Content.ReadAsStringAsync())!;
        Assert.Equal("errors", body["response_action"]!.GetValue<string>());
        return body["errors"]!;
    }

    [GeneratedRegex("<(?<url>[^|>]+)\\|Markdown>")]
    private static partial Regex MarkdownLink();
}
