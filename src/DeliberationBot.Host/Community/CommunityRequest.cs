using System.Globalization;
using System.Security.Cryptography;
using DeliberationBot.Core.Community;
using DeliberationBot.Core.Deliberations;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace DeliberationBot.Host.Community;

/// <summary>
/// Picks the reader's language before anything renders (the link's <c>?lang=</c>, then <c>Accept-Language</c>, then the
/// link's first language) and sets it as the request's culture, so every localized string of the page follows it.
/// </summary>
internal sealed class CommunityCulture(RequestDelegate next)
{
    private const string LinkItem = "community.invitation";
    private const string FrameItem = "community.frame";

    public async Task InvokeAsync(HttpContext http, IDeliberationStore store, IOptions<CommunityOptions> options)
    {
        var segments = http.Request.Path.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries) ?? [];
        var token = segments.Length >= 2 && segments[0] == "c" ? segments[1] : null;
        var invitation = token is null || token.Length > 64 ? null : await store.FindInvitationByTokenAsync(token, http.RequestAborted);
        var page = options.Value.Languages;
        var offered = invitation?.Languages.Where(page.Contains).ToList() is { Count: > 0 } known ? known : [.. page.Distinct()];
        var language = Choose(http.Request, offered);
        http.Items[LinkItem] = invitation;
        http.Items[FrameItem] = new PageFrame(token ?? "", language, offered, http.Request.Path.Value ?? "/");
        var culture = CultureInfo.GetCultureInfo(language);
        (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, culture);
        await next(http);
    }

    public static PageFrame FrameOf(HttpContext http) => (PageFrame)http.Items[FrameItem]!;

    private static string Choose(HttpRequest request, IReadOnlyList<string> offered)
    {
        if (request.Query["lang"] is { Count: 1 } asked && offered.Contains(asked.ToString()))
        {
            return asked.ToString();
        }

        if (StringWithQualityHeaderValue.TryParseList(request.Headers.AcceptLanguage, out var accepted))
        {
            foreach (var value in accepted.OrderByDescending(a => a.Quality ?? 1))
            {
                var primary = value.Value.Value?.Split('-')[0].ToLowerInvariant();
                if (primary is not null && offered.Contains(primary))
                {
                    return primary;
                }
            }
        }

        return offered[0];
    }
}

/// <summary>The visitor's pseudonymous key: random, in a cookie for this link only, never tied to anything else.</summary>
internal static class VisitorCookie
{
    private const string Name = "visitor";

    public static string? Read(HttpContext http) =>
        http.Request.Cookies[Name] is { Length: 22 } key && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') ? key : null;

    public static string ReadOrIssue(HttpContext http, string token)
    {
        if (Read(http) is { } existing)
        {
            return existing;
        }

        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        http.Response.Cookies.Append(Name, key, new CookieOptions
        {
            Path = "/c/" + token,
            HttpOnly = true,
            Secure = http.Request.IsHttps,
            SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Lax,
            MaxAge = TimeSpan.FromDays(180),
            IsEssential = true,
        });
        return key;
    }
}
