using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Stakeholders;
using DeliberationBot.Teams.Tests.Cards;
using DeliberationBot.Teams.Tests.Deliberations;
using DeliberationBot.Teams.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DeliberationBot.Teams.Tests.Inbound;

/// <summary>
/// A group chat has no threads, and a channel post need not be a reply to the card: words to the bot there that are no
/// command answer the writer's current question in the conversation's only open deliberation, as a reply in its thread
/// would. With several open, nothing is guessed.
/// </summary>
public sealed class ConversationAnswerTests : HostTest
{
    private const string Words = "It ranks calls by risk and nobody asked the night shift";
    private const string FirstQuestion = "In a sentence or two, what is this tool supposed to do?";

    [Fact]
    public async Task Words_to_the_bot_in_a_group_chat_answer_its_only_open_deliberation_once_and_the_next_question_comes_privately()
    {
        var d = await StartedAsync(Chat.Group, "Shared screening");
        var card = Assert.Single(await Host.SentAsync(), c => c.IsPost && c.ConversationId == Chat.Group.Id && c.CardText.Contains("to take part", StringComparison.Ordinal));
        Assert.Contains("You can also answer here: write @DeliberationBot and your answer.", card.CardText, StringComparison.Ordinal);
        await JoinAsync(d);

        var message = Activities.Message(ServiceUrl, Person.Sam, Chat.Group, Words, id: Activities.NewId());
        await Host.SendAsync(message);
        await Host.SendAsync(message); // delivered again

        var next = Assert.Single(await Host.SentAsync(), c => c.IsPost);
        Assert.Equal(Chat.Personal(Person.Sam).Id, next.ConversationId);
        Assert.Equal($"Your message in the conversation is your answer to \"{FirstQuestion}\".", RendererTests.TextBlocks(next.Card!).ToList()[1]);
        var answer = Assert.Single(await Host.Store.ListAnswersAsync(Activities.Tenant, d, default));
        Assert.Equal(("purpose", Words), (answer.QuestionId, answer.Value.Text));

        // Editing it changes the answer, as in a card's thread.
        const string Edited = "It ranks hotline calls by risk, and the night shift was never asked";
        var edit = Activities.Edit(ServiceUrl, Person.Sam, Chat.Group, message["id"]!.GetValue<string>(), "<at>DeliberationBot</at> " + Edited, "2026-12-05T10:00:00Z");
        edit["entities"] = new System.Text.Json.Nodes.JsonArray(Activities.BotMention);
        await Host.SendAsync(edit);
        Assert.Equal(Edited, Assert.Single(await Host.Store.ListAnswersAsync(Activities.Tenant, d, default)).Value.Text);
    }

    [Fact]
    public async Task A_channel_post_that_is_no_reply_answers_the_channels_only_open_deliberation_and_commands_stay_commands()
    {
        var d = await StartedAsync(Chat.Thread("700"), "Shared screening");
        await Host.SentAsync();

        // Someone who has not joined: their words wait in the group card, which names where they wrote them.
        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Sam, Chat.Thread("701"), Words, id: "701"));
        var group = Assert.Single(await Host.SentAsync(), c => c.IsPost);
        Assert.Equal(Chat.Personal(Person.Sam).Id, group.ConversationId);
        Assert.Contains("Your message in the conversation will be your answer to the first question", group.CardText, StringComparison.Ordinal);
        var data = group.Card!["actions"]![0]!["data"]!.AsObject().DeepClone().AsObject();
        data["group"] = "frontline_worker";
        data["anonymous"] = "false";
        var joined = await Host.SendAsync(Activities.Execute(ServiceUrl, Person.Sam, Chat.Personal(Person.Sam), "join", data));
        Assert.Contains($"Your message in the conversation is your answer to \"{FirstQuestion}\".", Texts.Of(joined!["value"]!), StringComparison.Ordinal);
        Assert.Equal(Words, Assert.Single(await Host.Store.ListAnswersAsync(Activities.Tenant, d, default)).Value.Text);

        await Host.SentAsync();
        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Sam, Chat.Thread("702"), "status", id: "702"));
        var status = Assert.Single(await Host.SentAsync(), c => c.IsPost);
        Assert.Contains("Shared screening", status.CardText, StringComparison.Ordinal);
        Assert.Single(await Host.Store.ListAnswersAsync(Activities.Tenant, d, default));
    }

    [Fact]
    public async Task With_two_deliberations_open_in_the_chat_words_are_not_guessed_onto_one_and_the_writer_is_told()
    {
        await StartedAsync(Chat.Group, "Shared screening");
        await StartedAsync(Chat.Group, "Road repair ranking");
        await Host.SentAsync();

        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Sam, Chat.Group, Words, id: Activities.NewId()));

        var told = Assert.Single(await Host.SentAsync(), c => c.IsPost);
        Assert.Contains(ThreadAnswering.SeveralOpenHere, told.CardText, StringComparison.Ordinal);
        foreach (var d in await Host.Store.ListOpenAsync(Activities.Tenant, "teams", default))
        {
            Assert.Empty(await Host.Store.ListAnswersAsync(Activities.Tenant, d.Id, default));
        }
    }

    [Fact]
    public async Task An_edit_of_a_command_in_the_chat_is_not_taken_as_words_that_answer()
    {
        var d = await StartedAsync(Chat.Group, "Shared screening");
        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Sam, Chat.Group, "status", id: "800"));
        await Host.SentAsync();

        var edit = Activities.Edit(ServiceUrl, Person.Sam, Chat.Group, "800", "<at>DeliberationBot</at> It ranks calls by risk", "2026-12-05T10:00:00Z");
        edit["entities"] = new System.Text.Json.Nodes.JsonArray(Activities.BotMention);
        await Host.SendAsync(edit);

        Assert.DoesNotContain(await Host.SentAsync(), c => c.IsPost);
        Assert.Empty(await Host.Store.ListAnswersAsync(Activities.Tenant, d, default));
    }

    private async Task<Guid> StartedAsync(Chat where, string title)
    {
        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Fiona, where, $"start quick-check \"{title}\"", id: Activities.NewId()));
        return (await Host.Store.ListOpenAsync(Activities.Tenant, "teams", default)).Single(d => d.Title == title).Id;
    }

    private Task<TurnResult> JoinAsync(Guid d) =>
        Host.Services.GetRequiredService<AnsweringService>().JoinAsync(
            new Actor("teams", Activities.Tenant, new UserRef(Person.Sam.AadId, Person.Sam.Name)), d, StakeholderGroup.FrontlineWorker, false, "seed-join", default);
}
