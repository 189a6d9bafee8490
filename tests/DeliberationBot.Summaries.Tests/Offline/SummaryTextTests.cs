using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Stakeholders;
using DeliberationBot.Core.Summaries;
using DeliberationBot.Summaries.Tests.Support;

namespace DeliberationBot.Summaries.Tests.Offline;

public sealed class SummaryTextTests
{
    [Fact]
    public void A_fallback_says_the_AI_summary_was_unavailable()
    {
        var offline = OfflineSummarizer.Summarize(Fixtures.BenefitsChatbot().Build());
        var text = SummaryText.Render(offline with { Source = SummarySource.OfflineFallback, FallbackReason = "the model did not answer within 30 seconds, 3 attempts" });

        Assert.Contains("The AI summary was unavailable (the model did not answer within 30 seconds, 3 attempts); this is the offline summary.", text);
        Assert.Contains("Offline summary", SummaryText.Render(offline));
    }

    [Fact]
    public void Model_statements_and_suggestions_are_marked()
    {
        var offline = OfflineSummarizer.Summarize(Fixtures.BenefitsChatbot().Build());
        var purpose = SummaryAssertions.Question(offline, "purpose");
        var withModel = offline with
        {
            Source = SummarySource.Model,
            Sections = [.. offline.Sections.Select(s => s with
            {
                Questions = [.. s.Questions.Select(q => q.QuestionId != "purpose" ? q : q with
                {
                    Statements = [.. q.Statements, new Statement("Frontline workers expect applicants to treat answers as decisions.", ["A17"], StatementOrigin.Model)],
                })],
            })],
            SuggestedConcerns = [new SuggestedConcern("Applicants may stop applying after a wrong answer.", "purpose-and-people", "purpose", ["A17"])],
        };

        var text = SummaryText.Render(withModel);

        Assert.Contains("* (AI) Frontline workers expect applicants to treat answers as decisions. [A17]", text);
        Assert.Contains("SUGGESTED CONCERNS (suggested by the AI, not raised by anyone; a facilitator must confirm them)", text);
        Assert.Contains("- [suggested] Applicants may stop applying after a wrong answer. [A17]", text);
        Assert.True(text.IndexOf("! \"A chatbot that screens people out", StringComparison.Ordinal) < text.IndexOf("* (AI)", StringComparison.Ordinal));
        Assert.NotEmpty(purpose.Concerns);
    }

