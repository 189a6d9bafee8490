namespace DeliberationBot.Host.Composition;

/// <summary>The headers every server-rendered page (the report pages, the community page) is sent with.</summary>
internal static class PageHeaders
{
    /// <summary>
    /// A group of pages with this content security policy, not sniffed, not framed, not cached and sending no referrer.
    /// </summary>
    public static RouteGroupBuilder WithPageHeaders(this RouteGroupBuilder group, string contentSecurityPolicy) =>
        group.AddEndpointFilter(async (context, next) =>
        {
            var headers = context.HttpContext.Response.Headers;
            headers.ContentSecurityPolicy = contentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.XFrameOptions = "DENY";
            headers.CacheControl = "no-store";
            return await next(context);
        });
}
