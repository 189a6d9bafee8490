using DeliberationBot.Core.Concerns;
using DeliberationBot.Slack.Inbound;
using DeliberationBot.Slack.Interactivity;
using DeliberationBot.Slack.Rendering;

namespace DeliberationBot.Slack.Concerns;

/// <summary>Confirm / Dismiss under a summary's suggested concern; Core decides who may (the facilitator) and answers privately.</summary>
internal sealed class SuggestionActions(SuggestionService suggestions, ActionReplies replies)
{
    public async Task<SlackAck> PressAsync(SlackAction a, bool confirm, CancellationToken ct)
    {
        if (!SlackIds.TryParseSuggestionValue(a.Value, out var deliberationId, out var number))
        {
            throw new SlackPayloadException("suggestion button without its deliberation and number");
        }

        return await replies.PrivateAsync(a, await suggestions.SettleAsync(a.Actor, deliberationId, number, confirm, a.ClickKey, ct), "suggestion", ct);
    }
}