    [Fact]
    public void The_matrix_has_a_row_per_group_and_a_column_per_section()
    {
        var text = SummaryText.Render(OfflineSummarizer.Summarize(Fixtures.BenefitsChatbot().Build()));

        Assert.Contains("  S2 = Daily work", text);
        var frontline = text.Split('\n').Single(l => l.StartsWith(StakeholderGroup.FrontlineWorker.Label(), StringComparison.Ordinal));
        Assert.Equal(["3/6", "0", "3/12", "3/3"], frontline[StakeholderGroup.FrontlineWorker.Label().Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void A_quote_over_several_lines_stays_together_under_its_group()
    {
        var offline = OfflineSummarizer.Summarize(Fixtures.BenefitsChatbot().Build());
        const string words = "Six new fields.\n\n1. Typed by hand,  twice\r\nevery case.";
        var summary = offline with
        {
            Sections = [.. offline.Sections.Select(s => s with
            {
                Questions = [.. s.Questions.Select(q => q.QuestionId != "purpose" ? q : q with
                {
                    Groups = [.. q.Groups.Select((g, i) => i > 0 ? g : g with { Quotes = [new QuotedAnswer("A99", g.Group, words, false, false)] })],
                })],
            })],
        };

        var text = SummaryText.Render(summary);

        Assert.Contains("    \"Six new fields.\n     \n     1. Typed by hand,  twice\n     every case.\" [A99]", text, StringComparison.Ordinal);
        Assert.Single(text.Split("\n\n"), p => p.Contains("[A99]", StringComparison.Ordinal) && p.Contains("Six new fields.", StringComparison.Ordinal));
    }

    [Fact]
    public void A_groups_numbers_that_are_all_the_same_are_said_once()
    {
        var offline = OfflineSummarizer.Summarize(Fixtures.BenefitsChatbot().Build());
        QuestionSummary Question(AnswerKind kind, string? unit, NumberStats stats) => new("q", "s", "How many?", kind, unit,
            [new GroupAnswers(StakeholderGroup.FrontlineWorker, stats.Count, 0, 0, [], stats, [], null, 0, 0, 0)], [], []);
        string Rendered(QuestionSummary q) => SummaryText.Render(offline with { Sections = [offline.Sections[0] with { Questions = [q] }] });

        Assert.Contains("Frontline worker (1 answered): 25 minutes per case\n", Rendered(Question(AnswerKind.Number, "minutes per case", new(1, 25, 25, 25))), StringComparison.Ordinal);
        Assert.Contains("Frontline worker (3 answered): all 20 minutes per case\n", Rendered(Question(AnswerKind.Number, "minutes per case", new(3, 20, 20, 20))), StringComparison.Ordinal);
        Assert.Contains("Frontline worker (2 answered): median 15 minutes per case, from 10 to 20\n", Rendered(Question(AnswerKind.Number, "minutes per case", new(2, 15, 10, 20))), StringComparison.Ordinal);
        Assert.DoesNotContain("from 2 to 2", Rendered(Question(AnswerKind.Scale, null, new(1, 2, 2, 2))), StringComparison.Ordinal);
    }

    [Fact]
    public void A_group_has_one_figure_for_a_number_wherever_the_summary_gives_it()
    {
        // Frontline workers said 12, 15, 20 and 25 minutes: an average (18) in one place and a median (17.5) in another
        // read as two findings.
        var summary = OfflineSummarizer.Summarize(Fixtures.ScreeningTool().Build());
        var text = SummaryText.Render(summary);

        Assert.DoesNotContain("average", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("18 minutes", text, StringComparison.Ordinal);
        Assert.Contains("frontline workers: 17.5 minutes per case (median of 4 people, from 12 to 25).", text, StringComparison.Ordinal);
        Assert.Contains("Frontline worker (4 answered): median 17.5 minutes per case, from 12 to 25", text, StringComparison.Ordinal);

        // A number's figure is on its group's line, so no statement beneath says it again; a scale's median is said once.
        var minutes = SummaryAssertions.Question(summary, "added-minutes-per-case");
        Assert.DoesNotContain(minutes.Statements, s => s.Text.Contains("17.5", StringComparison.Ordinal));
        var scale = summary.Sections.SelectMany(s => s.Questions).First(q => q.Kind == AnswerKind.Scale && q.Groups.Any(g => g.Numbers is { Count: >= 2 }));
        var group = scale.Groups.First(g => g.Numbers is { Count: >= 2 });
        var said = Assert.Single(scale.Statements, s => s.Text.StartsWith(GroupWords.Capitalised(GroupWords.Possessive(GroupWords.Plural(group.Group))) + " median answer is", StringComparison.Ordinal));
        Assert.Contains($" median answer is {GroupWords.Number(group.Numbers!.Median)} on a scale from 1 (", said.Text, StringComparison.Ordinal);
        var block = text[text.IndexOf($"Q: {scale.Text}\n", StringComparison.Ordinal)..];
        Assert.DoesNotContain("median", block[..block.IndexOf("  * ", StringComparison.Ordinal)], StringComparison.Ordinal);
    }

    [Fact]
    public void A_rating_question_is_headed_with_what_its_scales_ends_mean_though_too_few_answered_for_a_median()
    {
        // "ratings 2×1" under "How ready is this proposal to go ahead?" says nothing of which end 2 is near.
        var summary = OfflineSummarizer.Summarize(Fixtures.ScreeningTool().Build());
        var text = SummaryText.Render(summary);

        var scales = summary.Sections.SelectMany(s => s.Questions).Where(q => q.Kind == AnswerKind.Scale).ToList();
        Assert.NotEmpty(scales);
        Assert.All(scales, q => Assert.Contains($"Q: {q.Text}\n", text, StringComparison.Ordinal));
        Assert.All(scales, q => Assert.Matches(@"\? \(1 = [^,]+, 5 = [^)]+\)$", q.Text));
        Assert.All(summary.Disagreements.Where(d => scales.Any(q => q.QuestionId == d.QuestionId)), d => Assert.Matches(@"\(1 = [^,]+, 5 = [^)]+\)$", d.QuestionText));
    }

    [Fact]
    public void Words_given_with_an_option_are_quoted_as_written_and_the_option_beside_them()
    {
        var d = new DeliberationBuilder(Repo.QuickCheck, "Options and words");
        d.Named("U1", StakeholderGroup.FrontlineWorker, p => p.Choice("can-override", "no", "Not on nights; nobody there may.", flagged: true));
        d.Named("U2", StakeholderGroup.FrontlineWorker, p => p.Choice("can-override", "unsure", "Training said one thing, the memo another."));
        d.Named("U3", StakeholderGroup.FrontlineWorker, p => p.Choice("can-override", "no", "No, the screen has no button for it."));
        var summary = OfflineSummarizer.Summarize(d.Build());
        var question = SummaryAssertions.Question(summary, "can-override");
        var text = SummaryText.Render(summary);

        // What is in quotation marks is what the person wrote; what they chose is said beside it, as in every view of a concern.
        var flagged = Assert.Single(question.Concerns);
        Assert.Equal(("Not on nights; nobody there may.", "No"), (flagged.Text, flagged.Answered));
        Assert.Contains("  ! \"Not on nights; nobody there may.\" (Frontline worker, who answered No) [A1]\n", text, StringComparison.Ordinal);
        Assert.Contains("    \"Training said one thing, the memo another.\" — answered Not sure [A2]\n", text, StringComparison.Ordinal);
        // Words that begin with the answer say it already: quoted whole, nothing beside them.
        Assert.Contains("    \"No, the screen has no button for it.\" [A3]\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("(\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_group_with_more_answers_than_its_quotes_says_how_many_more_and_where_they_are()
    {
        var d = new DeliberationBuilder(Repo.QuickCheck, "More said");
        d.Named("U1", StakeholderGroup.FrontlineWorker, p => p.Text("purpose", "It ranks hotline calls by risk.", flagged: true));
        d.Named("U2", StakeholderGroup.FrontlineWorker, p => p.Text("purpose", "It ranks calls so supervisors see the risky ones first."));
        d.Named("U3", StakeholderGroup.FrontlineWorker, p => p.Text("purpose", "It ranks calls by how risky the family looks."));
        d.Named("U4", StakeholderGroup.FrontlineWorker, p => p.Text("purpose", "Nobody has told us."));
        d.Named("U5", StakeholderGroup.FrontlineWorker, p => p.Text("purpose", "Risky calls get ranked first, so it ranks calls."));
        d.Named("U6", StakeholderGroup.FrontlineWorker, p => p.Text("purpose", "It ranks the calls it thinks are risky."));
        d.Named("U7", StakeholderGroup.AgencyLeader, p => p.Text("purpose", "Consistency across shifts."));
        var text = SummaryText.Render(OfflineSummarizer.Summarize(d.Build()));

        // Six frontline workers: one flagged (listed above); the two answers most like the rest, then the one least like
        // them, marked so it is not read as what most said; and how many more the record holds. The quotes are not all.
        Assert.Contains("  Frontline worker (6 answered): 1 flagged as a concern, above\n", text, StringComparison.Ordinal);
        var lines = text.Split('\n');
        var under = lines.SkipWhile(l => !l.StartsWith("  Frontline worker (6 answered)", StringComparison.Ordinal)).Skip(1).TakeWhile(l => l.StartsWith("    ", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, under.Count);
        Assert.All(under.Take(2), l => Assert.StartsWith("    \"", l, StringComparison.Ordinal));
        Assert.DoesNotContain(under.Take(2), l => l.Contains("Nobody", StringComparison.Ordinal));
        Assert.Equal("    Least like the others: \"Nobody has told us.\" [A4]", under[2]);
        Assert.Equal("    2 more answers in their own words, in the whole record.", under[3]);
        // A group whose every answer is quoted says nothing more.
        Assert.Contains("  Agency leader (1 answered)\n    \"Consistency across shifts.\" [A7]\n", text, StringComparison.Ordinal);
        Assert.Single(text.Split("more answer")[1..]);
        Assert.Single(text.Split("Least like the others")[1..]);
    }

    [Fact]
    public void The_answer_least_like_the_others_is_quoted_only_when_it_says_something_else()
    {
        var d = new DeliberationBuilder(Repo.QuickCheck, "Much the same");
        d.Named("U1", StakeholderGroup.FrontlineWorker, p => p.Text("purpose", "It ranks hotline calls by risk for supervisors."));
        d.Named("U2", StakeholderGroup.FrontlineWorker, p => p.Text("purpose", "It ranks hotline calls by risk for the night shift."));
        d.Named("U3", StakeholderGroup.FrontlineWorker, p => p.Text("purpose", "It ranks hotline calls by risk, for supervisors mostly."));
        var summary = OfflineSummarizer.Summarize(d.Build());
        var group = Assert.Single(summary.Sections.SelectMany(s => s.Questions).Single(q => q.QuestionId == "purpose").Groups);

        // The third answer says what the two quoted say, in much the same words: it is counted, not quoted as apart.
        Assert.Equal(2, group.Quotes.Count);
        Assert.Null(group.LeastAlike);
        Assert.Equal(1, group.Unquoted);
        Assert.Contains("    1 more answer in their own words, in the whole record.", SummaryText.Render(summary), StringComparison.Ordinal);
    }

    [Fact]
    public void An_answer_of_a_word_or_two_is_not_quoted_as_the_view_least_like_the_others()
    {
        var d = new DeliberationBuilder(Repo.QuickCheck, "Short answers");
        d.Named("U1", StakeholderGroup.FrontlineWorker, p => p.Text("purpose", "It ranks hotline calls by risk for supervisors."));
        d.Named("U2", StakeholderGroup.FrontlineWorker, p => p.Text("purpose", "It ranks hotline calls by risk for night supervisors."));
        d.Named("U3", StakeholderGroup.FrontlineWorker, p => p.Text("purpose", "idk"));
        d.Named("U4", StakeholderGroup.FrontlineWorker, p => p.Text("purpose", "Cutting costs on the night shift, I heard."));
        var group = Assert.Single(OfflineSummarizer.Summarize(d.Build()).Sections.SelectMany(s => s.Questions).Single(q => q.QuestionId == "purpose").Groups);

        // "idk" shares no word with the rest, but says no view of its own: the answer that does is quoted instead.
        Assert.Equal("Cutting costs on the night shift, I heard.", group.LeastAlike?.Text);
        Assert.Equal(1, group.Unquoted);
    }

    [Fact]
    public void A_questions_concern_rule_is_described_once_however_many_groups_meet_it()
    {
        var summary = OfflineSummarizer.Summarize(Fixtures.ScreeningTool().Build());
        var questions = summary.Sections.SelectMany(s => s.Questions).Where(q => q.Statements.Count(s => s.Text.Contains(" meet", StringComparison.Ordinal)) >= 2).ToList();

        Assert.NotEmpty(questions);
        Assert.All(questions, q =>
        {
            var rule = q.Statements.Where(s => s.Text.Contains("concern rule (", StringComparison.Ordinal) || s.Text.EndsWith(" it too.", StringComparison.Ordinal)).ToList();
            Assert.Contains("concern rule (", rule[0].Text, StringComparison.Ordinal);
            Assert.All(rule.Skip(1), s => Assert.EndsWith(" it too.", s.Text, StringComparison.Ordinal));
        });
    }
}
