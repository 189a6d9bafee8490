using System.Text.Json;
using DeliberationBot.Core.Inbound;
using DeliberationBot.Teams.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DeliberationBot.Teams.Inbound;

/// <summary>
/// POST /api/messages. In order: the body is read with a size cap (413); the bearer token is validated (401, before
/// the body is even parsed); the activity is parsed (400); the token must vouch for this activity's channel and
/// service URL (401). Only then is anything stored. Without an App ID (Development only, enforced at start-up) no
/// token is expected, and one that is sent cannot be checked, so it is refused.
/// </summary>
internal sealed class TeamsEndpoint(ChannelTokenValidator validator, ActivityRouter router, IOptions<TeamsOptions> options, IHostApplicationLifetime lifetime, TeamsLog log)
{
    public async Task HandleAsync(HttpContext context)
    {
        var ct = context.RequestAborted;
        var opts = options.Value;
        var body = await BoundedBody.ReadAsync(context.Request.Body, context.Request.ContentLength, opts.MaxBodyBytes, ct);
        if (body is null)
        {
            log.TooLarge(opts.MaxBodyBytes);
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        var authorization = context.Request.Headers.Authorization.ToString();
        ChannelIdentity? identity = null;
        if (!opts.Unauthenticated)
        {
            var check = await validator.ValidateAsync(authorization, ct);
            if (check.Identity is null)
            {
                Refuse(context, check.Failure!);
                return;
            }

            identity = check.Identity;
        }
        else if (authorization.Length > 0)
        {
            Refuse(context, "a token was sent, but Teams:AppId is not set, so it cannot be validated");
            return;
        }

        Activity activity;
        try
        {
            activity = ActivityJson.Parse(body);
        }
        catch (JsonException e)
        {
            log.Malformed(e.Message);
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        if (identity is not null && ChannelTokenValidator.Binds(identity, activity.ChannelId, activity.ServiceUrl) is { } mismatch)
        {
            Refuse(context, mismatch);
            return;
        }

        var tenant = activity.TenantId ?? (opts.Unauthenticated ? "development" : null);
        if (tenant is null || (activity.Type is ActivityTypes.Message or ActivityTypes.Invoke or ActivityTypes.MessageUpdate or ActivityTypes.MessageDelete
            && string.IsNullOrEmpty(activity.Id)))
        {
            log.Malformed(tenant is null ? "the activity names no tenant" : "the activity has no id");
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var answer = await router.RouteAsync(Turn.From(activity, tenant), ct);
        if (answer.After is { } after)
        {
            var stopping = lifetime.ApplicationStopping;
            context.Response.OnCompleted(() => AfterResponse.RunAsync(after, log.AfterFailed, stopping));
        }

        context.Response.StatusCode = answer.HttpStatus;
        if (answer.Body is not null)
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync(answer.Body.ToJsonString(), ct);
        }
    }

    private void Refuse(HttpContext context, string reason)
    {
        log.Unauthorized(reason, context.Connection.RemoteIpAddress?.ToString());
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
    }

}
