using DeliberationBot.Core.Community;
using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Forms;
using DeliberationBot.Host.Community.Pages;
using DeliberationBot.Host.Composition;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace DeliberationBot.Host.Community;

internal static partial class CommunityEndpoints
{
    /// <summary>Forms post back here only; nothing else loads from anywhere but here, and no script runs at all.</summary>
    private const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private const int MaxBodyBytes = 64 * 1024;

    /// <summary>
    /// <c>/c/{token}</c>: the public community page (introduction, one question per page, flagged concerns, check your
    /// answers, finish), <c>/c/{token}/qr.png</c>: its QR code to print, <c>/c/community.css</c>: its stylesheet.
    /// </summary>
    public static WebApplication MapCommunity(this WebApplication app)
    {
        app.UseRateLimiter();
        app.UseWhen(http => http.Request.Path.StartsWithSegments("/c"), branch => branch.UseMiddleware<CommunityCulture>());
        app.MapGet("/c/community.css", () => Results.Text(CommunityStyles.Css, "text/css; charset=utf-8"));
        var group = app.MapGroup("/c/{token}").WithPageHeaders(ContentSecurityPolicy);

        group.MapGet("/qr.png", async (string token, IDeliberationStore store, ICommunityLinks links, CancellationToken ct) =>
            await store.FindInvitationByTokenAsync(token, ct) is { State: not InvitationState.Revoked }
                ? Results.File(QrCodes.Png(links.Page(token)), "image/png", $"community-link-{token}.png")
                : Results.NotFound());

        group.MapGet("/", async (string token, HttpContext http, PublicAnswering pages, CancellationToken ct) =>
        {
            if (await OpenAsync(http, pages, token, ct) is not { } page)
            {
                return Unknown(http);
            }

            // Someone coming back after answers stopped (closed, expired, full, paused) still reaches the responses to their concerns.
            var concerns = await pages.ConcernsAsync(page, VisitorCookie.Read(http), ct);
            return await UnavailableAsync(http, pages, page, ct, concerns) ?? Render<IntroPage>(new { Frame = Frame(http), Page = page, Concerns = concerns });
        });

        group.MapGet("/q/{questionId}", async (string token, string questionId, HttpContext http, PublicAnswering pages, IAntiforgery antiforgery, IOptions<CommunityOptions> options, CancellationToken ct) =>
        {
            var opened = await OpenQuestionAsync(http, pages, token, questionId, ct);
            if (opened is not ({ } page, { } question, _))
            {
                return opened.Instead!;
            }

            var mine = page.Mine.GetValueOrDefault(question.Id);
            return Question(http, antiforgery, options, page, question, mine?.Value, mine?.FlaggedConcern ?? false, null);
        });

        group.MapPost("/q/{questionId}", AnswerAsync);

        group.MapGet("/flagged/{questionId}", async (string token, string questionId, HttpContext http, PublicAnswering pages, CancellationToken ct) =>
            await OpenAsync(http, pages, token, ct) is not { } page ? Unknown(http)
            : VisitorCookie.Read(http) is { } visitor && await pages.FlaggedAsync(page, visitor, questionId, ct) is { } preview
                ? Render<FlaggedPage>(new { Frame = Frame(http), Preview = preview, QuestionId = questionId, Next = NextHref(Frame(http), page) })
                : Results.Redirect(Frame(http).Href()));

        group.MapGet("/kept/{questionId}", async (string token, string questionId, HttpContext http, PublicAnswering pages, CancellationToken ct) =>
            await OpenAsync(http, pages, token, ct) is not { } page ? Unknown(http)
            : await pages.KeptAsync(page, questionId, ct) is { } kept
                ? Render<KeptPage>(new
                {
                    Frame = Frame(http), Kept = kept, Question = page.Flow.FindQuestion(questionId)!, Next = NextHref(Frame(http), page),
                })
                : Results.Redirect(NextHref(Frame(http), page)));

        group.MapGet("/answers", async (string token, HttpContext http, PublicAnswering pages, CancellationToken ct) =>
            await OpenAsync(http, pages, token, ct) is not { } page ? Unknown(http)
            : await UnavailableAsync(http, pages, page, ct) ?? Render<AnswersPage>(new { Frame = Frame(http), Page = page, Concerns = await pages.ConcernsAsync(page, VisitorCookie.Read(http), ct) }));

        group.MapGet("/concerns", async (string token, HttpContext http, PublicAnswering pages, IAntiforgery antiforgery, IOptions<CommunityOptions> options, CancellationToken ct) =>
            await OpenAsync(http, pages, token, ct) is not { } page ? Unknown(http)
            : page.Invitation.State == InvitationState.Revoked ? (await UnavailableAsync(http, pages, page, ct))!
            : Concerns(http, antiforgery, options, await pages.ConcernsAsync(page, VisitorCookie.Read(http), ct), null));

        group.MapPost("/concerns/{number:int}", ActOnConcernAsync);

        group.MapGet("/done", async (string token, bool? contact, HttpContext http, PublicAnswering pages, IAntiforgery antiforgery, CancellationToken ct) =>
            await OpenAsync(http, pages, token, ct) is not { } page ? Unknown(http)
            : Render<DonePage>(new { Frame = Frame(http), Page = page, RequestToken = Token(http, antiforgery), ContactSaved = contact == true }));

        group.MapPost("/contact", ContactAsync);
        return app;
    }

