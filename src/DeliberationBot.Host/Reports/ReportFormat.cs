using System.Globalization;
using DeliberationBot.Core.Reports;

namespace DeliberationBot.Host.Reports;

/// <summary>How the page writes dates, numbers and statuses, and which shade a heat map cell gets.</summary>
internal static class ReportFormat
{
    public static string Date(DateTimeOffset at) => at.UtcDateTime.ToString("d MMMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>A step in a history, where the section says the times are UTC: "5 Nov 2026 09:00".</summary>
    public static string Moment(DateTimeOffset at) => at.UtcDateTime.ToString("d MMM yyyy HH:mm", CultureInfo.InvariantCulture);

    public static string Day(DateOnly day) => day.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    public static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    public static string Coordinate(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>Five shades: none, then quarters of the largest cell.</summary>
    public static string HeatClass(int value, int max) =>
        value <= 0 || max <= 0 ? "h0" : "h" + Math.Clamp((int)Math.Ceiling(4.0 * value / max), 1, 4).ToString(CultureInfo.InvariantCulture);

    /// <summary>This reader's page again, or one page of its answers: same path, and the token (their only key) again.</summary>
    public static string PageLink(string token, int? answers = null) =>
        $"?token={Uri.EscapeDataString(token)}" + (answers is { } n ? $"&answers={n.ToString(CultureInfo.InvariantCulture)}" : "");

    /// <summary>"answers 501–812 of 812" for a question split over pages; "812 answers" otherwise.</summary>
    public static string AnswerCount(PagedQuestion q) =>
        q.Question.Answers.Count == q.Total
            ? (q.Total == 1 ? "1 answer" : $"{q.Total} answers")
            : $"answers {q.From + 1}–{q.From + q.Question.Answers.Count} of {q.Total}";

    /// <summary>"1 person", "3 people": a count with its noun, singular for one.</summary>
    public static string Count(int n, string one, string many) => $"{n.ToString(CultureInfo.InvariantCulture)} {(n == 1 ? one : many)}";

    public static bool IsResolved(string status) => status is "Resolved" or "ClosedByFacilitator";

    /// <summary>Where a concern stands, in words; <paramref name="settled"/> is what its raisers accepted, when the status alone does not say it.</summary>
    public static string Status(string status, string? settled = null) => status switch
    {
        "Resolved" when settled is not null => $"Resolved: the raisers accepted that it {settled}",
        "Open" => "Open",
        "Acknowledged" => "Acknowledged by the owners",
        "Addressed" => "Addressed; awaiting the raisers",
        "WontAddress" => "Won't be addressed; awaiting the raisers",
        "Resolved" => "Resolved: the raisers accepted",
        "ClosedByFacilitator" => "Closed by the facilitator",
        "Merged" => "Merged into another concern",
        _ => status,
    };

    /// <summary>Where a condition of the decision stands: met or not by its owner, then accepted by the person who set it.</summary>
    public static string ConditionStatus(string status, string? settled = null) => status switch
    {
        "Resolved" when settled is "is met" => "Met: the person who set it accepted",
        "Resolved" when settled is not null => $"Settled: the person who set it accepted that it {settled}",
        "Addressed" => "Marked met; awaiting the person who set it",
        "WontAddress" => "Marked won't be met; awaiting the person who set it",
        "Resolved" => "Settled: the person who set it accepted",
        _ => Status(status),
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

}
