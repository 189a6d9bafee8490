using DeliberationBot.Core.Reports;
using DeliberationBot.Host.Composition;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DeliberationBot.Host.Reports;

internal static class ReportEndpoints
{
    /// <summary>Nothing on these pages comes from anywhere but here, and no script runs at all.</summary>
    private const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /// <summary>
    /// <c>GET /d/{id}?token=…</c>: one deliberation's page for the person the link was sent to; a forged, altered,
    /// expired or revoked link gets 401 and a page saying how to get a new one. <c>GET /d/report.css</c>: its stylesheet.
    /// </summary>
    public static IEndpointRouteBuilder MapReports(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("/d").WithPageHeaders(ContentSecurityPolicy);

        pages.MapGet("/{id:guid}", async Task<RazorComponentResult> (Guid id, string? token, int? answers, ReportService reports, CancellationToken ct) =>
            await reports.OpenAsync(id, token, ct) is not { } view
                ? new RazorComponentResult<LinkRefused>() { StatusCode = StatusCodes.Status401Unauthorized }
                : answers is not { } number
                    ? new RazorComponentResult<ReportPage>(new { View = view, Token = token! })
                    : AnswersPage(view, token!, number));

        pages.MapGet("/report.css", () => Results.Text(ReportStyles.Css, "text/css; charset=utf-8"));
        return app;
    }

    /// <summary><c>?answers=N</c>: one page of the answers, for the facilitator and owners only.</summary>
    private static RazorComponentResult AnswersPage(ReportView view, string token, int number)
    {
        if (view.Audience != ReportAudience.Leader)
        {
            return new RazorComponentResult<AnswersUnavailable>(new { View = view, Token = token, Reason = AnswersUnavailable.ForLeadersOnly })
            {
                StatusCode = StatusCodes.Status403Forbidden,
            };
        }

        return number >= 1 && number <= view.AnswerPages.Count
            ? new RazorComponentResult<AnswersPage>(new { View = view, Token = token, Page = view.AnswerPages[number - 1] })
            : new RazorComponentResult<AnswersUnavailable>(new { View = view, Token = token, Reason = AnswersUnavailable.NoSuchPage(view.AnswerPages.Count) })
            {
                StatusCode = StatusCodes.Status404NotFound,
            };
    }
}
