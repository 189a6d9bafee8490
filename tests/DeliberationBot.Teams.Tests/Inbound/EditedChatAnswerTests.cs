using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Stakeholders;
using DeliberationBot.Teams.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DeliberationBot.Teams.Tests.Inbound;

/// <summary>
/// An answer typed in the private chat is a message like any other: people correct it with Teams' pencil, or delete
/// it. An edit changes the answer it gave (the owners read the words the person settled on); a deletion leaves the
/// answer, which is part of the record, and tells the person so.
/// </summary>
public sealed class EditedChatAnswerTests : HostTest
{
    private const string First = "It ranks calls by risk";
    private const string Edited = "It ranks calls by risk, and nobody asked the night shift";

    [Fact]
    public async Task Editing_a_typed_answer_changes_it_once_however_often_the_edit_comes_and_again_at_the_next_edit()
    {
        var d = await AnsweredInChatAsync("1700000001", anonymous: false);
        var personal = Chat.Personal(Person.Sam);
        await Host.SentAsync();

        var edit = Activities.Edit(ServiceUrl, Person.Sam, personal, "1700000001", Edited, "2026-11-29T10:02:00.000Z");
        await Host.SendAsync(edit);
        await Host.SendAsync(edit.DeepClone().AsObject()); // Teams delivers it again

        var told = Assert.Single(await Host.SentAsync(), c => c.IsPost);
        Assert.Equal(personal.Id, told.ConversationId);
        Assert.Contains("now reads as you edited it", told.CardText + told.Body?["text"], StringComparison.Ordinal);
        Assert.Equal(Edited, (await PurposeAsync(d)).Value.Text);

        await Host.SendAsync(Activities.Edit(ServiceUrl, Person.Sam, personal, "1700000001", First, "2026-11-29T10:05:00.000Z"));
        Assert.Equal(First, (await PurposeAsync(d)).Value.Text);
    }

    [Fact]
    public async Task Words_that_did_not_fit_the_question_are_answered_by_correcting_them()
    {
        var d = await AnsweredInChatAsync("1700000011", anonymous: false);
        var personal = Chat.Personal(Person.Sam);
        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Sam, personal, "1, 2, because the score follows families", id: "1700000012"));
        Assert.Contains(await Host.SentAsync(), c => (c.CardText + c.Body?["text"]).Contains("write it after a dash", StringComparison.Ordinal));

        await Host.SendAsync(Activities.Edit(ServiceUrl, Person.Sam, personal, "1700000012", "1, 2 - the score follows families", "2026-11-29T10:02:00.000Z"));

        var next = Assert.Single(await Host.SentAsync(), c => c.IsPost);
        Assert.Contains("About how many extra minutes", next.CardText, StringComparison.Ordinal);
        var given = Assert.Single(await Host.Store.ListAnswersAsync(Activities.Tenant, d, default), a => a.QuestionId == "who-affected");
        Assert.Equal(["children-families", "benefit-applicants"], given.Value.Choices);
        Assert.Equal("1, 2 - the score follows families", given.Value.Text);
    }

    [Fact]
    public async Task Someone_answering_anonymously_can_edit_their_typed_answer_and_it_keeps_no_key_of_their_chat()
    {
        var d = await AnsweredInChatAsync("1700000002", anonymous: true);
        var personal = Chat.Personal(Person.Sam);

        await Host.SendAsync(Activities.Edit(ServiceUrl, Person.Sam, personal, "1700000002", Edited, "2026-11-29T10:02:00.000Z"));

        var answer = await PurposeAsync(d);
        Assert.Equal(Edited, answer.Value.Text);
        Assert.StartsWith("anon:", answer.ParticipantKey, StringComparison.Ordinal);
        Assert.StartsWith("anon-source:", answer.Source, StringComparison.Ordinal);
        var deliveries = (await Db.DumpAsync()).Where(v => v.Table == "processed_deliveries" && v.Value.StartsWith("teams:", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(deliveries);
        Assert.DoesNotContain(deliveries, key => answer.Source!.Contains(key.Value[6..], StringComparison.Ordinal));
    }

    [Fact]
    public async Task Deleting_a_typed_answer_keeps_it_and_tells_the_person_once()
    {
        var d = await AnsweredInChatAsync("1700000003", anonymous: false);
        var personal = Chat.Personal(Person.Sam);
        await Host.SentAsync();

        var deletion = Activities.Deletion(ServiceUrl, Person.Sam, personal, "1700000003");
        await Host.SendAsync(deletion);
        await Host.SendAsync(deletion.DeepClone().AsObject());

        var told = Assert.Single(await Host.SentAsync(), c => c.IsPost);
        Assert.Contains("Your message was deleted, but your answer to \"In a sentence or two", told.CardText + told.Body?["text"], StringComparison.Ordinal);
        Assert.Equal(First, (await PurposeAsync(d)).Value.Text);
    }

    [Fact]
    public async Task After_closing_an_edit_says_the_answer_stays_and_edits_of_commands_or_in_channels_change_nothing()
    {
        var d = await AnsweredInChatAsync("1700000004", anonymous: false);
        var personal = Chat.Personal(Person.Sam);
        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Sam, personal, "status", id: "1700000005"));
        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Fiona, Chat.Group, "status", id: "1700000006"));
        await Host.SentAsync();

        await Host.SendAsync(Activities.Edit(ServiceUrl, Person.Sam, personal, "1700000005", "It ranks calls", "2026-11-29T10:02:00.000Z"));
        await Host.SendAsync(Activities.Edit(ServiceUrl, Person.Fiona, Chat.Group, "1700000006", "<at>DeliberationBot</at> close", "2026-11-29T10:02:00.000Z"));
        Assert.DoesNotContain(await Host.SentAsync(), c => c.IsPost);
        Assert.True((await Host.Store.FindAsync(Activities.Tenant, d, default))!.IsOpen);

        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Fiona, Chat.Group, "close", id: "1700000007"));
        await Host.SentAsync();
        await Host.SendAsync(Activities.Edit(ServiceUrl, Person.Sam, personal, "1700000004", Edited, "2026-11-29T10:09:00.000Z"));

        var told = Assert.Single(await Host.SentAsync(), c => c.IsPost && c.ConversationId == personal.Id);
        Assert.Contains("is closed, so your answer to \"In a sentence or two", told.CardText + told.Body?["text"], StringComparison.Ordinal);
        Assert.Equal(First, (await PurposeAsync(d)).Value.Text);
    }

    private async Task<Guid> StartedAsync()
    {
        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Fiona, Chat.Group, "start quick-check \"Shared screening\" anonymous"));
        var d = await Host.SingleDeliberationAsync();
        await Host.SentAsync();
        return d.Id;
    }

    /// <summary>Sam joins and answers the first question by typing <see cref="First"/> in his private chat (message <paramref name="id"/>).</summary>
    private async Task<Guid> AnsweredInChatAsync(string id, bool anonymous = false)
    {
        var d = await StartedAsync();
        await JoinAsync(d, anonymous);
        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Sam, Chat.Personal(Person.Sam), First, id: id));
        return d;
    }

    private Task JoinAsync(Guid d, bool anonymous) =>
        Host.Services.GetRequiredService<AnsweringService>().JoinAsync(
            new("teams", Activities.Tenant, new Core.Messaging.UserRef(Person.Sam.AadId, Person.Sam.Name)), d, StakeholderGroup.FrontlineWorker, anonymous, "seed-join", default);

    private async Task<Answer> PurposeAsync(Guid d) =>
        Assert.Single(await Host.Store.ListAnswersAsync(Activities.Tenant, d, default), a => a.QuestionId == "purpose");
}
