using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Commands;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Stakeholders;
using DeliberationBot.Host.Tests.Support;
using static DeliberationBot.Host.Tests.Support.Cast;
using Microsoft.Extensions.DependencyInjection;

namespace DeliberationBot.Host.Tests.Deliberations;

/// <summary>Deliberations through the running service's application services, storage and outbox.</summary>
public sealed class DeliberationJourneyTests : JourneyTest
{
    [Fact]
    public async Task A_quick_check_from_start_to_close()
    {
        var started = await Commands.HandleAsync(Dana, Room, "start quick-check \"Predictive screening for hotline calls\" owner:<@U-MARIA|Maria> due:2099-12-18 anonymous", null, Key(), default);
        Assert.Contains("Started \"Predictive screening for hotline calls\"", Assert.IsType<Confirmation>(Assert.Single(started.Replies)).Text, StringComparison.Ordinal);
        var card = await Factory.Channel.WaitForAsync(s => s.Message.Message is DeliberationCard);
        Assert.Equal(Destination.To(Room), card.Message.Destination);
        var d = (await Store.FindLatestOpenAsync(Ws, "test", "C-REVIEW", default))!;
        Assert.Equal([new UserRef("U-MARIA", "Maria")], d.Owners);

        var ana = new Actor("test", Ws, new UserRef("U-ANA", "Ana"));
        Assert.IsType<GroupPrompt>(Assert.Single((await Answering.OpenAsync(ana, d.Id, default)).Replies));
        var first = Assert.IsType<QuestionPrompt>(Assert.Single((await Answering.JoinAsync(ana, d.Id, StakeholderGroup.FrontlineWorker, anonymous: false, Key(), default)).Replies));
        Assert.Equal("purpose", first.QuestionId);

        var reply = await Answering.AnswerTextAsync(ana, d.Id, "Rank calls by risk", Key(), default);
        while (reply.Replies[^1] is QuestionPrompt prompt)
        {
            var text = prompt.Kind switch { AnswerKind.YesNoUnsure => "no", AnswerKind.Scale => "2", AnswerKind.Number => "25 minutes", AnswerKind.FreeText => "We'd need a pilot.", _ => "1" };
            reply = await Answering.AnswerTextAsync(ana, d.Id, text, Key(), default);
        }

        var review = Assert.IsType<AnswersReview>(reply.Replies[^1]);
        Assert.Contains("answered every question", review.Text, StringComparison.Ordinal);
        Assert.Contains(review.Answers, a => a.QuestionId == "added-minutes-per-case" && a.Answer == "25 minutes per case");
        await Answering.FlagConcernAsync(ana, d.Id, "purpose", flagged: true, Key(), default);

        var edit = Assert.IsType<QuestionPrompt>(Assert.Single((await Answering.ShowQuestionAsync(ana, d.Id, "can-override", default)).Replies));
        Assert.Equal(["no"], edit.CurrentAnswer!.Choices);
        Assert.Contains(edit.Earlier, e => e.QuestionId == "purpose" && e.Answer == "Rank calls by risk");
        await Answering.AnswerAsync(ana, d.Id, "can-override", AnswerValue.FromChoices("yes"), flagConcern: false, Key(), default);

        var status = Assert.IsType<StatusReport>(Assert.Single((await Commands.HandleAsync(Dana, Room, "status", null, Key(), default)).Replies));
        Assert.Equal((1, 1), (status.Progress.Participants, status.Progress.Finished));
        var flow = Factory.Services.GetRequiredService<FlowCatalog>().Find(d.FlowId)!;
        var concerns = Assert.IsType<ConcernList>((await Commands.HandleAsync(Dana, Room, "concerns", null, Key(), default)).Replies[0]);
        Assert.Contains(concerns.Concerns, c => c.QuestionText == flow.FindQuestion("purpose")!.Text && c.Origin == ConcernOrigin.FlaggedAnswer && c.Voices.Single().Text == "Rank calls by risk");
        Assert.Contains(concerns.Concerns, c => c.QuestionText == flow.FindQuestion("added-minutes-per-case")!.Text && c.Origin == ConcernOrigin.FlowRule);
        Assert.DoesNotContain(concerns.Concerns, c => c.QuestionText == flow.FindQuestion("can-override")!.Text);
        Assert.Equal(concerns.Concerns.Count, status.Concerns);

        var intruder = new Actor("test", Ws, new UserRef("U-EVE", "Eve"));
        Assert.Contains("Only the facilitator", Assert.IsType<ErrorMessage>(Assert.Single((await Commands.HandleAsync(intruder, Room, "close", null, Key(), default)).Replies)).Text, StringComparison.Ordinal);
        var maria = new Actor("test", Ws, new UserRef("U-MARIA", "Maria"));
        Assert.IsType<Confirmation>(Assert.Single((await Commands.HandleAsync(maria, Room, "close", null, Key(), default)).Replies));
        var summary = await Factory.Channel.WaitForAsync(s => s.Message.Message is Core.Summaries.SummaryReport);
        Assert.Equal(Destination.To(Room), summary.Message.Destination);
        await Factory.Channel.WaitForAsync(s => s.Message.Message is DeliberationCard { Status: DeliberationStatus.Closed } && s.PreviouslyPosted is not null);

        Assert.IsType<ErrorMessage>(Assert.Single((await Answering.AnswerTextAsync(ana, d.Id, "late", Key(), default)).Replies));
        var history = (await Store.ListEventsAsync(Ws, d.Id, default)).Select(e => e.Type).ToList();
        Assert.Equal(EventTypes.Started, history[0]);
        Assert.Equal(EventTypes.Closed, history[^1]);
        Assert.Contains(EventTypes.Edited, history);
        Assert.Contains(EventTypes.ConcernFlagged, history);
        Assert.Contains(EventTypes.Finished, history);
    }

