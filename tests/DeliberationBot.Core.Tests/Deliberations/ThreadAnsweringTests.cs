using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Stakeholders;
using DeliberationBot.Core.Tests.Support;
using static DeliberationBot.Core.Tests.Support.ServiceBed;

namespace DeliberationBot.Core.Tests.Deliberations;

/// <summary>
/// A reply written in a deliberation's thread before joining waits for its writer: Core holds its words, and the
/// prompt's button or card names it by key only, so what a client sends back never decides what is recorded.
/// </summary>
public sealed class ThreadAnsweringTests
{
    private const string Reply = "slack:msg:T1:C1:1.1";
    private const string Words = "It adds typing to every case and nobody asked the night shift.";

    private readonly ServiceBed _bed = new();

    [Fact]
    public async Task A_waiting_reply_answers_on_joining_in_the_words_held_for_it_not_in_words_a_button_sends_back()
    {
        var d = await _bed.StartAsync();
        var asked = await _bed.Threads.AnswerAsync(Sam, d, Words, Reply, None);
        Assert.Equal(new WaitingReply(Words, Reply), Assert.IsType<GroupPrompt>(Assert.Single(asked.Replies)).Waiting);

        await _bed.Threads.JoinAsync(Sam, d, StakeholderGroup.FrontlineWorker, anonymous: false, WaitingReply.Carried(Reply, "Nothing to worry about."), "join", None);

        var answer = Assert.Single(await _bed.Store.ListAnswersAsync(Workspace, d, None));
        Assert.Equal(("impact", Words, Reply), (answer.QuestionId, answer.Value.Text, answer.Source));
    }

    [Fact]
    public async Task An_edited_waiting_reply_answers_in_its_edited_words_from_the_button_of_the_first_prompt()
    {
        var d = await _bed.StartAsync();
        var asked = await _bed.Threads.AnswerAsync(Sam, d, "It adds typing.", Reply, None);
        await _bed.Replies.QueueAsync(Workspace, Reply, asked.Replies, _ => Destination.To(Home), None); // as the adapter does

        var again = await _bed.Threads.ReviseAsync(Sam, d, Reply, Words, "edit-1", None);
        Assert.Equal(Words, Assert.IsType<GroupPrompt>(Assert.Single(again.Replies)).Waiting!.Text);
        await _bed.Threads.JoinAsync(Sam, d, StakeholderGroup.FrontlineWorker, anonymous: false, WaitingReply.Carried(Reply), "join", None);

        Assert.Equal(Words, Assert.Single(await _bed.Store.ListAnswersAsync(Workspace, d, None)).Value.Text);
    }

    [Fact]
    public async Task A_reply_marked_waiting_before_words_were_held_answers_in_the_words_its_prompt_carried()
    {
        var d = await _bed.StartAsync();
        // What a prompt sent before words were held left behind: the mark that the reply waits for Sam, nothing more.
        await _bed.Store.CommitAsync(new Commit(Workspace, $"waiting-for:{Sam.User.Id}:{Reply}"), None);

        await _bed.Threads.JoinAsync(Sam, d, StakeholderGroup.FrontlineWorker, anonymous: false, WaitingReply.Carried(Reply, Words), "join", None);

        var answer = Assert.Single(await _bed.Store.ListAnswersAsync(Workspace, d, None));
        Assert.Equal(("impact", Words, Reply), (answer.QuestionId, answer.Value.Text, answer.Source));
    }

    [Fact]
    public async Task A_waiting_reply_is_given_only_by_its_writer_and_its_words_are_let_go_once_it_is_deleted()
    {
        var d = await _bed.StartAsync();
        await _bed.Threads.AnswerAsync(Sam, d, Words, Reply, None);

        await _bed.Threads.JoinAsync(Lee, d, StakeholderGroup.FrontlineWorker, anonymous: false, WaitingReply.Carried(Reply), "join-lee", None);
        Assert.Empty(await _bed.Store.ListAnswersAsync(Workspace, d, None));

        await _bed.Messages.DeletedAsync(Sam, d, Reply, "deleted-1", None);
        Assert.Equal("", await _bed.Store.FindWaitingWordsAsync(Workspace, Sam.User.Id, Reply, None));
        await _bed.Threads.JoinAsync(Sam, d, StakeholderGroup.FrontlineWorker, anonymous: false, WaitingReply.Carried(Reply), "join-sam", None);
        Assert.Empty(await _bed.Store.ListAnswersAsync(Workspace, d, None));
    }
}
