using DeliberationBot.Core.Exports;
using DeliberationBot.Core.Reports;

namespace DeliberationBot.Core.Tests.Reports;

public class AnswerPagesTests
{
    [Fact]
    public void Every_answer_is_on_exactly_one_page_whole_questions_stay_together_and_a_long_one_is_split_in_parts()
    {
        var questions = new[] { Question("a", 3, withheld: true), Question("b", 4), Question("c", 11, withheld: true), Question("d", 0, withheld: true) };

        var pages = AnswerPages.Split(questions, perPage: 5);

        Assert.Equal([1, 2, 3, 4, 5], pages.Select(p => p.Number));
        Assert.All(pages, p => Assert.InRange(p.Answers, 0, 5));
        Assert.Equal(questions.SelectMany(q => q.Answers), pages.SelectMany(p => p.Questions).SelectMany(q => q.Question.Answers));
        Assert.Equal(["a"], pages[0].Questions.Select(q => q.Question.QuestionId)); // "b" would not fit beside it
        Assert.Equal([(0, 5), (5, 5), (10, 1)], pages.SelectMany(p => p.Questions).Where(q => q.Question.QuestionId == "c").Select(q => (q.From, q.Question.Answers.Count)));
        Assert.Equal(["c", "d"], pages[^1].Questions.Select(q => q.Question.QuestionId)); // a question with only withheld answers still shows its note
        Assert.Equal(3, pages.SelectMany(p => p.Questions).Count(q => q.Question.Withheld.Count > 0)); // each note once, with the first part
    }

    private static RecordQuestion Question(string id, int answers, bool withheld = false) =>
        new("Section", id, $"Question {id}?", [.. Enumerable.Range(1, answers).Select(i => new RecordAnswer("Vendor", $"Person {i}", $"{id}{i}", false))],
            withheld ? [$"1 anonymous answer from Vendor withheld."] : []);
}
