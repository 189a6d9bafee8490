using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Cryptography;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Reports;
using DeliberationBot.Host.Exports;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace DeliberationBot.Host.Reports;

public sealed class ReportOptions
{
    public const string Section = "Report";

    [Range(typeof(TimeSpan), "00:05:00", "30.00:00:00", ErrorMessage = "Report:LinkLifetime must be between 5 minutes and 30 days, e.g. 7.00:00:00.")]
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromDays(7);
}

/// <summary>
/// A page link's token is protected with ASP.NET Data Protection (so it cannot be forged or altered) and expires; it
/// binds the workspace, the deliberation, the person it was sent to and when, so the facilitator can revoke links
/// issued up to a moment.
/// </summary>
internal sealed class SignedReportLinks(IDataProtectionProvider protection, IOptions<ReportOptions> options, IOptions<ExportOptions> site, TimeProvider time)
    : IReportLinkSigner
{
    private readonly ITimeLimitedDataProtector _protector = protection.CreateProtector("DeliberationBot.Report.v1").ToTimeLimitedDataProtector();

    public ReportLink Sign(string workspaceId, Guid deliberationId, string title, UserRef viewer)
    {
        var now = time.GetUtcNow();
        var expires = now + options.Value.LinkLifetime;
        var token = _protector.Protect(string.Join('\n', workspaceId, deliberationId.ToString("N"), viewer.Id, now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)), expires);
        var page = new Uri($"{site.Value.PublicBaseUrl.TrimEnd('/')}/d/{deliberationId:N}?token={Uri.EscapeDataString(token)}");
        return new ReportLink(deliberationId, title, page, expires);
    }

    public ReportGrant? Verify(string token)
    {
        try
        {
            var parts = _protector.Unprotect(token, out var expires).Split('\n');
            return expires > time.GetUtcNow() && parts.Length == 4 && Guid.TryParse(parts[1], out var id)
                && long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var issued)
                ? new ReportGrant(parts[0], id, parts[2], DateTimeOffset.FromUnixTimeMilliseconds(issued))
                : null;
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return null;
        }
    }
}
