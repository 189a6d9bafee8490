using System.Globalization;

namespace DeliberationBot.Host.Reports;

/// <summary>How the page writes dates and numbers, and which shade or colour a value gets.</summary>
internal static class ReportFormat
{
    /// <summary>Fill and text colour per option, each pair at least 4.5:1 apart.</summary>
    private static readonly (string Fill, bool Dark)[] Categories =
        [("#08519c", true), ("#fdae6b", false), ("#006d2c", true), ("#c6dbef", false), ("#a63603", true), ("#dadaeb", false), ("#54278f", true), ("#c7e9c0", false)];

    /// <summary>A scale from 1 (red) to 5 (blue), through a light middle.</summary>
    private static readonly (string Fill, bool Dark)[] Scale =
        [("#b2182b", true), ("#f4a582", false), ("#f0f0f0", false), ("#92c5de", false), ("#2166ac", true)];

    public static string Date(DateTimeOffset at) => at.UtcDateTime.ToString("d MMMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string Day(DateOnly day) => day.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    public static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    public static string Coordinate(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>Five shades: none, then quarters of the largest cell.</summary>
    public static string HeatClass(int value, int max) =>
        value <= 0 || max <= 0 ? "h0" : "h" + Math.Clamp((int)Math.Ceiling(4.0 * value / max), 1, 4).ToString(CultureInfo.InvariantCulture);

    public static bool IsResolved(string status) => status is "Resolved" or "ClosedByFacilitator";

    public static string Status(string status) => status switch
    {
        "Open" => "Open",
        "Acknowledged" => "Acknowledged by the owners",
        "Addressed" => "Addressed; awaiting the raisers",
        "WontAddress" => "Won't be addressed; awaiting the raisers",
        "Resolved" => "Resolved: the raisers accepted",
        "ClosedByFacilitator" => "Closed by the facilitator",
        _ => status,
    };

    /// <summary>A history event's type in words ("concern.wont-address" → "won't address").</summary>
    public static string Step(string eventType) => eventType switch
    {
        "concern.raised" => "raised",
        "condition.set" => "condition set",
        "concern.wont-address" => "won't be addressed",
        "concern.closed-by-facilitator" => "closed by the facilitator",
        _ => eventType[(eventType.IndexOf('.', StringComparison.Ordinal) + 1)..].Replace('-', ' '),
    };

    public static (string Fill, bool Dark) OptionColour(int index, int options, bool scale) =>
        scale && options == Scale.Length ? Scale[index] : Categories[index % Categories.Length];
}
