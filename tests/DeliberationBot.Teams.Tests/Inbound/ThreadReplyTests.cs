using System.Text.Json.Nodes;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Stakeholders;
using DeliberationBot.Teams.Tests.Cards;
using DeliberationBot.Teams.Tests.Deliberations;
using DeliberationBot.Teams.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DeliberationBot.Teams.Tests.Inbound;

/// <summary>
/// People answer where the deliberation is posted: a reply to its card in the channel, addressed to the bot, that is no
/// command answers the writer's current question, as a reply in the deliberation's Slack thread does. What follows
/// comes in their private chat, as after pressing Answer.
/// </summary>
public sealed class ThreadReplyTests : HostTest
{
    private const string Words = "It ranks calls by risk and nobody asked the night shift";
    private const string FirstQuestion = "In a sentence or two, what is this tool supposed to do?";

    [Fact]
    public async Task A_reply_to_the_card_answers_the_current_question_once_and_the_next_comes_in_the_private_chat()
    {
        var (d, thread) = await StartedAsync();
        await JoinAsync(d, anonymous: false);

        var reply = Reply(thread, Words + " <at>Maria Garcia</at>", [Activities.Mention(Person.Maria)]);
        await Host.SendAsync(reply);
        await Host.SendAsync(reply); // Teams delivering it again

        var next = Assert.Single(await Host.SentAsync(), c => c.IsPost);
        Assert.Equal(Chat.Personal(Person.Sam).Id, next.ConversationId);
        var lines = RendererTests.TextBlocks(next.Card!).ToList();
        Assert.Equal($"Your reply in the thread is your answer to \"{FirstQuestion}\".", lines[1]);
        Assert.Contains(lines, l => l.StartsWith("Whose lives", StringComparison.Ordinal));
        var answer = Assert.Single(await Host.Store.ListAnswersAsync(Activities.Tenant, d, default));
        Assert.Equal(("purpose", Words + " @Maria Garcia"), (answer.QuestionId, answer.Value.Text));
    }

    [Fact]
    public async Task A_reply_from_someone_who_has_not_joined_is_named_by_the_group_card_and_answers_on_joining()
    {
        var (d, thread) = await StartedAsync();

        await Host.SendAsync(Reply(thread, Words));

        var group = Assert.Single(await Host.SentAsync(), c => c.IsPost);
        Assert.Equal(Chat.Personal(Person.Sam).Id, group.ConversationId);
        Assert.Contains(Words, group.CardText, StringComparison.Ordinal);
        Assert.Empty(await Host.Store.ListAnswersAsync(Activities.Tenant, d, default));

        // Continue on that card, with the data it carries (the reply's key, not its words) and a group chosen.
        var data = group.Card!["actions"]![0]!["data"]!.AsObject().DeepClone().AsObject();
        Assert.DoesNotContain("night shift", data.ToJsonString(), StringComparison.Ordinal);
        Assert.NotNull(data["waitingKey"]);

        // Continued with no group, the card comes back with the error, still showing the words (from what Core holds).
        var redrawn = await Host.SendAsync(Activities.Execute(ServiceUrl, Person.Sam, Chat.Personal(Person.Sam), "join", data.DeepClone().AsObject()));
        Assert.Contains(Words, Texts.Of(redrawn!["value"]!), StringComparison.Ordinal);

        data["group"] = "frontline_worker";
        data["anonymous"] = "false";
        var joined = await Host.SendAsync(Activities.Execute(ServiceUrl, Person.Sam, Chat.Personal(Person.Sam), "join", data));

        Assert.Contains($"Your reply in the thread is your answer to \"{FirstQuestion}\".", Texts.Of(joined!["value"]!), StringComparison.Ordinal);
        var answer = Assert.Single(await Host.Store.ListAnswersAsync(Activities.Tenant, d, default));
        Assert.Equal(("purpose", Words), (answer.QuestionId, answer.Value.Text));
    }