    private static async Task<IResult> AnswerAsync(
        string token, string questionId, HttpContext http, PublicAnswering pages, IAntiforgery antiforgery, IOptions<CommunityOptions> options, CancellationToken ct)
    {
        if (await ReadFormAsync(http, antiforgery) is not { } form)
        {
            return Refused(http);
        }

        var opened = await OpenQuestionAsync(http, pages, token, questionId, ct);
        if (opened is not ({ } page, { } question, _))
        {
            return opened.Instead!;
        }

        var flag = One(form, "flag") == "true";
        if (!string.IsNullOrEmpty(One(form, "website")))
        {
            // Only a robot fills the hidden field: it is shown the next page as if it had answered, and nothing is kept.
            return Results.Redirect(NextHref(Frame(http), page));
        }

        var text = Localizer(http);
        var (value, problem) = ReadAnswer(question, form, options.Value.MaxAnswerLength, text);
        var (words, wordsProblem) = ReadWords(question, form, options.Value.MaxAnswerLength, text);
        if (problem is not null || wordsProblem is not null)
        {
            var given = question.Kind == AnswerKind.FreeText ? value : (value ?? AnswerValue.FromChoices()).WithWords(words);
            return Question(http, antiforgery, options, page, question, given, flag, problem, wordsProblem);
        }

        value = AnswerForm.WithBoxWords(value!, question.Kind, words);
        var visitor = VisitorCookie.ReadOrIssue(http, token);
        var submission = Guid.TryParse(One(form, "submission"), out var s) ? s : Guid.NewGuid();
        var result = await pages.AnswerAsync(token, visitor, question.Id, value, flag && !value.Skipped, $"web:{submission:N}", ct);
        return result.Outcome switch
        {
            PublicAnswerOutcome.Unavailable => await UnavailableAsync(http, pages, result.Page!, ct) ?? Unknown(http),
            PublicAnswerOutcome.Invalid => Question(http, antiforgery, options, page, question, value, flag, Localised(result.Problem, question, text)),
            _ when result.Flagged is not null => Results.Redirect(Frame(http).Href($"/flagged/{question.Id}")),
            // The page that says what stays with the owners goes on to the next when no concern holds the earlier words.
            _ when result.NoLongerRaises => Results.Redirect(Frame(http).Href($"/kept/{question.Id}")),
            _ => Results.Redirect(NextHref(Frame(http), result.Page ?? page)),
        };
    }

    private static async Task<IResult> ContactAsync(string token, HttpContext http, PublicAnswering pages, IAntiforgery antiforgery, CancellationToken ct)
    {
        if (await ReadFormAsync(http, antiforgery) is not { } form)
        {
            return Refused(http);
        }

        if (await OpenAsync(http, pages, token, ct) is not { } page)
        {
            return Unknown(http);
        }

        var address = One(form, "contact")?.Trim() ?? "";
        if (!string.IsNullOrEmpty(One(form, "website")))
        {
            return Results.Redirect(Frame(http).Href("/done").Replace("?", "?contact=true&", StringComparison.Ordinal));
        }

        if (address.Length is 0 or > 200 || address.Any(char.IsControl))
        {
            return Render<DonePage>(new { Frame = Frame(http), Page = page, RequestToken = Token(http, antiforgery), ContactError = true }, StatusCodes.Status400BadRequest);
        }

        await pages.LeaveContactAsync(token, address, Frame(http).Language, ct);
        return Results.Redirect(Frame(http).Href("/done").Replace("?", "?contact=true&", StringComparison.Ordinal));
    }

