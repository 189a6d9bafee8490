using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Stakeholders;
using DeliberationBot.Core.Summaries;
using DeliberationBot.Summaries.Tests.Support;

namespace DeliberationBot.Summaries.Tests.Offline;

public sealed class OfflineSummarizerTests
{
    public static TheoryData<string> FixtureNames => ["screening", "chatbot"];

    private static SummaryInput Fixture(string name) => (name == "screening" ? Fixtures.ScreeningTool() : Fixtures.BenefitsChatbot()).Build();

    [Theory]
    [MemberData(nameof(FixtureNames))]
    public async Task The_same_answers_give_the_same_summary_in_any_order(string name)
    {
        var input = Fixture(name);
        var shuffled = input with { Answers = [.. input.Answers.OrderBy(a => a.Id.Length).ThenByDescending(a => a.Id, StringComparer.Ordinal)] };
        Assert.NotEqual(input.Answers.Select(a => a.Id), shuffled.Answers.Select(a => a.Id));

        var first = await new OfflineSummarizer().SummarizeAsync(input, CancellationToken.None);
        var again = await new OfflineSummarizer().SummarizeAsync(input, CancellationToken.None);
        var reordered = await new OfflineSummarizer().SummarizeAsync(shuffled, CancellationToken.None);

        Assert.Equal(SummarySource.Offline, first.Source);
        Assert.Equal(SummaryAssertions.Json(first), SummaryAssertions.Json(again));
        Assert.Equal(SummaryAssertions.Json(first), SummaryAssertions.Json(reordered));
        Assert.Equal(SummaryText.Render(first), SummaryText.Render(reordered));
    }

    [Theory]
    [MemberData(nameof(FixtureNames))]
    public void Every_quote_is_the_answer_it_cites_word_for_word(string name)
    {
        var input = Fixture(name);
        var summary = OfflineSummarizer.Summarize(input);
        var byId = input.Answers.ToDictionary(a => a.Id);

        var quotes = summary.Questions.SelectMany(q => q.Concerns.Concat(q.Groups.SelectMany(g => g.Quotes)).Select(quote => (q, quote))).ToList();
        Assert.True(quotes.Count >= 6, $"only {quotes.Count} quotes");
        foreach (var (question, quote) in quotes)
        {
            var answer = byId[quote.AnswerId];
            var flowQuestion = input.Flow.FindQuestion(question.QuestionId)!;
            Assert.Equal(question.QuestionId, answer.QuestionId);
            Assert.Equal(answer.Group, quote.Group);
            // Words given with an option or a number are quoted as written, what was chosen beside them; together, the answer.
            var whole = quote.Answered is { } answered ? AnswerParser.WithWords(answered, quote.Text) : quote.Text;
            Assert.Equal(flowQuestion.Kind == AnswerKind.FreeText ? answer.Value.Text : AnswerParser.Describe(flowQuestion, answer.Value), whole);
            if (quote.Answered is not null)
            {
                Assert.Equal(answer.Value.Text, quote.Text);
            }
        }
    }

    [Theory]
    [MemberData(nameof(FixtureNames))]
    public void Every_flagged_concern_appears_under_its_question_whatever_the_size_of_its_group(string name)
    {
        var input = Fixture(name);
        var summary = OfflineSummarizer.Summarize(input);
        var flagged = input.Answers.Where(a => a.FlaggedConcern).ToList();
        Assert.NotEmpty(flagged);

        foreach (var answer in flagged)
        {
            var concern = Assert.Single(SummaryAssertions.Question(summary, answer.QuestionId).Concerns, c => c.AnswerId == answer.Id);
            Assert.Equal(answer.Group, concern.Group);
            Assert.True(concern.FlaggedConcern);
        }

        Assert.Equal(flagged.Count, summary.Questions.Sum(q => q.Concerns.Count));
    }

    [Fact]
    public void The_screening_fixture_lists_its_flagged_concerns_in_the_text()
    {
        var input = Fixtures.ScreeningTool().Build();
        var text = SummaryText.Render(OfflineSummarizer.Summarize(input));
        var rent = input.Answers.Single(a => a.Value.Text?.Contains("help with rent", StringComparison.Ordinal) == true);
        Assert.False(SummaryAnswerSet.From(input).IsGroupShown(rent.Group));

        Assert.Contains("! \"We would re-type the household members and prior reports, which are already in the case management system.\" (Frontline worker) [A40]", text);
        Assert.Contains("! \"No\" (Frontline worker) [A57]", text);
        Assert.Contains("! \"25 minutes per case\" (Frontline worker) [A70]", text);
        Assert.Contains("! \"If the score is wrong, it is the screener who gets blamed, not the vendor.\" (Frontline worker) [A79]", text);
        Assert.Contains("! \"Yes\" (Legal & policy) [A103]", text);
        Assert.Contains($"! \"My family could be flagged because we once asked the county for help with rent.\" (Community member or advocate) [{rent.Id}]", text);
        Assert.DoesNotContain("too small to show", text);
    }