    [Fact]
    public async Task A_waiting_reply_named_in_someone_elses_card_data_is_not_theirs_to_give_and_its_writers_words_still_count()
    {
        var (d, thread) = await StartedAsync();
        await Host.SendAsync(Reply(thread, Words));
        var group = Assert.Single(await Host.SentAsync(), c => c.IsPost);
        var data = group.Card!["actions"]![0]!["data"]!.AsObject().DeepClone().AsObject();
        data["group"] = "frontline_worker";
        data["anonymous"] = "false";

        // Maria continues with Sam's reply in the data (a client can send any data), her own words in its place.
        var forged = data.DeepClone().AsObject();
        forged["waitingText"] = "Nothing to worry about";
        await Host.SendAsync(Activities.Execute(ServiceUrl, Person.Maria, Chat.Personal(Person.Maria), "join", forged));
        Assert.Empty(await Host.Store.ListAnswersAsync(Activities.Tenant, d, default));

        // Sam's own continue still gives his words.
        await Host.SendAsync(Activities.Execute(ServiceUrl, Person.Sam, Chat.Personal(Person.Sam), "join", data));
        var answer = Assert.Single(await Host.Store.ListAnswersAsync(Activities.Tenant, d, default));
        Assert.Equal(("purpose", Words), (answer.QuestionId, answer.Value.Text));
    }

    [Fact]
    public async Task An_edited_reply_changes_its_answer_and_a_deleted_one_keeps_it_and_says_so_privately()
    {
        var (d, thread) = await StartedAsync();
        await JoinAsync(d, anonymous: false);
        var reply = Reply(thread, Words);
        await Host.SendAsync(reply);
        await Host.SentAsync();
        var id = reply["id"]!.GetValue<string>();

        const string Edited = "It ranks hotline calls by risk, and the night shift was never asked";
        var edit = WithBotMention(Activities.Edit(ServiceUrl, Person.Sam, thread, id, Edited, "2026-12-05T10:00:00Z"));
        await Host.SendAsync(edit);
        await Host.SendAsync(edit);

        var told = Assert.Single(await Host.SentAsync(), c => c.IsPost);
        Assert.Equal(Chat.Personal(Person.Sam).Id, told.ConversationId);
        Assert.Contains("now reads as you edited it", told.CardText, StringComparison.Ordinal);
        Assert.Equal(Edited, Assert.Single(await Host.Store.ListAnswersAsync(Activities.Tenant, d, default)).Value.Text);

        await Host.SendAsync(Activities.Deletion(ServiceUrl, Person.Sam, thread, id));

        var kept = Assert.Single(await Host.SentAsync(), c => c.IsPost);
        Assert.Equal(Chat.Personal(Person.Sam).Id, kept.ConversationId);
        Assert.Contains("Your message was deleted, but your answer", kept.CardText, StringComparison.Ordinal);
        Assert.Equal(Edited, Assert.Single(await Host.Store.ListAnswersAsync(Activities.Tenant, d, default)).Value.Text);
    }

    [Fact]
    public async Task An_answer_that_reads_like_a_concern_edited_without_a_change_says_nothing()
    {
        var (d, thread) = await StartedAsync();
        await JoinAsync(d, anonymous: false);
        const string Said = "Concern about the vendor: they will not explain the model";
        var reply = Reply(thread, Said);
        await Host.SendAsync(reply);
        await Host.SentAsync();

        // Teams sends an edit when only the formatting changed: the words, and so the answer, are the same.
        await Host.SendAsync(WithBotMention(Activities.Edit(ServiceUrl, Person.Sam, thread, reply["id"]!.GetValue<string>(), Said, "2026-12-05T10:00:00Z")));

        Assert.DoesNotContain(await Host.SentAsync(), c => c.IsPost);
        Assert.Equal(Said, Assert.Single(await Host.Store.ListAnswersAsync(Activities.Tenant, d, default)).Value.Text);
    }

