using System.Security.Cryptography;
using System.Text;
using DeliberationBot.Core.Messaging;

namespace DeliberationBot.Host.Admin;

/// <summary>
/// <c>POST /api/admin/outbox/retry[?workspace=T…]</c>: makes finally failed messages pending again with fresh attempts
/// (after the cause is fixed: the bot re-invited, a token renewed), and wakes the sender. Only with
/// <c>Admin:ApiKey</c> set, sent as <c>Authorization: Bearer …</c>; without the setting the endpoint does not exist.
/// </summary>
internal static class AdminEndpoints
{
    public const string RetryPath = "/api/admin/outbox/retry";

    public static IEndpointRouteBuilder MapAdmin(this IEndpointRouteBuilder app, IConfiguration configuration)
    {
        if (configuration["Admin:ApiKey"] is not { Length: > 0 } key)
        {
            return app;
        }

        var expected = Encoding.UTF8.GetBytes("Bearer " + key);
        app.MapPost(RetryPath, async (HttpContext context, IOutboxStore outbox, OutboxSignal signal, string? workspace) =>
        {
            var given = Encoding.UTF8.GetBytes(context.Request.Headers.Authorization.ToString());
            if (!CryptographicOperations.FixedTimeEquals(given, expected))
            {
                return Results.Unauthorized();
            }

            var retried = await outbox.RetryFailedAsync(string.IsNullOrWhiteSpace(workspace) ? null : workspace, null, context.RequestAborted);
            signal.Notify();
            return Results.Json(new { retried });
        });
        return app;
    }
}
