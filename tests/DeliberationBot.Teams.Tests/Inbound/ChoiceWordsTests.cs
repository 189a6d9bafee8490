using DeliberationBot.Teams.Tests.Deliberations;
using DeliberationBot.Teams.Tests.Infrastructure;

namespace DeliberationBot.Teams.Tests.Inbound;

/// <summary>
/// A choice answered on the question card comes with the person's own words, from the card's box for them: kept with
/// the answer, and gone when the box is sent empty. A card drawn before it had the box keeps the words as they were.
/// </summary>
public sealed class ChoiceWordsTests : HostTest
{
    private const string Why = "Families who call at night,\nwhen no caseworker is on.";

    [Fact]
    public async Task Words_sent_with_a_choice_are_kept_with_it_and_an_emptied_box_takes_them_away()
    {
        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Fiona, Chat.Personal(Person.Fiona), "start quick-check \"Screening\""));
        var d = await Host.SingleDeliberationAsync();
        var personal = Chat.Personal(Person.Sam);
        await Host.SendAsync(Activities.Execute(ServiceUrl, Person.Sam, personal, "join", JourneyTests.Data(d.Id, ("group", "community"))));

        await SubmitAsync(("words", " " + Why.Replace("\n", "\r\n", StringComparison.Ordinal) + " "), ("concern", "true"));
        var answer = Assert.Single(await Host.Store.ListAnswersAsync(Activities.Tenant, d.Id, default));
        Assert.Equal(["yes"], answer.Value.Choices);
        Assert.Equal((Why, true), (answer.Value.Text, answer.FlaggedConcern));

        // A card from before the box (no "words" input at all) leaves the words as they were.
        await SubmitAsync(("concern", "true"));
        Assert.Equal(Why, Assert.Single(await Host.Store.ListAnswersAsync(Activities.Tenant, d.Id, default)).Value.Text);

        await SubmitAsync(("words", ""), ("concern", "true"));
        Assert.Null(Assert.Single(await Host.Store.ListAnswersAsync(Activities.Tenant, d.Id, default)).Value.Text);

        Task SubmitAsync(params (string Key, string Value)[] inputs) =>
            Host.SendAsync(Activities.Execute(ServiceUrl, Person.Sam, personal, "submit-answer",
                JourneyTests.Data(d.Id, [("questionId", "communities-asked"), ("kind", "YesNoUnsure"), ("answer", "yes"), .. inputs])));
    }
}