    [Fact]
    public async Task Commands_in_the_thread_stay_commands()
    {
        var (d, thread) = await StartedAsync();
        await JoinAsync(d, anonymous: false);

        var command = Reply(thread, "status");
        await Host.SendAsync(command);
        var status = Assert.Single(await Host.SentAsync(), c => c.IsPost);
        Assert.Equal(thread.Id, status.ConversationId);
        Assert.Contains("Shared screening", status.CardText, StringComparison.Ordinal);
        Assert.Empty(await Host.Store.ListAnswersAsync(Activities.Tenant, d, default));

        // Deleting the command is no news: it was never going to be an answer.
        await Host.SendAsync(Activities.Deletion(ServiceUrl, Person.Sam, thread, command["id"]!.GetValue<string>()));
        Assert.DoesNotContain(await Host.SentAsync(), c => c.IsPost);
    }

    [Fact]
    public async Task Someone_answering_anonymously_is_told_privately_that_a_public_reply_is_not_their_answer()
    {
        var (d, thread) = await StartedAsync("anonymous");
        await JoinAsync(d, anonymous: true);

        await Host.SendAsync(Reply(thread, Words));

        var told = Assert.Single(await Host.SentAsync(), c => c.IsPost);
        Assert.Equal(Chat.Personal(Person.Sam).Id, told.ConversationId);
        Assert.Contains(ThreadAnswering.PublicReplyNotTaken, told.CardText, StringComparison.Ordinal);
        Assert.Empty(await Host.Store.ListAnswersAsync(Activities.Tenant, d, default));
    }

    [Fact]
    public async Task The_card_says_a_reply_answers_in_a_channel_and_not_in_a_group_chat()
    {
        const string Says = "You can also answer by replying to this post with @DeliberationBot and your answer.";
        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Fiona, Chat.Thread("610"), "start quick-check \"In the channel\"", id: "610"));
        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Fiona, Chat.Group, "start quick-check \"In a group chat\""));

        var cards = (await Host.SentAsync()).Where(c => c.IsPost && c.ActivityId is null && c.CardText.Contains("to take part", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, cards.Count);
        Assert.Contains(Says, Assert.Single(cards, c => c.CardText.Contains("In the channel", StringComparison.Ordinal)).CardText, StringComparison.Ordinal);
        Assert.DoesNotContain(Says, Assert.Single(cards, c => c.CardText.Contains("In a group chat", StringComparison.Ordinal)).CardText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_command_in_an_older_cards_thread_is_about_that_deliberation_not_the_channels_newest()
    {
        var (older, olderThread) = await StartedAsync();
        await Host.AdvanceAsync(TimeSpan.FromMinutes(5));
        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Fiona, Chat.Thread("620"), "start quick-check \"Road repair ranking\"", id: "620"));
        await Host.SentAsync();

        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Fiona, olderThread, "close", id: Activities.NewId()));

        Assert.False((await Host.DeliberationAsync(older)).IsOpen);
        Assert.Single(await Host.Store.ListOpenAsync(Activities.Tenant, "teams", default), d => d.Title == "Road repair ranking");
    }

    /// <summary>Fiona starts a deliberation in the channel; its card is a post of its own, whose thread people reply in.</summary>
    private async Task<(Guid Deliberation, Chat Thread)> StartedAsync(string options = "")
    {
        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Fiona, Chat.Thread("600"), "start quick-check \"Shared screening\" " + options, id: "600"));
        var d = await Host.SingleDeliberationAsync();
        var card = Assert.Single(await Host.SentAsync(), c => c.IsPost && c.ConversationId == Chat.ChannelId && c.ActivityId is null);
        return (d.Id, Chat.Thread(card.ResponseId!));
    }

    private Task<TurnResult> JoinAsync(Guid d, bool anonymous) =>
        Host.Services.GetRequiredService<AnsweringService>().JoinAsync(
            new Actor("teams", Activities.Tenant, new UserRef(Person.Sam.AadId, Person.Sam.Name)), d, StakeholderGroup.FrontlineWorker, anonymous, "seed-join", default);

    private JsonObject Reply(Chat thread, string text, IEnumerable<JsonObject>? mentions = null) =>
        Activities.Message(ServiceUrl, Person.Sam, thread, text, mentions, id: Activities.NewId());

    private static JsonObject WithBotMention(JsonObject activity)
    {
        activity["text"] = "<at>DeliberationBot</at> " + activity["text"]!.GetValue<string>();
        activity["entities"] = new JsonArray(Activities.BotMention);
        return activity;
    }
}