    /// <summary>The posted form, when it is small and carries this visitor's antiforgery token; null otherwise.</summary>
    private static async Task<IFormCollection?> ReadFormAsync(HttpContext http, IAntiforgery antiforgery)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = MaxBodyBytes;
        }

        try
        {
            return http.Request.HasFormContentType && await antiforgery.IsRequestValidAsync(http) ? await http.Request.ReadFormAsync(http.RequestAborted) : null;
        }
        catch (Exception e) when (e is BadHttpRequestException or InvalidDataException or AntiforgeryValidationException)
        {
            return null;
        }
    }

    private static async Task<PublicPage?> OpenAsync(HttpContext http, PublicAnswering pages, string token, CancellationToken ct) =>
        token.Length > 64 ? null : await pages.OpenAsync(token, VisitorCookie.Read(http), ct);

    /// <summary>
    /// The page and one of its questions, or the page to show instead: not found, not taking answers, or the start for
    /// a question this page does not ask.
    /// </summary>
    private static async Task<(PublicPage? Page, Question? Question, IResult? Instead)> OpenQuestionAsync(
        HttpContext http, PublicAnswering pages, string token, string questionId, CancellationToken ct)
    {
        if (await OpenAsync(http, pages, token, ct) is not { } page)
        {
            return (null, null, Unknown(http));
        }

        if (await UnavailableAsync(http, pages, page, ct) is { } closed)
        {
            return (null, null, closed);
        }

        return page.Flow.FindQuestion(questionId) is { } question && page.Progress.Applicable.Contains(question)
            ? (page, question, null)
            : (null, null, Results.Redirect(Frame(http).Href()));
    }

    /// <summary>The next unanswered question, or the check-your-answers page when every question has an answer.</summary>
    private static string NextHref(PageFrame frame, PublicPage page) =>
        page.Progress.Next is { } next ? frame.Href($"/q/{next.Id}") : frame.Href("/answers");

    private static IResult Question(
        HttpContext http, IAntiforgery antiforgery, IOptions<CommunityOptions> options, PublicPage page, Question question, AnswerValue? current, bool flagged, string? error, string? wordsError = null) =>
        Render<QuestionPage>(
            new
            {
                Frame = Frame(http), Page = page, Question = question, RequestToken = Token(http, antiforgery), Submission = Guid.NewGuid(),
                MaxLength = options.Value.MaxAnswerLength, Current = current, Flagged = flagged, Error = error, WordsError = wordsError,
            },
            error is null && wordsError is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);

    /// <summary>A paused, expired, revoked, full or closed link: a page saying so, in the reader's language; answers already given stay.</summary>
    /// <param name="concerns">The reader's concerns, whose responses the page then links to (none once the link is revoked).</param>
    private static async Task<IResult?> UnavailableAsync(HttpContext http, PublicAnswering pages, PublicPage page, CancellationToken ct, IReadOnlyList<PublicConcern>? concerns = null) => page.Availability switch
    {
        InvitationAvailability.Open => null,
        InvitationAvailability.Paused => Message(http, "PausedHeading", "PausedText", page, StatusCodes.Status503ServiceUnavailable, concerns),
        InvitationAvailability.Full => Message(http, "FullHeading", "FullText", page, StatusCodes.Status403Forbidden, concerns),
        // Once decided, the people who answered here read what was decided and its conditions, as the page promised them
        // (not once the link is revoked).
        _ when page.Deliberation.Decision is { } decision && page.Invitation.State != InvitationState.Revoked =>
            Message(http, "ClosedHeading", "DecidedText", page, StatusCodes.Status410Gone, concerns, decision, await pages.ConditionsAsync(page, ct)),
        _ => Message(http, "ClosedHeading", "ClosedText", page, StatusCodes.Status410Gone, concerns),
    };

    private static IResult Unknown(HttpContext http) => Message(http, "NotFoundHeading", "NotFoundText", null, StatusCodes.Status404NotFound);

    /// <summary>A form without this visitor's antiforgery token (forged, or from another site), or too large.</summary>
    private static IResult Refused(HttpContext http) => Message(http, "NotFoundHeading", "NotFoundText", null, StatusCodes.Status400BadRequest);

    private static IResult Message(
        HttpContext http, string heading, string text, PublicPage? page, int status, IReadOnlyList<PublicConcern>? concerns = null, Decision? decision = null, IReadOnlyList<PublicCondition>? conditions = null) =>
        Render<MessagePage>(new { Frame = Frame(http), Heading = heading, Text = text, Deliberation = page?.Deliberation.Title, Concerns = concerns ?? [], Decision = decision, Conditions = conditions ?? [] }, status);

    private static RazorComponentResult Render<TPage>(object parameters, int status = StatusCodes.Status200OK)
        where TPage : Microsoft.AspNetCore.Components.IComponent =>
        new RazorComponentResult<TPage>(parameters) { StatusCode = status };

    private static PageFrame Frame(HttpContext http) => CommunityCulture.FrameOf(http);

    private static string Token(HttpContext http, IAntiforgery antiforgery) => antiforgery.GetAndStoreTokens(http).RequestToken!;

    private static IStringLocalizer Localizer(HttpContext http) => http.RequestServices.GetRequiredService<IStringLocalizer<CommunityText>>();

    private static string? One(IFormCollection form, string name) => form[name] is { Count: 1 } v ? v.ToString() : null;
}

