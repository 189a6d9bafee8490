namespace DeliberationBot.Host.Community;

/// <summary>The public page's own words, in <c>CommunityText.resx</c> (English) and one <c>CommunityText.{language}.resx</c> per language.</summary>
public sealed class CommunityText
{
    /// <summary>The languages the page's own words are translated into; a flow may offer its questions only in these.</summary>
    public static IReadOnlyList<string> PageLanguages { get; } = ["en", "es"];
}
