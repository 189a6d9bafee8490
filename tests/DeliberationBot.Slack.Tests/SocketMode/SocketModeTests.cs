using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DeliberationBot.Slack.SocketMode;
using DeliberationBot.Slack.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DeliberationBot.Slack.Tests.SocketMode;

/// <summary>A local WebSocket server plays Slack's side of Socket Mode.</summary>
public sealed class SocketModeTests : IAsyncLifetime
{
    private readonly TaskCompletionSource<List<JsonElement>> _acks = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private FakeSlackApi _api = null!;
    private int _connection;

    public async Task InitializeAsync() => _api = await FakeSlackApi.StartAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Envelopes_are_handled_by_the_shared_dispatch_acknowledged_and_the_client_reconnects_until_link_disabled()
    {
        var socketUrl = _api.BaseUrl.Replace("http://", "ws://", StringComparison.Ordinal).Replace("/api/", "/socket", StringComparison.Ordinal);
        var open = FakeResponse.Ok(new JsonObject { ["url"] = socketUrl });
        _api.Enqueue("apps.connections.open", open, open, open);
        _api.WebSocketHandler = ServeAsync;

        await using var host = await SlackTestHost.StartAsync(_api, s => s["Slack:AppToken"] = "xapp-1-test");
        var acks = await _acks.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await _done.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var service = host.Services.GetServices<IHostedService>().OfType<SocketModeService>().Single();
        await service.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(60));

        // The slash command went through the same code as HTTP: stored, and answered in the ack payload.
        Assert.Equal("env-1", acks[0].GetProperty("envelope_id").GetString());
        Assert.Equal("ephemeral", acks[0].GetProperty("payload").GetProperty("response_type").GetString());
        Assert.Contains("Started", acks[0].GetProperty("payload").GetProperty("text").GetString(), StringComparison.Ordinal);
        // The redelivered envelope is acknowledged with nothing, and had no second effect.
        Assert.Equal("env-1", acks[1].GetProperty("envelope_id").GetString());
        Assert.False(acks[1].TryGetProperty("payload", out _));
        Assert.Equal(1, await host.Db.CountAsync("deliberations"));
        // The event envelope is acknowledged too (a top-level message is ignored).
        Assert.Equal("env-2", acks[2].GetProperty("envelope_id").GetString());

