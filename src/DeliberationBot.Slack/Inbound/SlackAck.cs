using System.Text.Json.Nodes;

namespace DeliberationBot.Slack.Inbound;

/// <summary>
/// What to answer Slack within its 3 seconds (HTTP response or Socket Mode ack payload), and optionally work to do
/// right after answering (opening a modal with the trigger id, posting an ephemeral reply).
/// </summary>
internal sealed record SlackAck(int StatusCode, JsonObject? Body = null, Func<CancellationToken, Task>? After = null)
{
    public static SlackAck Empty { get; } = new(200);

    public static SlackAck Json(JsonObject body) => new(200, body);

    public static SlackAck Then(Func<CancellationToken, Task> after) => new(200, null, after);

    public static SlackAck Failed { get; } = new(500);

    /// <summary>The same acknowledgement, with <paramref name="next"/> to do after what it does already.</summary>
    public SlackAck AndThen(Func<CancellationToken, Task> next) => this with
    {
        After = After is not { } first ? next : async ct =>
        {
            await first(ct);
            await next(ct);
        },
    };
}
