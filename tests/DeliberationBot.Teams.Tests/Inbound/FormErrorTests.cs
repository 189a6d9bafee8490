using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Stakeholders;
using DeliberationBot.Teams.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DeliberationBot.Teams.Tests.Inbound;

/// <summary>A form sent with something missing comes back as the same form, with the error shown and what was entered kept.</summary>
public sealed class FormErrorTests : HostTest
{
    [Fact]
    public async Task Change_without_picking_an_answer_keeps_the_review_with_its_buttons_and_says_what_to_do()
    {
        var d = await StartAsync();
        var actor = new Actor("teams", Activities.Tenant, new UserRef(Person.Sam.AadId, Person.Sam.Name));
        var answering = Host.Services.GetRequiredService<AnsweringService>();
        var result = await answering.JoinAsync(actor, d, StakeholderGroup.FrontlineWorker, anonymous: false, "test:join", CancellationToken.None);
        while (result.Replies.OfType<QuestionPrompt>().FirstOrDefault() is { } q)
        {
            var value = q.Kind == AnswerKind.FreeText ? AnswerValue.FromText("It adds typing.") : q.Kind is AnswerKind.Number or AnswerKind.Scale ? AnswerValue.FromNumber(2) : AnswerValue.FromChoices(q.Options[0].Id);
            result = await answering.AnswerAsync(actor, d, q.QuestionId, value, flagConcern: false, $"test:{q.QuestionId}", CancellationToken.None);
        }

        var answer = await Host.SendAsync(Activities.Execute(ServiceUrl, Person.Sam, Chat.Personal(Person.Sam), "edit", Deliberations.JourneyTests.Data(d)));

        Assert.Equal("application/vnd.microsoft.card.adaptive", answer!["type"]!.GetValue<string>());
        var card = answer["value"]!.AsObject();
        Assert.Equal("Pick the answer you want to change.", Cards.RendererTests.TextBlocks(card).First());
        Assert.Contains("It adds typing.", Texts.Of(card), StringComparison.Ordinal);
        Assert.Contains(Cards.RendererTests.Actions(card), a => a["verb"]?.GetValue<string>() == "edit");
        var choice = Cards.RendererTests.Body(card).Single(e => e["id"]?.GetValue<string>() == "questionId");
        Assert.True(choice["isRequired"]!.GetValue<bool>()); // Teams itself asks for a pick before sending
    }

