using System.Globalization;

namespace DeliberationBot.Host.Community;

/// <summary>What every public page needs around its content: the link, the reader's language and the other languages offered.</summary>
public sealed record PageFrame(string Token, string Language, IReadOnlyList<string> Languages, string Path)
{
    /// <summary>A page of this link, keeping the reader's language.</summary>
    public string Href(string relative = "") => $"/c/{Uri.EscapeDataString(Token)}{relative}?lang={Language}";

    /// <summary>This same page in another language.</summary>
    public string InLanguage(string language) => $"{Path}?lang={language}";

    public bool RightToLeft => CultureInfo.GetCultureInfo(Language).TextInfo.IsRightToLeft;

    /// <summary>A language's own name for itself ("Español"), so a reader finds theirs whatever the page is in.</summary>
    public static string NativeName(string language)
    {
        var name = CultureInfo.GetCultureInfo(language).NativeName;
        return name.Length == 0 ? language : char.ToUpper(name[0], CultureInfo.GetCultureInfo(language)) + name[1..];
    }
}
