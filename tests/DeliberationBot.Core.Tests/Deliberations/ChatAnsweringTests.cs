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
        Assert.Null(answer.Source);
    }

    [Fact]
    public async Task Commands_and_words_from_someone_answering_none_or_several_are_not_taken_as_answers()
    {
        Assert.Null(await _bed.Chat.AnswerAsync(Sam, "It adds typing to every case.", "chat-0", None)); // nothing open

        var first = await _bed.StartAsync();
        Assert.Null(await _bed.Chat.AnswerAsync(Sam, "It adds typing to every case.", "chat-1", None)); // not joined
        await _bed.Answering.JoinAsync(Sam, first, StakeholderGroup.FrontlineWorker, anonymous: false, "join-1", None);
        Assert.Null(await _bed.Chat.AnswerAsync(Sam, "status", "chat-2", None)); // a command stays one
        Assert.Null(await _bed.Chat.AnswerAsync(Sam, "stauts", "chat-2b", None)); // and so does a slip of one

        var second = await _bed.StartAsync(home: Home with { ConversationId = "C2" });
        await _bed.Answering.JoinAsync(Sam, second, StakeholderGroup.FrontlineWorker, anonymous: false, "join-2", None);
        Assert.Null(await _bed.Chat.AnswerAsync(Sam, "It adds typing to every case.", "chat-3", None)); // which one?

        Assert.Empty(await _bed.Store.ListAnswersAsync(Workspace, first, None));
        Assert.Empty(await _bed.Store.ListAnswersAsync(Workspace, second, None));
    }
}
