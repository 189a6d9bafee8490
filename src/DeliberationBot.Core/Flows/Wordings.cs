namespace DeliberationBot.Core.Flows;

/// <summary>
/// A question's or section's wording in languages other than English, field by field (<c>text</c>, <c>help</c>,
/// <c>low_label</c>, <c>high_label</c>, <c>option:&lt;id&gt;</c>, <c>title</c>, <c>intro</c>), for the public page.
/// </summary>
public sealed class Wordings
{
    public const string English = "en";

    private readonly Dictionary<string, Dictionary<string, string>> _byLanguage = new(StringComparer.Ordinal);

    public static Wordings None { get; } = new();

    public IEnumerable<string> Languages => _byLanguage.Keys;

    public void Add(string language, string field, string text)
    {
        if (!_byLanguage.TryGetValue(language, out var fields))
        {
            _byLanguage[language] = fields = new(StringComparer.Ordinal);
        }

        fields[field] = text;
    }

    /// <summary>The field in that language, or null when it is not translated (English comes from the field itself).</summary>
    public string? Get(string language, string field) =>
        _byLanguage.TryGetValue(language, out var fields) ? fields.GetValueOrDefault(field) : null;

    public bool Has(string language, string field) => language == English || Get(language, field) is not null;

    public static string Option(string optionId) => "option:" + optionId;
}
