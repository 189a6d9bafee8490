using DeliberationBot.Core.Exports;

namespace DeliberationBot.Host.Exports;

internal static class ExportEndpoints
{
    /// <summary><c>GET /api/deliberations/{id}/export?format=md|json&amp;token=…</c>: the record behind a signed link.</summary>
    public static IEndpointRouteBuilder MapExports(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/deliberations/{id:guid}/export", async (Guid id, string? format, string? token, IExportLinkSigner links, ExportService exports, CancellationToken ct) =>
        {
            if (format is not ("md" or "json"))
            {
                return Results.BadRequest(new { error = "format must be md or json" });
            }

            // A forged, expired or other deliberation's token reads the same as no token: nothing to see here.
            if (token is null || links.Verify(token) is not var (workspaceId, deliberationId) || deliberationId != id)
            {
                return Results.Unauthorized();
            }

            var record = await exports.RecordAsync(workspaceId, id, ct);
            if (record is null)
            {
                return Results.NotFound();
            }

            return format == "md"
                ? Results.Text(RecordMarkdown.Render(record), "text/markdown; charset=utf-8")
                : Results.Json(record, ExportJson.Options);
        });
        return app;
    }
}

internal static class ExportJson
{
    public static readonly System.Text.Json.JsonSerializerOptions Options = new(System.Text.Json.JsonSerializerDefaults.Web) { WriteIndented = true };
}