    [Fact]
    public async Task An_anonymous_participant_leaves_no_identity_in_the_database()
    {
        await Commands.HandleAsync(Dana, Room, "start quick-check \"Benefit screening\" anonymous", null, Key(), default);
        var d = (await Store.FindLatestOpenAsync(Ws, "test", "C-REVIEW", default))!;
        var anon = new Actor("test", Ws, new UserRef("U-SECRET-7", "Secret Person"));

        await Answering.JoinAsync(anon, d.Id, StakeholderGroup.Community, anonymous: true, Key(), default);
        await Answering.AnswerTextAsync(anon, d.Id, "Deciding who gets help", Key(), default);
        var edit = await Answering.AnswerAsync(anon, d.Id, "purpose", AnswerValue.FromText("Deciding who gets help first"), flagConcern: true, Key(), default);
        Assert.IsType<QuestionPrompt>(edit.Replies[^1]);

        var answer = Assert.Single(await Store.ListAnswersAsync(Ws, d.Id, default));
        Assert.Equal(2, answer.Revision);
        Assert.StartsWith("anon:", answer.ParticipantKey, StringComparison.Ordinal);
        Assert.Empty((await DatabaseRowsContainingAsync("U-SECRET-7")).Concat(await DatabaseRowsContainingAsync("Secret Person")));
    }

    [Fact]
    public async Task The_same_delivery_twice_and_many_people_at_once()
    {
        await Commands.HandleAsync(Dana, Room, "start quick-check \"Road repair ranking\"", null, Key(), default);
        var d = (await Store.FindLatestOpenAsync(Ws, "test", "C-REVIEW", default))!;
        var people = Enumerable.Range(1, 15).Select(i => new Actor("test", Ws, new UserRef($"U-{i}", $"Person {i}"))).ToList();
        foreach (var p in people)
        {
            await Answering.JoinAsync(p, d.Id, StakeholderGroup.FrontlineWorker, anonymous: false, Key(), default);
        }

        var results = await Task.WhenAll(people.SelectMany(p => new[]
        {
            Answering.AnswerTextAsync(p, d.Id, $"answer of {p.User.Id}", "delivery-" + p.User.Id, default),
            Answering.AnswerTextAsync(p, d.Id, $"answer of {p.User.Id}", "delivery-" + p.User.Id, default),
        }));

        var answers = await Store.ListAnswersAsync(Ws, d.Id, default);
        Assert.Equal(people.Count, answers.Count);
        Assert.All(answers, a => Assert.Equal(1, a.Revision));
        Assert.Equal(people.Count, results.Count(r => r.Duplicate));
        var status = Assert.IsType<StatusReport>(Assert.Single((await Commands.HandleAsync(Dana, Room, "status", null, Key(), default)).Replies));
        Assert.Equal(people.Count, status.Progress.ByGroup.Single().Answers);
    }

