namespace DeliberationBot.Host.Community;

/// <summary>The public page's own words, in <c>CommunityText.resx</c> (English) and one <c>CommunityText.{language}.resx</c> per language.</summary>
public sealed class CommunityText;
