using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Stakeholders;
using DeliberationBot.Teams.Cards;
using DeliberationBot.Teams.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DeliberationBot.Teams.Tests.Deliberations;

/// <summary>A full ai-proposal deliberation with many long answers: its summary still reaches Teams as one card.</summary>
public sealed class LargeSummaryTests : HostTest
{
    private const int People = 8;

    [Fact]
    public async Task A_large_summary_is_posted_within_the_Teams_message_size_with_a_marker_where_it_is_cut()
    {
        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Fiona, Chat.Group, "start ai-proposal \"Predictive screening for hotline calls\""));
        var d = await Host.SingleDeliberationAsync();
        await Host.SentAsync();

        // One person of every group answers everything meant for them at length, through the engine, flagging every other answer.
        var answering = Host.Services.GetRequiredService<AnsweringService>();
        var groups = Enum.GetValues<StakeholderGroup>();
        var answers = 0;
        for (var p = 0; p < People; p++)
        {
            var actor = new Actor("teams", Activities.Tenant, new UserRef($"aad-person-{p}", $"Person {p}"));
            var result = await answering.JoinAsync(actor, d.Id, groups[p % groups.Length], anonymous: false, $"test:join:{p}", CancellationToken.None);
            while (result.Replies.OfType<QuestionPrompt>().FirstOrDefault() is { } q)
            {
                result = await answering.AnswerAsync(actor, d.Id, q.QuestionId, AnswerFor(q, p), flagConcern: answers++ % 2 == 0, $"test:{p}:{q.QuestionId}", CancellationToken.None);
                Assert.DoesNotContain(result.Replies, r => r is ErrorMessage);
                Host.Clock.Advance(TimeSpan.FromSeconds(1)); // time passes between answers, so a newer progress card supersedes an older one
            }
        }

        Assert.True(answers > 80, $"only {answers} answers");
        await Host.SentAsync();

        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Fiona, Chat.Group, "close"));
        var sent = await Host.SentAsync();

        var summary = sent.Where(c => c.IsPost && c.Body!["summary"]?.GetValue<string>().StartsWith("Summary of", StringComparison.Ordinal) == true).ToList();
        Assert.True(summary.Count > 1, "a summary this long comes in parts");
        Assert.All(summary, s => Assert.Equal(Chat.Group.Id, s.ConversationId));
        Assert.All(summary, s => Assert.InRange(s.BodyBytes, 1, CardPager.MaxActivityBytes));
        var text = string.Join("\n", summary.Select(s => s.CardText));
        Assert.Contains("Offline summary", text, StringComparison.Ordinal);
        Assert.Contains("Voices heard", text, StringComparison.Ordinal);
        Assert.Contains("Flagged concerns", text, StringComparison.Ordinal);
    }

    /// <summary>A valid answer of the question's kind; free text is long, as people's worries often are.</summary>
    private static AnswerValue AnswerFor(QuestionPrompt q, int person) => q.Kind switch
    {
        AnswerKind.FreeText => AnswerValue.FromText($"Person {person} on {q.QuestionId}: " + string.Concat(Enumerable.Repeat("the screening score would shape which families get a visit, and nobody has shown us how often it is wrong. ", 10))),
        AnswerKind.Number => AnswerValue.FromNumber(5 + person),
        AnswerKind.Scale => AnswerValue.FromNumber(1 + (person % 5)),
        AnswerKind.MultipleChoice => AnswerValue.FromChoices(q.Options.Take(2).Select(o => o.Id)),
        _ => AnswerValue.FromChoices(q.Options[person % q.Options.Count].Id),
    };
}
