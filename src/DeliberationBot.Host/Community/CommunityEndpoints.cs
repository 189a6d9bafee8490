using DeliberationBot.Core.Community;
using DeliberationBot.Core.Deliberations;

namespace DeliberationBot.Host.Community;

internal static class CommunityEndpoints
{
    /// <summary><c>/c/{token}</c>: the public community page; <c>/c/{token}/qr.png</c>: its QR code to print.</summary>
    public static IEndpointRouteBuilder MapCommunity(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/c/{token}");
        group.MapGet("/qr.png", async (string token, IDeliberationStore store, ICommunityLinks links, CancellationToken ct) =>
            await store.FindInvitationByTokenAsync(token, ct) is { State: not InvitationState.Revoked }
                ? Results.File(QrCodes.Png(links.Page(token)), "image/png", $"community-link-{token}.png")
                : Results.NotFound());
        return app;
    }
}