        // refresh_requested and a dropped socket reconnect; link_disabled stops for good.
        Assert.Equal(3, _api.CallsTo("apps.connections.open").Count);
        Assert.All(_api.CallsTo("apps.connections.open"), c => Assert.Equal("Bearer xapp-1-test", c.Authorization));
        Assert.Equal(3, service.Connections);
    }

    [Fact]
    public async Task A_wrongly_typed_command_interaction_or_event_is_acknowledged_empty_and_stores_nothing()
    {
        var socketUrl = _api.BaseUrl.Replace("http://", "ws://", StringComparison.Ordinal).Replace("/api/", "/socket", StringComparison.Ordinal);
        _api.Enqueue("apps.connections.open", FakeResponse.Ok(new JsonObject { ["url"] = socketUrl }));
        _api.WebSocketHandler = ServeWronglyTypedAsync;

        await using var host = await SlackTestHost.StartAsync(_api, s => s["Slack:AppToken"] = "xapp-1-test");
        var acks = await _acks.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var service = host.Services.GetServices<IHostedService>().OfType<SocketModeService>().Single();
        await service.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(60));

        // Acknowledged without a payload (a redelivery would be just as malformed), logged, and nothing changed.
        Assert.Equal(["env-command", "env-action", "env-event"], acks.Select(a => a.GetProperty("envelope_id").GetString()));
        Assert.All(acks, a => Assert.False(a.TryGetProperty("payload", out _)));
        Assert.Equal(0, await host.Db.CountAsync("deliberations"));
        Assert.Equal(0, await host.Db.CountAsync("processed_deliveries"));
        Assert.Empty(await host.Db.OutboxAsync());
        Assert.Equal(3, host.Logs.Entries.Count(e => e.Message.Contains("malformed", StringComparison.Ordinal)));
        Assert.DoesNotContain(host.Logs.Entries, e => e.Level >= LogLevel.Error);
    }

    private async Task ServeWronglyTypedAsync(HttpContext context)
    {
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        await SendAsync(socket, new JsonObject { ["type"] = "hello", ["num_connections"] = 1 });
        var command = JsonNode.Parse(JsonSerializer.Serialize(SlackPayloads.Command("start quick-check \"Via socket\"")))!.AsObject();
        command["text"] = 12;
        var action = SlackPayloads.BlockAction("answer", Guid.NewGuid().ToString());
        action["user"] = "U0USER";
        var reply = SlackPayloads.Event(SlackPayloads.Message("U0ANN", "hello", "1700000500.000001"));
        reply["event"]!["thread_ts"] = new JsonArray();

        var acks = new List<JsonElement>();
        foreach (var (id, type, payload) in new[] { ("env-command", "slash_commands", command), ("env-action", "interactive", action), ("env-event", "events_api", reply) })
        {
            await SendAsync(socket, new JsonObject { ["envelope_id"] = id, ["type"] = type, ["payload"] = payload });
            acks.Add(await ReceiveAsync(socket));
        }

        _acks.SetResult(acks);
        await SendAsync(socket, new JsonObject { ["type"] = "disconnect", ["reason"] = "link_disabled" });
        await DrainAsync(socket);
    }

    private async Task ServeAsync(HttpContext context)
    {
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var n = Interlocked.Increment(ref _connection);
        await SendAsync(socket, new JsonObject { ["type"] = "hello", ["num_connections"] = 1 });
        switch (n)
        {
            case 1:
                var command = new JsonObject
                {
                    ["envelope_id"] = "env-1",
                    ["type"] = "slash_commands",
                    ["accepts_response_payload"] = true,
                    ["payload"] = JsonNode.Parse(JsonSerializer.Serialize(SlackPayloads.Command("start quick-check \"Via socket\"", trigger: "sock-trigger"))),
                };
                var acks = new List<JsonElement>();
                await SendAsync(socket, command);
                acks.Add(await ReceiveAsync(socket));
                command["retry_attempt"] = 1;
                command["retry_reason"] = "timeout";
                await SendAsync(socket, command);
                acks.Add(await ReceiveAsync(socket));
                await SendAsync(socket, new JsonObject
                {
                    ["envelope_id"] = "env-2",
                    ["type"] = "events_api",
                    ["payload"] = SlackPayloads.Event(SlackPayloads.Message("U0ANN", "hello", "1700000500.000001")),
                });
                acks.Add(await ReceiveAsync(socket));
                _acks.SetResult(acks);
                await SendAsync(socket, new JsonObject { ["type"] = "disconnect", ["reason"] = "refresh_requested" });
                await DrainAsync(socket);
                break;
            case 2:
                // Dropped without a goodbye.
                socket.Abort();
                break;
            default:
                await SendAsync(socket, new JsonObject { ["type"] = "disconnect", ["reason"] = "link_disabled" });
                await DrainAsync(socket);
                _done.SetResult();
                break;
        }
    }

    private static Task SendAsync(WebSocket socket, JsonObject message) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);

    private static async Task<JsonElement> ReceiveAsync(WebSocket socket)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer, timeout.Token);
            message.Write(buffer, 0, result.Count);
        }
        while (!result.EndOfMessage);
        return JsonDocument.Parse(message.ToArray()).RootElement.Clone();
    }

    /// <summary>Reads until the client closes its side, then completes the close handshake.</summary>
    private static async Task DrainAsync(WebSocket socket)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var buffer = new byte[1024];
        while (socket.State == WebSocketState.Open)
        {
            var result = await socket.ReceiveAsync(buffer, timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
            }
        }
    }
}