    [Fact]
    public async Task A_decision_without_a_reason_comes_back_with_the_chosen_outcome_kept()
    {
        var d = await StartAsync();
        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Fiona, Chat.Group, "concern \"Nobody asked the night shift.\""));
        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Fiona, Chat.Group, "close"));
        var data = Deliberations.JourneyTests.Data(d, ("outcome", "NoGo"), ("rationale", " "));

        var answer = await Host.SendAsync(Activities.Execute(ServiceUrl, Person.Fiona, Chat.Personal(Person.Fiona), "decide", data));

        // Drawn again as it stands: the unresolved concern in its words stays above the form.
        var card = answer!["value"]!.AsObject();
        Assert.Equal("Please say why, for the record.", Cards.RendererTests.TextBlocks(card).First());
        Assert.Equal("NoGo", Cards.RendererTests.Body(card).Single(e => e["id"]?.GetValue<string>() == "outcome")["value"]!.GetValue<string>());
        Assert.Contains("1 unresolved concern.", Texts.Of(card), StringComparison.Ordinal);
        Assert.Contains("Nobody asked the night shift.", Texts.Of(card), StringComparison.Ordinal);
        Assert.Contains(Cards.RendererTests.Actions(card), a => a["verb"]?.GetValue<string>() == "decide");
    }

    [Fact]
    public async Task A_decision_pressed_after_one_was_typed_says_what_was_recorded_and_what_to_type_to_amend_it()
    {
        var d = await StartAsync();
        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Fiona, Chat.Group, "close"));
        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Fiona, Chat.Group, "decide go \"The pilot goes ahead.\""));
        var data = Deliberations.JourneyTests.Data(d, ("outcome", "NoGo"), ("rationale", "Too risky."));

        var answer = await Host.SendAsync(Activities.Execute(ServiceUrl, Person.Fiona, Chat.Personal(Person.Fiona), "decide", data));

        var error = Cards.RendererTests.TextBlocks(answer!["value"]!.AsObject()).First();
        Assert.Contains("is already recorded: Go — The pilot goes ahead.", error, StringComparison.Ordinal);
        Assert.EndsWith("Nothing changed. To amend it, type the decide command with the new decision and its rationale. " +
            "Usage: decide go|no-go|conditions|revisit \"\\<rationale>\"", error, StringComparison.Ordinal); // escaped as the card's Markdown needs
    }

    [Fact]
    public async Task A_start_form_with_a_bad_date_comes_back_with_everything_typed_kept()
    {
        var data = new System.Text.Json.Nodes.JsonObject { ["flow"] = "quick-check", ["title"] = "Screening", ["description"] = "What we plan", ["due"] = "next week" };

        var answer = await Host.SendAsync(Activities.Execute(ServiceUrl, Person.Fiona, Chat.Group, "start-form", data));

        var card = answer!["value"]!.AsObject();
        Assert.Contains("is not a date I understand", Cards.RendererTests.TextBlocks(card).First(), StringComparison.Ordinal);
        var inputs = Cards.RendererTests.Body(card).Where(e => e["id"] is not null).ToDictionary(e => e["id"]!.GetValue<string>(), e => e["value"]?.ToString());
        Assert.Equal(("Screening", "What we plan", "quick-check"), (inputs["title"], inputs["description"], inputs["flow"]));
        Assert.Empty(await Db.DeliberationIdsAsync());
    }

    [Fact]
    public async Task An_owners_response_from_the_card_draws_it_again_and_says_who_was_told()
    {
        var d = await StartAsync();
        var sam = new Actor("teams", Activities.Tenant, new UserRef(Person.Sam.AadId, Person.Sam.Name));
        var answering = Host.Services.GetRequiredService<AnsweringService>();
        await answering.JoinAsync(sam, d, StakeholderGroup.FrontlineWorker, anonymous: false, "test:join", CancellationToken.None);
        await answering.AnswerAsync(sam, d, "purpose", AnswerValue.FromText("Nobody asked the night shift."), flagConcern: true, "test:purpose", CancellationToken.None);
        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Fiona, Chat.Group, "close"));
        var concern = Assert.Single(await Host.Services.GetRequiredService<IDeliberationStore>().ListConcernsAsync(Activities.Tenant, d, CancellationToken.None));
        var data = new System.Text.Json.Nodes.JsonObject
        {
            ["concernId"] = concern.Id.ToString(),
            ["concernAction"] = "MarkAddressed",
            ["listedConcerns"] = concern.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["response-" + concern.Id.ToString("N")] = "Night shift leads review it first.",
        };

        var answer = await Host.SendAsync(Activities.Execute(ServiceUrl, Person.Fiona, Chat.Personal(Person.Fiona), "concern", data));

        // The owner reads who heard of it, as Slack shows it beside the message, then the concern as it now stands.
        var texts = Cards.RendererTests.TextBlocks(answer!["value"]!.AsObject()).ToList();
        Assert.StartsWith("Concern #1 is now addressed", texts[0], StringComparison.Ordinal);
        Assert.Contains("The person who raised it has been sent your response privately.", texts[0], StringComparison.Ordinal);
        Assert.Contains(texts, t => t.Contains("Night shift leads review it first.", StringComparison.Ordinal));
        // Said on the card, it is not sent again as a message of its own.
        Assert.DoesNotContain(await Host.SentAsync(), c => c.IsPost && c.Body!.ToJsonString().Contains("is now addressed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_raiser_pressing_accept_on_a_notice_older_than_the_concerns_last_change_is_told_why_above_it_as_it_stands()
    {
        var d = await StartAsync();
        var sam = new Actor("teams", Activities.Tenant, new UserRef(Person.Sam.AadId, Person.Sam.Name));
        var fiona = new Actor("teams", Activities.Tenant, new UserRef(Person.Fiona.AadId, Person.Fiona.Name));
        var answering = Host.Services.GetRequiredService<AnsweringService>();
        await answering.JoinAsync(sam, d, StakeholderGroup.FrontlineWorker, anonymous: false, "test:join", CancellationToken.None);
        await answering.AnswerAsync(sam, d, "purpose", AnswerValue.FromText("Nobody asked the night shift."), flagConcern: true, "test:purpose", CancellationToken.None);
        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Fiona, Chat.Group, "close"));
        var concern = Assert.Single(await Host.Services.GetRequiredService<IDeliberationStore>().ListConcernsAsync(Activities.Tenant, d, CancellationToken.None));
        var concerns = Host.Services.GetRequiredService<Core.Concerns.ConcernService>();
        await concerns.ActAsync(fiona, concern.Id, Core.Concerns.ConcernAction.MarkAddressed, "Night shift leads review it first.", "test:addressed", CancellationToken.None);
        // Sam's notice offers Accept; the facilitator then closes the concern without waiting for him.
        await concerns.ActAsync(fiona, concern.Id, Core.Concerns.ConcernAction.CloseWithoutRaisers, "Dropped with the pilot.", "test:closed", CancellationToken.None);
        var data = new System.Text.Json.Nodes.JsonObject { ["concernId"] = concern.Id.ToString(), ["concernAction"] = "Accept", ["raisersNotice"] = "private" };

        var answer = await Host.SendAsync(Activities.Execute(ServiceUrl, Person.Sam, Chat.Personal(Person.Sam), "concern", data));

        var card = answer!["value"]!.AsObject();
        var texts = Cards.RendererTests.TextBlocks(card).ToList();
        Assert.Equal("Concern #1 is already closed by the facilitator. Nothing changed.", texts[0]);
        Assert.Contains(texts, t => t.Contains("closed the concern you raised", StringComparison.Ordinal));
        Assert.Contains("Dropped with the pilot.", Texts.Of(card), StringComparison.Ordinal);
        Assert.DoesNotContain(Cards.RendererTests.Actions(card), a => a["verb"]?.GetValue<string>() == "concern");
    }

    private async Task<Guid> StartAsync()
    {
        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Fiona, Chat.Group, "start quick-check \"Predictive screening\""));
        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Sam, Chat.Personal(Person.Sam), "help"));
        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Fiona, Chat.Personal(Person.Fiona), "help"));
        await Host.SentAsync();
        return (await Host.SingleDeliberationAsync()).Id;
    }
}
