using DeliberationBot.Core.Stakeholders;

namespace DeliberationBot.Core.Summaries;

/// <summary>How a summary names a stakeholder group in a sentence ("no frontline worker", "frontline workers").</summary>
public static class GroupWords
{
    public static string Singular(StakeholderGroup group) => group switch
    {
        StakeholderGroup.AgencyLeader => "agency leader",
        StakeholderGroup.ResearchDevelopment => "research & development staff member",
        StakeholderGroup.FrontlineLeader => "frontline leader",
        StakeholderGroup.FrontlineWorker => "frontline worker",
        StakeholderGroup.LegalPolicy => "legal & policy staff member",
        StakeholderGroup.Community => "community member or advocate",
        StakeholderGroup.Vendor => "vendor",
        _ => "other participant",
    };

    public static string Plural(StakeholderGroup group) => group switch
    {
        StakeholderGroup.AgencyLeader => "agency leaders",
        StakeholderGroup.ResearchDevelopment => "research & development staff",
        StakeholderGroup.FrontlineLeader => "frontline leaders",
        StakeholderGroup.FrontlineWorker => "frontline workers",
        StakeholderGroup.LegalPolicy => "legal & policy staff",
        StakeholderGroup.Community => "community members and advocates",
        StakeholderGroup.Vendor => "vendors",
        _ => "other participants",
    };

    /// <summary>"frontline workers'", "legal &amp; policy staff's".</summary>
    public static string Possessive(string plural) => plural.EndsWith('s') ? plural + "'" : plural + "'s";

    /// <summary>"1 answer", "3 answers".</summary>
    public static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";

    /// <summary>Parts as a sentence lists them: "a", "a and b", "a, b and c".</summary>
    public static string Listed(IReadOnlyList<string> parts) =>
        parts.Count < 3 ? string.Join(" and ", parts) : $"{string.Join(", ", parts.Take(parts.Count - 1))} and {parts[^1]}";

    public static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>Numbers as people write them: 18, 2.5, 0.33.</summary>
    public static string Number(decimal value) => decimal.Round(value, 2, MidpointRounding.AwayFromZero).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);

    public static string WithUnit(decimal value, string? unit) => unit is null ? Number(value) : $"{Number(value)} {unit}";

    /// <summary>
    /// A group's numbers on its line under a question: the median and range where they differ, a number said once where
    /// every answer is the same ("median 20 minutes per case, from 12 to 25", "all 20 minutes per case"). A scale's are
    /// in its ratings, so nothing.
    /// </summary>
    public static string? Numbers(NumberStats n, Flows.AnswerKind kind, string? unit) =>
        kind == Flows.AnswerKind.Scale ? null
        : n.Min != n.Max ? $"median {WithUnit(n.Median, unit)}, from {Number(n.Min)} to {Number(n.Max)}"
        : n.Count == 1 ? WithUnit(n.Min, unit)
        : $"all {WithUnit(n.Min, unit)}";

    /// <summary>A group's figure with how many people gave it: "20 minutes per case (median of 3 people, from 12 to 25)", "2 minutes per case (1 person)".</summary>
    public static string Figure(NumberStats stats, string? unit)
    {
        var who = stats.Count == 1 ? "1 person" : $"median of {stats.Count} people";
        var range = stats.Min == stats.Max ? "" : $", from {Number(stats.Min)} to {Number(stats.Max)}";
        return $"{WithUnit(stats.Median, unit)} ({who}{range})";
    }
}
