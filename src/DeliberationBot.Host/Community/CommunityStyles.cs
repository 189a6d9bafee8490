namespace DeliberationBot.Host.Community;

/// <summary>The public page's one stylesheet, read from the assembly once; served from here so nothing is fetched elsewhere.</summary>
internal static class CommunityStyles
{
    public static string Css { get; } = Load();

    private static string Load()
    {
        using var stream = typeof(CommunityStyles).Assembly.GetManifestResourceStream("DeliberationBot.Host.Community.community.css")
            ?? throw new InvalidOperationException("The community page's stylesheet is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