    [Fact]
    public async Task Mistakes_get_a_friendly_message_with_what_to_type()
    {
        var unknownFlow = await Commands.HandleAsync(Dana, Room, "start no-such-flow \"X\"", null, Key(), default);
        var error = Assert.IsType<ErrorMessage>(Assert.Single(unknownFlow.Replies));
        Assert.Contains("ai-proposal, quick-check", error.Text, StringComparison.Ordinal);
        Assert.Equal(Usage.Start, error.Usage);

        var nothingHere = Assert.IsType<ErrorMessage>(Assert.Single((await Commands.HandleAsync(Dana, Room, "status", null, Key(), default)).Replies));
        Assert.Contains("No deliberation is open", nothingHere.Text, StringComparison.Ordinal);

        var otherWorkspace = new Actor("test", "T-OTHER", new UserRef("U-DANA", "Dana"));
        await Commands.HandleAsync(Dana, Room, "start quick-check \"Mine\"", null, Key(), default);
        var d = (await Store.FindLatestOpenAsync(Ws, "test", "C-REVIEW", default))!;
        Assert.Equal(TurnSupport.NotFound, Assert.IsType<ErrorMessage>(Assert.Single((await Answering.OpenAsync(otherWorkspace, d.Id, default)).Replies)).Text);
    }

    [Fact]
    public async Task Status_counts_the_concerns_that_concerns_would_list_and_only_the_answers_given()
    {
        await Commands.HandleAsync(Dana, Room, "start quick-check \"Predictive screening for hotline calls\" owner:<@U-MARIA|Maria> anonymous", null, Key(), default);
        var d = (await Store.FindLatestOpenAsync(Ws, "test", "C-REVIEW", default))!;
        await Answering.JoinAsync(Ana, d.Id, StakeholderGroup.FrontlineWorker, anonymous: false, Key(), default);
        await Answering.AnswerTextAsync(Ana, d.Id, "Rank calls by risk", Key(), default);
        await Answering.FlagConcernAsync(Ana, d.Id, "purpose", flagged: true, Key(), default);
        await Answering.AnswerAsync(Ana, d.Id, "who-affected", AnswerValue.Skip(), flagConcern: false, Key(), default);
        await Answering.AnswerAsync(Ana, d.Id, "can-override", AnswerValue.FromChoices("no"), flagConcern: false, Key(), default); // meets the rule
        await Answering.JoinAsync(Sam, d.Id, StakeholderGroup.Community, anonymous: true, Key(), default);
        await Answering.AnswerAsync(Sam, d.Id, "can-appeal", AnswerValue.FromChoices("no"), flagConcern: false, Key(), default); // meets the rule
        await Answering.JoinAsync(Eve, d.Id, StakeholderGroup.LegalPolicy, anonymous: false, Key(), default);
        await Answering.AnswerTextAsync(Eve, d.Id, "Triage hotline calls", Key(), default);
        await Answering.AnswerAsync(Eve, d.Id, "can-override", AnswerValue.FromChoices("yes"), flagConcern: false, Key(), default);

        var status = Assert.IsType<StatusReport>((await Commands.HandleAsync(Eve, Room, "status", null, Key(), default)).Replies.Single());
        var listed = Assert.IsType<ConcernList>((await Commands.HandleAsync(Eve, Room, "concerns", null, Key(), default)).Replies.Single());

        Assert.Equal((3, 3, 3), (status.Progress.Participants, status.Concerns, status.UnresolvedConcerns));
        Assert.Equal(3, listed.Concerns.Count);
        Assert.Equal(
            [(StakeholderGroup.FrontlineWorker, 1, 2), (StakeholderGroup.LegalPolicy, 1, 2), (StakeholderGroup.Community, 1, 1)],
            status.Progress.ByGroup.Select(g => (g.Group, g.Participants, g.Answers)).OrderBy(g => g.Group == StakeholderGroup.Community));
        Assert.Equal(2, status.Coverage.Single(s => s.SectionId == "purpose-and-people").AnswersByGroup.Values.Sum()); // the skip is not counted
    }

    private async Task<List<string>> DatabaseRowsContainingAsync(string needle) =>
        [.. (await DatabaseDump.SqliteAsync(Factory.DatabasePath)).Where(v => v.Value.Contains(needle, StringComparison.Ordinal)).Select(v => $"{v.Table}.{v.Column}")];
}
