using System.Text.Json;
using DeliberationBot.Core.Summaries;

namespace DeliberationBot.Summaries.Tests.Support;

internal static class SummaryAssertions
{
    public static string Json(DeliberationSummary summary) => JsonSerializer.Serialize(summary);

    /// <summary>Every citation id anywhere in the summary: quotes, statements, counts, positions, labour, suggestions.</summary>
    public static IReadOnlySet<string> CitedIds(DeliberationSummary summary)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var q in summary.Questions)
        {
            ids.UnionWith(q.Concerns.Select(c => c.AnswerId));
            ids.UnionWith(q.Statements.SelectMany(s => s.Cites));
            foreach (var g in q.Groups)
            {
                ids.UnionWith(g.Quotes.Select(c => c.AnswerId));
                ids.UnionWith(g.Options.SelectMany(o => o.Cites));
            }
        }

        ids.UnionWith(summary.Disagreements.SelectMany(d => d.Statement.Cites.Concat(d.Positions.SelectMany(p => p.Cites))));
        ids.UnionWith(summary.AddedLabour.SelectMany(l => l.ByGroup.SelectMany(g => g.Cites)));
        ids.UnionWith(summary.SuggestedConcerns.SelectMany(s => s.Cites));
        return ids;
    }

    public static QuestionSummary Question(DeliberationSummary summary, string questionId) => summary.Questions.Single(q => q.QuestionId == questionId);
}
