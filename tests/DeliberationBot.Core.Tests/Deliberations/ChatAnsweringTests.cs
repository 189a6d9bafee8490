using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Stakeholders;
using DeliberationBot.Core.Tests.Support;
using static DeliberationBot.Core.Tests.Support.ServiceBed;

namespace DeliberationBot.Core.Tests.Deliberations;

/// <summary>Words typed in a person's private chat that are no command answer the one deliberation they are answering.</summary>
public sealed class ChatAnsweringTests
{
    private readonly ServiceBed _bed = new();

    [Fact]
    public async Task Words_typed_by_someone_answering_one_deliberation_answer_its_current_question()
    {
        var d = await _bed.StartAsync();
        await _bed.Answering.JoinAsync(Sam, d, StakeholderGroup.FrontlineWorker, anonymous: false, "join", None);

        var result = await _bed.Chat.AnswerAsync(Sam, "It adds typing to every case.", "chat-1", None);

        Assert.Equal("minutes", Assert.IsType<QuestionPrompt>(Assert.Single(result!.Replies)).QuestionId);
        var answer = Assert.Single(await _bed.Store.ListAnswersAsync(Workspace, d, None));
        Assert.Equal(("impact", AnswerValue.FromText("It adds typing to every case.")), (answer.QuestionId, answer.Value));
    }

    [Fact]
    public async Task Someone_answering_anonymously_answers_anonymously_in_their_private_chat()
    {
        var d = await _bed.StartAsync();
        await _bed.Answering.JoinAsync(Sam, d, StakeholderGroup.FrontlineWorker, anonymous: true, "join", None);

        await _bed.Chat.AnswerAsync(Sam, "It adds typing to every case.", "chat-1", None);

        var answer = Assert.Single(await _bed.Store.ListAnswersAsync(Workspace, d, None));
        Assert.DoesNotContain("U0SAM", answer.ParticipantKey, StringComparison.Ordinal);
        Assert.StartsWith("anon-source:", answer.Source, StringComparison.Ordinal); // a keyed pseudonym of the message, never its key
    }

    [Fact]
    public async Task Commands_and_words_from_someone_answering_none_or_several_are_not_taken_as_answers_and_several_say_why()
    {
        Assert.Null(await _bed.Chat.AnswerAsync(Sam, "It adds typing to every case.", "chat-0", None)); // nothing open

        var first = await _bed.StartAsync();
        Assert.Null(await _bed.Chat.AnswerAsync(Sam, "It adds typing to every case.", "chat-1", None)); // not joined
        await _bed.Answering.JoinAsync(Sam, first, StakeholderGroup.FrontlineWorker, anonymous: false, "join-1", None);
        Assert.Null(await _bed.Chat.AnswerAsync(Sam, "status", "chat-2", None)); // a command stays one
        Assert.Null(await _bed.Chat.AnswerAsync(Sam, "stauts", "chat-2b", None)); // and so does a slip of one

        var second = await _bed.StartAsync(home: Home with { ConversationId = "C2" });
        await _bed.Answering.JoinAsync(Sam, second, StakeholderGroup.FrontlineWorker, anonymous: false, "join-2", None);
        var which = await _bed.Chat.AnswerAsync(Sam, "It adds typing to every case.", "chat-3", None);
        Assert.Equal(
            "You are answering 2 deliberations (\"Predictive screening\", \"Predictive screening\"), so I can't tell which one this is for, and it was not recorded. Press Answer on the card of the one it is for and give it there.",
            Assert.IsType<ErrorMessage>(Assert.Single(which!.Replies)).Text);

        Assert.Empty(await _bed.Store.ListAnswersAsync(Workspace, first, None));
        Assert.Empty(await _bed.Store.ListAnswersAsync(Workspace, second, None));
    }

