using System.Globalization;
using System.Threading.RateLimiting;
using DeliberationBot.Host.Community.Pages;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace DeliberationBot.Host.Community;

/// <summary>
/// The public page's limits, per client address and per link, each a fixed window: a flood from one address, or at one
/// link from many, gets a friendly "wait a few minutes" page (429) and reaches neither the database nor the answers.
/// </summary>
internal static class CommunityRateLimits
{
    public static IServiceCollection AddCommunityRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<CommunityOptions>>((o, community) =>
        {
            var limits = community.Value;
            o.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(http => LinkOf(http) is null
                    ? RateLimitPartition.GetNoLimiter("")
                    : Window("address:" + http.Connection.RemoteIpAddress, limits.RequestsPerAddress, limits.RateWindow)),
                PartitionedRateLimiter.Create<HttpContext, string>(http => LinkOf(http) is { } link
                    ? Window("link:" + link, limits.RequestsPerLink, limits.RateWindow)
                    : RateLimitPartition.GetNoLimiter("")));
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, _) =>
            {
                var http = context.HttpContext;
                var language = http.Request.Query["lang"].ToString() is var asked && limits.Languages.Contains(asked) ? asked : limits.Languages[0];
                var culture = CultureInfo.GetCultureInfo(language);
                (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, culture);
                http.Response.Headers.RetryAfter = ((int)limits.RateWindow.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                var frame = new PageFrame(LinkOf(http) ?? "", language, [language], http.Request.Path.Value ?? "/");
                await new RazorComponentResult<MessagePage>(new { Frame = frame, Heading = "TooManyHeading", Text = "TooManyText" }) { StatusCode = StatusCodes.Status429TooManyRequests }
                    .ExecuteAsync(http);
            };
        });
        return services;
    }

    /// <summary>The link a request is for (<c>/c/{token}/…</c>), or null for anything else, the stylesheet included.</summary>
    private static string? LinkOf(HttpContext http) =>
        http.Request.Path.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries) is ["c", var token, ..] && token != "community.css" ? token : null;

    private static RateLimitPartition<string> Window(string key, int permits, TimeSpan window) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0 });
}
