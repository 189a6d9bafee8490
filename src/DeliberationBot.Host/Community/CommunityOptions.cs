using System.ComponentModel.DataAnnotations;
using DeliberationBot.Core.Community;
using DeliberationBot.Core.Flows;
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

    /// <summary>
    /// The languages the page offers, each with its own <c>CommunityText.{language}.resx</c> (English is the fallback for
    /// any word a language lacks). A flow may list only these.
    /// </summary>
    public string[] Languages { get; set; } = ["en", "es"];
}

/// <summary>At start-up: every page language is a real culture, and every flow offers its questions only in page languages.</summary>
internal sealed class CommunityOptionsValidator(FlowCatalog flows) : IValidateOptions<CommunityOptions>
{
    public ValidateOptionsResult Validate(string? name, CommunityOptions options)
    {
        var problems = new List<string>();
        if (options.Languages.Length == 0 || options.Languages[0] != Wordings.English)
        {
            problems.Add("Community:Languages must start with en, the wording every flow has, e.g. [\"en\", \"es\"].");
        }

        foreach (var language in options.Languages.Where(l => !IsCulture(l)))
        {
            problems.Add($"Community:Languages has \"{language}\", which is not a language code this system knows, e.g. es.");
        }

        foreach (var flow in flows.All)
        {
            foreach (var language in flow.Languages.Where(l => !options.Languages.Contains(l)))
            {
                problems.Add($"The flow \"{flow.Id}\" lists the language \"{language}\", but the community page has no words in it. Add it to Community:Languages with a CommunityText.{language}.resx, or remove it from the flow.");
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static bool IsCulture(string language)
    {
        try
        {
            return FlowParser.IsLanguageTag(language) && System.Globalization.CultureInfo.GetCultureInfo(language) is not null;
        }
        catch (System.Globalization.CultureNotFoundException)
        {
            return false;
        }
    }
}

/// <summary>The public page of a token and its QR code, at the service's public address.</summary>
internal sealed class CommunityLinks(IOptions<ExportOptions> site) : ICommunityLinks
{
    public Uri Page(string token) => new($"{site.Value.PublicBaseUrl.TrimEnd('/')}/c/{token}");

    public Uri QrCode(string token) => new($"{site.Value.PublicBaseUrl.TrimEnd('/')}/c/{token}/qr.png");
}