    [Theory]
    [MemberData(nameof(FixtureNames))]
    public void No_participant_reference_appears_anywhere(string name)
    {
        var input = Fixture(name);
        var summary = OfflineSummarizer.Summarize(input);
        var json = SummaryAssertions.Json(summary);
        var text = SummaryText.Render(summary);

        foreach (var reference in Fixtures.ParticipantRefs(input))
        {
            Assert.DoesNotContain(reference, json, StringComparison.Ordinal);
            Assert.DoesNotContain(reference, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Statements_cite_only_answers_of_their_question()
    {
        var input = Fixtures.ScreeningTool().Build();
        var summary = OfflineSummarizer.Summarize(input);
        var byId = input.Answers.ToDictionary(a => a.Id);

        var statements = summary.Questions.SelectMany(q => q.Statements.Select(s => (q, s))).ToList();
        Assert.NotEmpty(statements);
        Assert.All(statements, x =>
        {
            Assert.Equal(StatementOrigin.Rule, x.s.Origin);
            Assert.NotEmpty(x.s.Cites);
            Assert.All(x.s.Cites, id => Assert.Equal(x.q.QuestionId, byId[id].QuestionId));
        });
        Assert.Contains(SummaryAssertions.Question(summary, "can-override").Statements,
            s => s.Text == "Most frontline workers (3 of 4) answered \"No\"." && s.Cites.SequenceEqual(["A41", "A57", "A73"]));
    }

    [Fact]
    public void Counts_options_and_numbers_per_group()
    {
        var summary = OfflineSummarizer.Summarize(Fixtures.ScreeningTool().Build());

        var canOverride = SummaryAssertions.Question(summary, "can-override");
        Assert.Equal([StakeholderGroup.AgencyLeader, StakeholderGroup.ResearchDevelopment, StakeholderGroup.FrontlineWorker, StakeholderGroup.LegalPolicy],
            canOverride.Groups.Select(g => g.Group));
        var frontline = canOverride.Groups.Single(g => g.Group == StakeholderGroup.FrontlineWorker);
        Assert.Equal([("no", 3), ("unsure", 1)], frontline.Options.Select(o => (o.OptionId, o.Count)));
        Assert.Equal(1, frontline.FlaggedConcerns);
        Assert.Equal(4, frontline.RuleConcerns);

        var minutes = SummaryAssertions.Question(summary, "added-minutes-per-case").Groups.Single(g => g.Group == StakeholderGroup.FrontlineWorker);
        Assert.Equal(new NumberStats(4, 17.5m, 12, 25), minutes.Numbers);
    }

    [Fact]
    public void Skips_are_counted_but_not_quoted()
    {
        var summary = OfflineSummarizer.Summarize(Fixtures.BenefitsChatbot().Build());

        var frontline = SummaryAssertions.Question(summary, "can-override").Groups.Single(g => g.Group == StakeholderGroup.FrontlineWorker);
        Assert.Equal((0, 3), (frontline.Answered, frontline.Skipped));
        Assert.Empty(frontline.Options);
        Assert.Equal(6, summary.Participants);
    }

    [Fact]
    public void Answers_to_questions_the_flow_does_not_have_are_ignored_and_duplicate_ids_refused()
    {
        var input = Fixtures.BenefitsChatbot().Build();
        var stray = new SummaryAnswer("A900", "no-such-question", StakeholderGroup.Other, "P9", false, AnswerValue.FromText("stray"), true);

        var summary = OfflineSummarizer.Summarize(input with { Answers = [.. input.Answers, stray] });
        Assert.DoesNotContain("stray", SummaryText.Render(summary));
        Assert.Equal(SummaryAssertions.Json(OfflineSummarizer.Summarize(input)), SummaryAssertions.Json(summary));

        Assert.Throws<ArgumentException>(() => OfflineSummarizer.Summarize(input with { Answers = [.. input.Answers, input.Answers[0]] }));
    }
}