    [Fact]
    public async Task An_edit_that_comes_before_its_message_answers_in_its_place_and_the_message_then_changes_nothing()
    {
        var d = await _bed.StartAsync();
        await _bed.Answering.JoinAsync(Sam, d, StakeholderGroup.FrontlineWorker, anonymous: false, "join", None);

        var edited = await _bed.Chat.ReviseAsync(Sam, "chat-1", "It adds typing to every case, more at night.", "edit-1", None);
        var late = await _bed.Chat.AnswerAsync(Sam, "It adds typing to every case.", "chat-1", None);

        Assert.IsType<QuestionPrompt>(Assert.Single(edited.Replies));
        Assert.True(late!.Duplicate);
        var answer = Assert.Single(await _bed.Store.ListAnswersAsync(Workspace, d, None));
        Assert.Equal(AnswerValue.FromText("It adds typing to every case, more at night."), answer.Value);
    }

    [Fact]
    public async Task An_edit_finds_the_answer_in_whichever_deliberation_it_was_given_and_a_changed_answer_is_left_alone()
    {
        var first = await _bed.StartAsync();
        await _bed.Answering.JoinAsync(Sam, first, StakeholderGroup.FrontlineWorker, anonymous: true, "join-1", None);
        await _bed.Chat.AnswerAsync(Sam, "It adds typing to every case.", "chat-1", None);
        var second = await _bed.StartAsync(home: Home with { ConversationId = "C2" });
        await _bed.Answering.JoinAsync(Sam, second, StakeholderGroup.FrontlineWorker, anonymous: false, "join-2", None);

        var edited = await _bed.Chat.ReviseAsync(Sam, "chat-1", "It adds typing to every case, more at night.", "edit-1", None);

        Assert.Contains("now reads as you edited it", Assert.IsType<Confirmation>(Assert.Single(edited.Replies)).Text, StringComparison.Ordinal);
        Assert.Equal("It adds typing to every case, more at night.", Assert.Single(await _bed.Store.ListAnswersAsync(Workspace, first, None)).Value.Text);

        await _bed.Answering.AnswerAsync(Sam, first, "impact", AnswerValue.FromText("More typing."), flagConcern: false, "form-1", None);
        Assert.Empty((await _bed.Chat.ReviseAsync(Sam, "chat-1", "Something else.", "edit-2", None)).Replies);
        Assert.Empty((await _bed.Chat.DeletedAsync(Sam, "chat-1", "deleted-1", None)).Replies);
        Assert.Equal("More typing.", Assert.Single(await _bed.Store.ListAnswersAsync(Workspace, first, None)).Value.Text);
    }

    [Fact]
    public async Task Correcting_words_that_were_refused_answers_the_question_they_were_refused_for_whatever_came_since()
    {
        var d = await _bed.StartAsync();
        await _bed.Answering.JoinAsync(Sam, d, StakeholderGroup.FrontlineWorker, anonymous: false, "join", None);
        await _bed.Chat.AnswerAsync(Sam, "It adds typing to every case.", "chat-1", None);
        var refused = await _bed.Chat.AnswerAsync(Sam, "no idea yet", "chat-2", None);
        await _bed.Replies.QueueAsync(Workspace, "chat-2", refused!.Replies, _ => Destination.To(Home), None); // as the adapter does
        await _bed.Chat.AnswerAsync(Sam, "20", "chat-3", None); // answered again rather than corrected

        var corrected = await _bed.Chat.ReviseAsync(Sam, "chat-2", "25 - more at night", "edit-1", None);

        Assert.IsType<ErrorMessage>(Assert.Single(refused.Replies));
        Assert.DoesNotContain(corrected.Replies, r => r is ErrorMessage);
        var minutes = Assert.Single(await _bed.Store.ListAnswersAsync(Workspace, d, None), a => a.QuestionId == "minutes");
        Assert.Equal((AnswerValue.FromNumber(25, "25 - more at night"), "chat-2"), (minutes.Value, minutes.Source));
        Assert.DoesNotContain(await _bed.Store.ListAnswersAsync(Workspace, d, None), a => a.QuestionId == "workers-only");

        // Now it gave the answer, so a further edit changes it; words that still do not fit leave it and say so.
        await _bed.Chat.ReviseAsync(Sam, "chat-2", "30", "edit-2", None);
        Assert.Equal(30, Assert.Single(await _bed.Store.ListAnswersAsync(Workspace, d, None), a => a.QuestionId == "minutes").Value.Number);
    }
}
