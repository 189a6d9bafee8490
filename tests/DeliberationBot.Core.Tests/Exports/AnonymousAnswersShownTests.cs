using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Exports;
using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Stakeholders;
using DeliberationBot.Core.Summaries;
using DeliberationBot.Core.Tests.Support;
using static DeliberationBot.Core.Tests.Support.ServiceBed;

namespace DeliberationBot.Core.Tests.Exports;

/// <summary>
/// A group's anonymous answers are shown once enough of its people answered anonymously, by one rule in the summary and
/// in the record: a named answer beside them does not hide them, and someone who joined anonymously but answered
/// nothing does not either.
/// </summary>
public sealed class AnonymousAnswersShownTests
{
    private static readonly Actor Bob = new("slack", Workspace, new UserRef("U0BOB", "bob"));
    private static readonly Actor Carl = new("slack", Workspace, new UserRef("U0CARL", "carl"));
    private static readonly Actor Dan = new("slack", Workspace, new UserRef("U0DAN", "dan"));

    private readonly ServiceBed _bed = new();

    [Fact]
    public async Task Two_anonymous_answers_beside_a_named_one_are_withheld_in_the_summary_and_the_record_alike()
    {
        var d = await _bed.StartAsync();
        await AnswerAsync(d, Sam, anonymous: false, "Named: it adds typing.");
        await AnswerAsync(d, Bob, anonymous: true, "Bob: nobody trained us.");
        await AnswerAsync(d, Carl, anonymous: true, "Carl: it slows the night shift.");
        await _bed.Answering.JoinAsync(Dan, d, StakeholderGroup.FrontlineWorker, anonymous: true, "join-dan", None); // answers nothing

        var (record, summary) = await ReadAsync(d);

        var impact = Assert.Single(record.Answers, q => q.QuestionId == "impact");
        Assert.Equal(["Named: it adds typing."], impact.Answers.Select(a => a.Answer));
        Assert.Equal(["2 anonymous answers from Frontline worker withheld: fewer than 3 people of that group answered anonymously."], impact.Withheld);
        Assert.Contains("Named: it adds typing.", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("Bob:", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("Carl:", summary, StringComparison.Ordinal);

        // A third person answering anonymously shows all three, in both.
        await AnswerAsync(d, Dan, anonymous: true, "Dan: the score is never explained.", joined: true);
        (record, summary) = await ReadAsync(d);
        Assert.Equal(4, Assert.Single(record.Answers, q => q.QuestionId == "impact").Answers.Count);
        Assert.Contains("Carl: it slows the night shift.", summary, StringComparison.Ordinal);
    }

    private async Task AnswerAsync(Guid d, Actor actor, bool anonymous, string words, bool joined = false)
    {
        if (!joined)
        {
            await _bed.Answering.JoinAsync(actor, d, StakeholderGroup.FrontlineWorker, anonymous, "join-" + actor.User.Id, None);
        }

        await _bed.Answering.AnswerAsync(actor, d, "impact", AnswerValue.FromText(words), flagConcern: false, "impact-" + actor.User.Id, None);
    }

    private async Task<(DeliberationRecord Record, string Summary)> ReadAsync(Guid id)
    {
        var flow = FlowParser.Parse(ServiceBed.FlowYaml, "services.yaml", "services");
        var d = (await _bed.Store.FindAsync(Workspace, id, None))!;
        var (participants, answers) = await CitedAnswers.ReadAsync(_bed.Store, d, None);
        var record = DeliberationRecords.Build(d, flow, participants, answers, [], [], minGroupSize: 3, summary: null);
        var input = new SummaryInput(id, d.Title, flow, CitedAnswers.ForSummary(participants, answers), MinGroupSize: 3);
        return (record, SummaryText.Render(OfflineSummarizer.Summarize(input)));
    }
}
