using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Stakeholders;
using DeliberationBot.Teams.Tests.Cards;
using DeliberationBot.Teams.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DeliberationBot.Teams.Tests.Inbound;

/// <summary>
/// The questions come in the person's private chat with the bot, where typing the answer is as natural as using the
/// card: words that are no command answer the current question of the one deliberation the person is answering.
/// </summary>
public sealed class TypedAnswerTests : HostTest
{
    private const string Words = "It ranks calls by risk and nobody asked the night shift";

    [Fact]
    public async Task Words_typed_in_the_private_chat_answer_the_question_there_and_the_next_one_follows()
    {
        var d = await StartedAsync();
        await Host.Services.GetRequiredService<AnsweringService>().JoinAsync(Actor(Person.Sam), d, StakeholderGroup.FrontlineWorker, anonymous: false, "seed-join", default);

        var personal = Chat.Personal(Person.Sam);
        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Sam, personal, Words));

        var next = Assert.Single(await Host.SentAsync(), c => c.IsPost);
        Assert.Equal(personal.Id, next.ConversationId);
        Assert.Contains("Whose lives", next.CardText, StringComparison.Ordinal);
        var answer = Assert.Single(await Host.Store.ListAnswersAsync(Activities.Tenant, d, default));
        Assert.Equal(("purpose", Words), (answer.QuestionId, answer.Value.Text));
    }

    [Theory]
    [InlineData("Help screeners decide which calls to follow up first")]
    [InlineData("Close the gap between hotline and field staff")]
    [InlineData("Start with the families who call most")]
    public async Task An_answer_that_starts_with_a_commands_word_is_an_answer(string words)
    {
        var d = await StartedAsync();
        await Host.Services.GetRequiredService<AnsweringService>().JoinAsync(Actor(Person.Sam), d, StakeholderGroup.FrontlineWorker, anonymous: false, "seed-join", default);

        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Sam, Chat.Personal(Person.Sam), words));

        Assert.Contains("Whose lives", Assert.Single(await Host.SentAsync(), c => c.IsPost).CardText, StringComparison.Ordinal);
        Assert.Equal(words, Assert.Single(await Host.Store.ListAnswersAsync(Activities.Tenant, d, default)).Value.Text);
        Assert.Single(await Host.Store.ListOpenAsync(Activities.Tenant, "teams", default));
    }

    [Fact]
    public async Task A_picture_sent_without_words_is_said_not_to_be_kept_and_nothing_is_recorded()
    {
        var d = await StartedAsync();
        await Host.Services.GetRequiredService<AnsweringService>().JoinAsync(Actor(Person.Sam), d, StakeholderGroup.FrontlineWorker, anonymous: false, "seed-join", default);
        var picture = Activities.WithHtml(Activities.Message(ServiceUrl, Person.Sam, Chat.Personal(Person.Sam), ""), "<div><img src=\"https://example.test/screenshot.png\" alt=\"image\"></div>");
        picture["attachments"]!.AsArray().Add(new System.Text.Json.Nodes.JsonObject { ["contentType"] = "image/*", ["contentUrl"] = "https://example.test/screenshot.png" });

        await Host.SendAsync(picture);

        Assert.Contains("the picture or file you sent was not kept", Assert.Single(await Host.SentAsync(), c => c.IsPost).CardText, StringComparison.Ordinal);
        Assert.Empty(await Host.Store.ListAnswersAsync(Activities.Tenant, d, default));
    }

    [Fact]
    public async Task Words_of_a_small_groups_anonymous_answer_that_meets_a_concern_rule_come_with_what_the_owners_get_and_a_warning()
    {
        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Fiona, Chat.Group, "start quick-check \"Shared screening\" anonymous"));
        var d = (await Host.SingleDeliberationAsync()).Id;
        await Host.SentAsync();
        var answering = Host.Services.GetRequiredService<AnsweringService>();
        await answering.JoinAsync(Actor(Person.Sam), d, StakeholderGroup.FrontlineWorker, anonymous: true, "seed-join", default);
        var personal = Chat.Personal(Person.Sam);
        foreach (var typed in new[] { "It ranks calls by risk", "1", "20" })
        {
            await Host.SendAsync(Activities.Message(ServiceUrl, Person.Sam, personal, typed));
        }

        await Host.SentAsync();

        const string Said = "No, my supervisor told me off for overriding it last week";
        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Sam, personal, Said));

        var next = Assert.Single(await Host.SentAsync(), c => c.IsPost).CardText;
        Assert.Contains("This answer meets the question's concern rule, so within a day the proposal's owners will receive it as a concern:", next, StringComparison.Ordinal);
        Assert.Contains(Said, next, StringComparison.Ordinal);
        Assert.Contains("To keep your words out of it, change your answer to leave them out.", next, StringComparison.Ordinal);

        // Without words of their own, there is nothing to recognise them by, and nothing is said.
        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Sam, personal, "1")); // "How open has the builder been?" 1 of 5 meets its rule too
        var plain = Assert.Single(await Host.SentAsync(), c => c.IsPost).CardText;
        Assert.Contains("Can people challenge or appeal", plain, StringComparison.Ordinal);
        Assert.DoesNotContain("concern rule", plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Words_from_someone_answering_nothing_say_they_were_not_recorded_and_commands_stay_commands()
    {
        var d = await StartedAsync();
        var personal = Chat.Personal(Person.Sam);

        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Sam, personal, Words));
        var told = Assert.Single(await Host.SentAsync(), c => c.IsPost);
        Assert.Contains("so this message was not recorded", told.CardText + told.Body?["text"], StringComparison.Ordinal);

        await Host.Services.GetRequiredService<AnsweringService>().JoinAsync(Actor(Person.Sam), d, StakeholderGroup.FrontlineWorker, anonymous: false, "seed-join", default);
        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Sam, personal, "flows"));
        Assert.Contains("quick-check", string.Concat((await Host.SentAsync()).Select(c => c.CardText + c.Body?["text"])), StringComparison.Ordinal);
        Assert.Empty(await Host.Store.ListAnswersAsync(Activities.Tenant, d, default));
    }

    [Fact]
    public async Task Words_typed_after_answering_everything_are_said_not_to_be_recorded_on_the_review()
    {
        var d = await StartedAsync();
        var answering = Host.Services.GetRequiredService<AnsweringService>();
        var sam = Actor(Person.Sam);
        var step = await answering.JoinAsync(sam, d, StakeholderGroup.FrontlineWorker, anonymous: false, "seed-join", default);
        for (var n = 0; step.Replies is [QuestionPrompt q]; n++)
        {
            step = await answering.AnswerTextAsync(sam, d, Typed(q.Kind), $"seed-{n}", default);
        }

        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Sam, Chat.Personal(Person.Sam), Words));

        var review = Assert.Single(await Host.SentAsync(), c => c.IsPost);
        Assert.StartsWith("You have answered every question, so this reply is not recorded.", RendererTests.TextBlocks(review.Card!).ElementAt(1), StringComparison.Ordinal);
        Assert.DoesNotContain(await Host.Store.ListAnswersAsync(Activities.Tenant, d, default), a => a.Value.Text == Words);
    }

    private static string Typed(Core.Flows.AnswerKind kind) => kind switch
    {
        Core.Flows.AnswerKind.FreeText => "Words",
        Core.Flows.AnswerKind.YesNoUnsure => "yes",
        Core.Flows.AnswerKind.Scale => "3",
        Core.Flows.AnswerKind.Number => "15",
        _ => "1",
    };

    private async Task<Guid> StartedAsync()
    {
        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Fiona, Chat.Group, "start quick-check \"Shared screening\""));
        var d = await Host.SingleDeliberationAsync();
        await Host.SentAsync();
        return d.Id;
    }

    private static Core.Messaging.Actor Actor(Person person) => new("teams", Activities.Tenant, new Core.Messaging.UserRef(person.AadId, person.Name));
}
