using DeliberationBot.Core.Exports;

namespace DeliberationBot.Core.Reports;

/// <summary>
/// A question's answers on one page of answers: all of them, or, for a question with more answers than a page holds,
/// a run of them starting at <see cref="From"/> (0-based). Withheld notes come with the question's first part.
/// </summary>
public sealed record PagedQuestion(RecordQuestion Question, int From, int Total);

/// <summary>One page of the record's answers (numbered from 1): whole questions in flow order, as many as fit.</summary>
public sealed record AnswerPage(int Number, IReadOnlyList<PagedQuestion> Questions)
{
    public int Answers => Questions.Sum(q => q.Question.Answers.Count);

    public IReadOnlyList<string> Sections => [.. Questions.Select(q => q.Question.SectionTitle).Distinct(StringComparer.Ordinal)];
}

/// <summary>
/// The record's answers split into pages, so a deliberation of any size is read page by page and each page stays small
/// (a few hundred answers is some 60 KB of HTML). The split changes nothing in the answers: every one is on exactly one page.
/// </summary>
public static class AnswerPages
{
    public const int AnswersPerPage = 500;

    public static IReadOnlyList<AnswerPage> Split(IReadOnlyList<RecordQuestion> questions, int perPage = AnswersPerPage)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(perPage, 1);
        var pages = new List<AnswerPage>();
        var current = new List<PagedQuestion>();
        var count = 0;
        foreach (var q in questions)
        {
            for (var from = 0; from == 0 || from < q.Answers.Count; from += perPage)
            {
                var part = q with { Answers = [.. q.Answers.Skip(from).Take(perPage)], Withheld = from == 0 ? q.Withheld : [] };
                if (current.Count > 0 && count + part.Answers.Count > perPage)
                {
                    pages.Add(new AnswerPage(pages.Count + 1, current));
                    (current, count) = ([], 0);
                }

                current.Add(new PagedQuestion(part, from, q.Answers.Count));
                count += part.Answers.Count;
            }
        }

        if (current.Count > 0)
        {
            pages.Add(new AnswerPage(pages.Count + 1, current));
        }

        return pages;
    }
}
