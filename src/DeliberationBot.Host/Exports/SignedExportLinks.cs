using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Exports;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace DeliberationBot.Host.Exports;

public sealed class ExportOptions
{
    public const string Section = "Export";

    /// <summary>The address people reach this service at, for links in messages.</summary>
    [Required(ErrorMessage = "Export:PublicBaseUrl is required, e.g. https://deliberationbot.example.org")]
    [Url(ErrorMessage = "Export:PublicBaseUrl must be an absolute http(s) URL, e.g. https://deliberationbot.example.org")]
    public string PublicBaseUrl { get; set; } = "http://localhost:3978";

    [Range(typeof(TimeSpan), "00:05:00", "30.00:00:00", ErrorMessage = "Export:LinkLifetime must be between 5 minutes and 30 days, e.g. 1.00:00:00.")]
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromDays(1);
}

/// <summary>
/// Export links carry a token protected with ASP.NET Data Protection and a lifetime, binding the workspace and the
/// deliberation; only someone given the link (in their own workspace) can read the record, and only until it expires.
/// </summary>
internal sealed class SignedExportLinks(IDataProtectionProvider protection, IOptions<ExportOptions> options, TimeProvider time) : IExportLinkSigner
{
    private readonly ITimeLimitedDataProtector _protector = protection.CreateProtector("DeliberationBot.Export.v1").ToTimeLimitedDataProtector();

    public ExportLink Sign(string workspaceId, Guid deliberationId, string title)
    {
        var expires = time.GetUtcNow() + options.Value.LinkLifetime;
        var token = _protector.Protect($"{workspaceId}\n{deliberationId:N}", expires);
        var root = options.Value.PublicBaseUrl.TrimEnd('/');
        Uri Link(string format) => new($"{root}/api/deliberations/{deliberationId:N}/export?format={format}&token={Uri.EscapeDataString(token)}");
        return new ExportLink(deliberationId, title, Link("md"), Link("json"), expires);
    }

    public (string WorkspaceId, Guid DeliberationId)? Verify(string token)
    {
        try
        {
            var parts = _protector.Unprotect(token, out var expires).Split('\n');
            return expires > time.GetUtcNow() && parts.Length == 2 && Guid.TryParse(parts[1], out var id) ? (parts[0], id) : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
