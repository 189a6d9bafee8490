using DeliberationBot.Core.Community;
using DeliberationBot.Core.Concerns;
using DeliberationBot.Host.Community.Pages;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;

namespace DeliberationBot.Host.Community;

/// <summary>The visitor's own concerns: the owners' responses, and Accept or Reopen (<c>/c/{token}/concerns</c>).</summary>
internal static partial class CommunityEndpoints
{
    /// <summary>
    /// A visitor accepts the response to one of their concerns, or reopens it with why it does not settle it. Then the
    /// page again, showing where it stands now (also when the press came too late to change anything).
    /// </summary>
    private static async Task<IResult> ActOnConcernAsync(
        string token, int number, HttpContext http, PublicAnswering pages, IAntiforgery antiforgery, IOptions<CommunityOptions> options, CancellationToken ct)
    {
        if (await ReadFormAsync(http, antiforgery) is not { } form || VisitorCookie.Read(http) is not { } visitor)
        {
            return Refused(http);
        }

        if (await OpenAsync(http, pages, token, ct) is not { Invitation.State: not InvitationState.Revoked } page)
        {
            return Unknown(http);
        }

        var action = One(form, "action") switch
        {
            "accept" => ConcernAction.Accept,
            "reopen" => ConcernAction.Reopen,
            _ => (ConcernAction?)null,
        };
        if (action is null)
        {
            return Refused(http);
        }

        var words = One(form, "words")?.Trim() is { Length: > 0 } given ? given : null;
        if (words?.Length > options.Value.MaxAnswerLength)
        {
            var problem = Localizer(http)["ErrorTooLong", options.Value.MaxAnswerLength];
            return Concerns(http, antiforgery, options, await pages.ConcernsAsync(page, visitor, ct), new ConcernWordsError(number, problem, words));
        }

        var submission = Guid.TryParse(One(form, "submission"), out var s) ? s : Guid.NewGuid();
        if (!await pages.ActAsync(token, visitor, number, action.Value, words, $"web:{submission:N}", ct))
        {
            return Concerns(http, antiforgery, options, await pages.ConcernsAsync(page, visitor, ct), new ConcernWordsError(number, Localizer(http)["ErrorWordsNeeded"], ""));
        }

        return Results.Redirect(Frame(http).Href("/concerns") + $"#concern-{number}");
    }

    private static IResult Concerns(HttpContext http, IAntiforgery antiforgery, IOptions<CommunityOptions> options, IReadOnlyList<PublicConcern> concerns, ConcernWordsError? error) =>
        Render<ConcernsPage>(
            new { Frame = Frame(http), Concerns = concerns, RequestToken = Token(http, antiforgery), MaxLength = options.Value.MaxAnswerLength, Error = error },
            error is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
}

/// <summary>Words for reopening concern <see cref="Number"/> that could not be taken: why, and the words, to fill the box again.</summary>
public sealed record ConcernWordsError(int Number, string Text, string Words);
