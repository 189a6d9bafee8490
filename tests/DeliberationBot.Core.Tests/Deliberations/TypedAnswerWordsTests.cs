using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Stakeholders;
using DeliberationBot.Core.Tests.Support;
using static DeliberationBot.Core.Tests.Support.ServiceBed;

namespace DeliberationBot.Core.Tests.Deliberations;

/// <summary>
/// A number or a yes/no typed in a reply often comes with the reason that matters most ("15-20, but 45 for complex
/// cases", "No, nobody asked us"). The words are kept with the answer: the tallies count the number or the option,
/// the owners read what was said.
/// </summary>
public sealed class TypedAnswerWordsTests
{
    private const string Said = "15-20, but 45 for complex cases";
    private readonly ServiceBed _bed = new();

    private AnsweringService Answering => _bed.Answering;

    [Fact]
    public async Task A_number_typed_with_more_words_keeps_them_and_the_owners_read_them()
    {
        var d = await AnsweredAsync("concern: " + Said);

        var answer = Minutes(await _bed.Store.ListAnswersAsync(Workspace, d, None));
        Assert.Equal((AnswerValue.FromNumber(15, Said), true), (answer.Value, answer.FlaggedConcern));
        var question = FlowParser.Parse(FlowYaml, "services.yaml", "services").FindQuestion("minutes")!;
        var voice = ConcernSync.VoiceOf(question, answer, new Dictionary<string, string?>());
        Assert.Equal($"15 (\"{Said}\")", voice.Text);
    }

    [Fact]
    public async Task Given_again_unchanged_in_a_form_the_number_keeps_its_words_and_the_reply_still_edits_them()
    {
        var d = await AnsweredAsync(Said);

        await Answering.AnswerAsync(Sam, d, "minutes", AnswerValue.FromNumber(15), flagConcern: true, "form-1", None);
        var flagged = Minutes(await _bed.Store.ListAnswersAsync(Workspace, d, None));
        await Answering.ReviseTextAsync(Sam, d, "msg-2", "20, or 50 for complex cases", "edit-1", None);
        var edited = Minutes(await _bed.Store.ListAnswersAsync(Workspace, d, None));
        await Answering.AnswerAsync(Sam, d, "minutes", AnswerValue.FromNumber(30), flagConcern: true, "form-2", None);
        var changed = Minutes(await _bed.Store.ListAnswersAsync(Workspace, d, None));

        Assert.Equal((AnswerValue.FromNumber(15, Said), true, "msg-2"), (flagged.Value, flagged.FlaggedConcern, flagged.Source));
        Assert.Equal((AnswerValue.FromNumber(20, "20, or 50 for complex cases"), true), (edited.Value, edited.FlaggedConcern));
        Assert.Equal(AnswerValue.FromNumber(30), changed.Value); // a new number: the words were about the old one
    }

    [Fact]
    public async Task A_yes_or_no_typed_with_its_reason_keeps_it_when_flagged_in_the_form_and_loses_it_when_changed()
    {
        var d = await AnsweredAsync("15");
        await Answering.AnswerTextAsync(Sam, d, "No, nobody asked us", "msg-3", None);

        await Answering.AnswerAsync(Sam, d, "workers-only", AnswerValue.FromChoices("no"), flagConcern: true, "form-1", None);
        var flagged = Assert.Single(await _bed.Store.ListAnswersAsync(Workspace, d, None), a => a.QuestionId == "workers-only");
        await Answering.AnswerAsync(Sam, d, "workers-only", AnswerValue.FromChoices("unsure"), flagConcern: true, "form-2", None);
        var changed = Assert.Single(await _bed.Store.ListAnswersAsync(Workspace, d, None), a => a.QuestionId == "workers-only");

        Assert.Equal((AnswerValue.FromChoices("no").WithWords("No, nobody asked us"), true, "msg-3"), (flagged.Value, flagged.FlaggedConcern, flagged.Source));
        Assert.Equal(AnswerValue.FromChoices("unsure"), changed.Value);
    }

    private async Task<Guid> AnsweredAsync(string minutesReply)
    {
        var d = await _bed.StartAsync();
        await Answering.JoinAsync(Sam, d, StakeholderGroup.FrontlineWorker, anonymous: false, "join", None);
        await Answering.AnswerTextAsync(Sam, d, "More typing.", "msg-1", None);
        await Answering.AnswerTextAsync(Sam, d, minutesReply, "msg-2", None);
        return d;
    }

    private static Answer Minutes(IEnumerable<Answer> answers) => Assert.Single(answers, a => a.QuestionId == "minutes");
}
