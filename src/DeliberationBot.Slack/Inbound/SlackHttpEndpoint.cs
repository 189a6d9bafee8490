using System.Text;
using System.Text.Json;
using DeliberationBot.Core.Inbound;
using DeliberationBot.Slack.Inbound.Payloads;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DeliberationBot.Slack.Inbound;

/// <summary>
/// POST /api/slack/events: buffers the raw body (capped), verifies Slack's signature over those exact bytes, then
/// dispatches by content: slash command (form with command), interactivity (form with payload) or Events API (JSON).
/// Unverified requests get 401 and touch nothing; malformed or oversized ones get 400.
/// </summary>
internal sealed class SlackHttpEndpoint(
    SlackRequestVerifier verifier,
    SlackDispatcher dispatcher,
    IOptions<SlackOptions> options,
    IHostApplicationLifetime lifetime,
    SlackLog log)
{
    public const string Path = "/api/slack/events";

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var ct = context.RequestAborted;
        var body = await BoundedBody.ReadAsync(request.Body, request.ContentLength, options.Value.MaxBodyBytes, ct);
        if (body is null)
        {
            log.TooLarge(options.Value.MaxBodyBytes);
            await PlainAsync(context, StatusCodes.Status400BadRequest, "request body too large");
            return;
        }

        var verdict = verifier.Verify(request.Headers["X-Slack-Request-Timestamp"], request.Headers["X-Slack-Signature"], body);
        if (verdict != VerifyOutcome.Valid)
        {
            log.Refused(verdict, context.Connection.RemoteIpAddress?.ToString());
            await PlainAsync(context, StatusCodes.Status401Unauthorized, "invalid signature");
            return;
        }

        if (request.Headers["X-Slack-Retry-Num"] is { Count: > 0 } retry)
        {
            log.Redelivery(retry.ToString(), request.Headers["X-Slack-Retry-Reason"]);
        }

        SlackAck ack;
        try
        {
            ack = await DispatchAsync(request.ContentType, body, ct);
        }
        catch (Exception e) when (e is SlackPayloadException or JsonException or DecoderFallbackException)
        {
            log.Malformed(e.Message);
            await PlainAsync(context, StatusCodes.Status400BadRequest, "malformed request");
            return;
        }

        await WriteAsync(context, ack);
    }

    private async Task<SlackAck> DispatchAsync(string? contentType, byte[] body, CancellationToken ct)
    {
        var media = (contentType ?? "").Split(';')[0].Trim();
        var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(body);
        if (media.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            var form = QueryHelpers.ParseQuery(text);
            string? Field(string name) => form.TryGetValue(name, out var v) ? v.ToString() : null;
            if (Field("ssl_check") is "1")
            {
                return SlackAck.Empty;
            }

            if (Field("payload") is { } payload)
            {
                return await dispatcher.InteractionAsync(SlackPayload.Read(payload, SlackJsonContext.Default.InteractionPayload), ct);
            }

            if (Field("command") is not null)
            {
                return await dispatcher.CommandAsync(SlashCommand.FromForm(Field), ct);
            }

            throw new SlackPayloadException("form body is neither a slash command nor an interaction");
        }

        if (media.Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return await dispatcher.EventAsync(SlackPayload.Read(text, SlackJsonContext.Default.EventsApiBody), ct);
        }

        throw new SlackPayloadException($"unexpected content type '{media}'");
    }

    private async Task WriteAsync(HttpContext context, SlackAck ack)
    {
        if (ack.After is { } after)
        {
            var stopping = lifetime.ApplicationStopping;
            context.Response.OnCompleted(() => AfterResponse.RunAsync(after, log.AfterFailed, stopping));
        }

        context.Response.StatusCode = ack.StatusCode;
        if (ack.Body is not null)
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync(ack.Body.ToJsonString(SlackJson.Options), Encoding.UTF8, context.RequestAborted);
        }
    }

    private static async Task PlainAsync(HttpContext context, int status, string text)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(text, context.RequestAborted);
    }
}
