using DeliberationBot.Core.Concerns;
using DeliberationBot.Slack.Answering;
using DeliberationBot.Slack.Concerns;
using DeliberationBot.Slack.Inbound;
using DeliberationBot.Slack.Rendering;

namespace DeliberationBot.Slack.Interactivity;

/// <summary>
/// Every block action id the renderers emit, each registered here to its handler; an id registered twice (or a
/// concern action without a button) fails at start-up. Unknown ids are acknowledged and ignored.
/// </summary>
internal sealed class ActionRouter
{
    private readonly Dictionary<string, Func<SlackAction, CancellationToken, Task<SlackAck>>> _routes = new(StringComparer.Ordinal);
    private readonly SlackLog _log;

    public ActionRouter(AnswerActions answers, ConcernActions concerns, DecisionActions decisions, SuggestionActions suggestions, SlackLog log)
    {
        _log = log;
        Register(SlackIds.AnswerAction, answers.OpenAsync);
        Register(SlackIds.ChangeAnswerAction, answers.ChangeAsync);
        Register(SlackIds.JumpAction, answers.JumpAsync);
        foreach (var action in Enum.GetValues<ConcernAction>())
        {
            Register(SlackIds.ConcernActionId(action), (a, ct) => concerns.PressAsync(a, action, ct));
        }

        Register(SlackIds.DecideAction, decisions.OpenAsync);
        Register(SlackIds.ConfirmSuggestionAction, (a, ct) => suggestions.PressAsync(a, confirm: true, ct));
        Register(SlackIds.DismissSuggestionAction, (a, ct) => suggestions.PressAsync(a, confirm: false, ct));
    }

    public IReadOnlyCollection<string> ActionIds => _routes.Keys;

    public Task<SlackAck> RouteAsync(SlackAction action, CancellationToken ct)
    {
        if (_routes.TryGetValue(action.ActionId, out var route))
        {
            return route(action, ct);
        }

        _log.Ignored("block action", action.ActionId);
        return Task.FromResult(SlackAck.Empty);
    }

    private void Register(string actionId, Func<SlackAction, CancellationToken, Task<SlackAck>> handler)
    {
        if (!_routes.TryAdd(actionId, handler))
        {
            throw new InvalidOperationException($"Slack action id '{actionId}' is registered twice.");
        }
    }
}
