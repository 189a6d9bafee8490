using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DeliberationBot.Core.Inbound;
using DeliberationBot.Core.Telemetry;
using DeliberationBot.Slack.Inbound;
using DeliberationBot.Slack.Inbound.Payloads;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DeliberationBot.Slack.SocketMode;

/// <summary>
/// One Socket Mode WebSocket: reads frames until Slack disconnects or the socket drops, and answers each envelope
/// with its ack (<c>{envelope_id, payload}</c>) after the same dispatch code the HTTP endpoint uses.
/// </summary>
internal sealed partial class SocketModeConnection(SlackDispatcher dispatcher, IOptions<SlackOptions> options, ILogger<SocketModeConnection> logger)
{
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly List<Task> _inFlight = [];

    public async Task<SocketOutcome> RunAsync(Uri url, CancellationToken stoppingToken)
    {
        using var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(5);
        socket.Options.KeepAliveTimeout = TimeSpan.FromSeconds(10);
        try
        {
            await socket.ConnectAsync(url, stoppingToken);
            var outcome = await ReceiveLoopAsync(socket, stoppingToken);
            await Task.WhenAll(_inFlight.ToArray());
            if (socket.State == WebSocketState.Open)
            {
                using var closing = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "reconnecting", closing.Token);
            }

            return outcome;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return SocketOutcome.Stopped;
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
        {
            LogSocketError(e);
            return SocketOutcome.Dropped;
        }
    }

    private async Task<SocketOutcome> ReceiveLoopAsync(ClientWebSocket socket, CancellationToken ct)
    {
        var buffer = new byte[16 * 1024];
        using var message = new MemoryStream();
        while (socket.State == WebSocketState.Open)
        {
            var frame = await socket.ReceiveAsync(buffer, ct);
            if (frame.MessageType == WebSocketMessageType.Close)
            {
                return SocketOutcome.Dropped;
            }

            if (message.Length + frame.Count > options.Value.MaxBodyBytes)
            {
                LogTooLarge();
                return SocketOutcome.Dropped;
            }

            message.Write(buffer, 0, frame.Count);
            if (!frame.EndOfMessage)
            {
                continue;
            }

            var text = Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length);
            message.SetLength(0);
            if (OnMessage(socket, text, ct) is { } outcome)
            {
                return outcome;
            }
        }

        return SocketOutcome.Dropped;
    }

    /// <summary>Handles one message; returns an outcome when the connection should end.</summary>
    private SocketOutcome? OnMessage(ClientWebSocket socket, string text, CancellationToken ct)
    {
        SocketModeFrame frame;
        try
        {
            frame = SlackPayload.Read(text, SlackJsonContext.Default.SocketModeFrame);
        }
        catch (Exception e) when (e is JsonException or SlackPayloadException)
        {
            LogMalformed(e.Message);
            return null;
        }

        switch (frame.Type)
        {
            case "hello":
                LogHello(frame.NumConnections);
                return null;
            case "disconnect":
                LogDisconnect(frame.Reason);
                return frame.Reason == "link_disabled" ? SocketOutcome.Disabled : SocketOutcome.Refresh;
        }

        if (frame.EnvelopeId is { } envelopeId)
        {
            _inFlight.RemoveAll(t => t.IsCompleted);
            _inFlight.Add(HandleEnvelopeAsync(socket, envelopeId, frame, ct));
        }

        return null;
    }

    private async Task HandleEnvelopeAsync(ClientWebSocket socket, string envelopeId, SocketModeFrame frame, CancellationToken ct)
    {
        // No HTTP request carries a Socket Mode envelope, so the envelope is the root of what it causes.
        using var span = BotTelemetry.Source.StartActivity("slack socket " + frame.Type, ActivityKind.Server);
        var received = Stopwatch.GetTimestamp();
        try
        {
            var payload = frame.Payload ?? throw new SlackPayloadException("envelope without payload");
            var ack = frame.Type switch
            {
                "slash_commands" => await dispatcher.CommandAsync(SlackPayload.Read(payload, SlackJsonContext.Default.SlashCommand).Checked(), ct),
                "interactive" => await dispatcher.InteractionAsync(SlackPayload.Read(payload, SlackJsonContext.Default.InteractionPayload), ct),
                "events_api" => await dispatcher.EventAsync(SlackPayload.Read(payload, SlackJsonContext.Default.EventsApiBody), ct),
                _ => SlackAck.Empty,
            };
            if (ack.StatusCode >= 500)
            {
                // Not acknowledged: Slack delivers the envelope again.
                return;
            }

            await AckAsync(socket, envelopeId, ack.Body, ct);
            BotTelemetry.RecordAck(SlackChannel.Name, Stopwatch.GetElapsedTime(received));
            if (ack.After is { } after)
            {
                await after(ct);
            }
        }
        catch (Exception e) when (e is SlackPayloadException or JsonException)
        {
            // Acknowledged all the same: a malformed envelope delivered again would be just as malformed.
            LogMalformed(e.Message);
            await AckAsync(socket, envelopeId, null, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogEnvelopeFailed(e, envelopeId);
        }
    }

    private async Task AckAsync(ClientWebSocket socket, string envelopeId, JsonObject? payload, CancellationToken ct)
    {
        var ack = new JsonObject { ["envelope_id"] = envelopeId };
        if (payload is not null)
        {
            ack["payload"] = payload.DeepClone();
        }

        var bytes = Encoding.UTF8.GetBytes(ack.ToJsonString(SlackJson.Options));
        await _sendLock.WaitAsync(ct);
        try
        {
            await socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, ct);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack Socket Mode connected ({Connections} connection(s))")]
    private partial void LogHello(int? connections);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack Socket Mode disconnect requested: {Reason}")]
    private partial void LogDisconnect(string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack Socket Mode message ignored as malformed: {Reason}")]
    private partial void LogMalformed(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack Socket Mode message too large; reconnecting")]
    private partial void LogTooLarge();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack Socket Mode socket failed")]
    private partial void LogSocketError(Exception e);

    [LoggerMessage(Level = LogLevel.Error, Message = "Slack Socket Mode envelope {EnvelopeId} failed")]
    private partial void LogEnvelopeFailed(Exception e, string envelopeId);

    /// <summary>A fresh connection object per WebSocket.</summary>
    internal sealed class Factory(SlackDispatcher dispatcher, IOptions<SlackOptions> options, ILogger<SocketModeConnection> logger)
    {
        public SocketModeConnection Create() => new(dispatcher, options, logger);
    }
}
