using System.ComponentModel.DataAnnotations;
using DeliberationBot.Core.Community;
using DeliberationBot.Host.Exports;
using Microsoft.Extensions.Options;

namespace DeliberationBot.Host.Community;

public sealed class CommunityOptions
{
    public const string Section = "Community";

    [Range(1, 10_000, ErrorMessage = "Community:RequestsPerAddress must be from 1 to 10000 requests per window, e.g. 120.")]
    public int RequestsPerAddress { get; set; } = 120;

    [Range(1, 1_000_000, ErrorMessage = "Community:RequestsPerLink must be from 1 to 1000000 requests per window, e.g. 3000.")]
    public int RequestsPerLink { get; set; } = 3000;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Community:RateWindow must be between 1 second and 1 day, e.g. 00:10:00.")]
    public TimeSpan RateWindow { get; set; } = TimeSpan.FromMinutes(10);

    [Range(100, 10_000, ErrorMessage = "Community:MaxAnswerLength must be from 100 to 10000 characters, e.g. 2000.")]
    public int MaxAnswerLength { get; set; } = 2000;
}

/// <summary>The public page of a token and its QR code, at the service's public address.</summary>
internal sealed class CommunityLinks(IOptions<ExportOptions> site) : ICommunityLinks
{
    public Uri Page(string token) => new($"{site.Value.PublicBaseUrl.TrimEnd('/')}/c/{token}");

    public Uri QrCode(string token) => new($"{site.Value.PublicBaseUrl.TrimEnd('/')}/c/{token}/qr.png");
}
