using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Forms;
using DeliberationBot.Core.Messaging;

namespace DeliberationBot.Core.Tests.Forms;

public sealed class StartInputTests
{
    private static readonly DateOnly Today = new(2026, 3, 10);

    private static StartFormFields Fields(string? flow = "quick-check", string? title = "Screening", string? due = null, string? anonymity = null, string? description = null) =>
        new(flow, title, description, [new UserRef("U1"), new UserRef("U2"), new UserRef("U1")], due, anonymity);

    [Fact]
    public void A_complete_form_becomes_a_start_request_with_trimmed_text_and_each_owner_once()
    {
        var (request, problem) = StartInput.Read(Fields(title: "  Screening  ", due: "2026-03-10", description: "  What we plan "), Today);

        Assert.Null(problem);
        Assert.Equal("quick-check", request!.FlowId);
        Assert.Equal("Screening", request.Title);
        Assert.Equal("What we plan", request.Description);
        Assert.Equal(["U1", "U2"], request.Owners.Select(o => o.Id));
        Assert.Equal(Today, request.Due);
    }

    [Theory]
    [InlineData(null, "Screening", null, FormField.Flow, "Please choose a question flow.")]
    [InlineData(" ", "Screening", null, FormField.Flow, "Please choose a question flow.")]
    [InlineData("quick-check", " ", null, FormField.Title, "The proposal needs a title.")]
    [InlineData("quick-check", "Screening", "next week", FormField.Due, "\"next week\" is not a date I understand; pick the deadline from the calendar.")]
    [InlineData("quick-check", "Screening", "2026-03-09", FormField.Due, "The deadline 2026-03-09 has already passed. Pick a date from today on.")]
    public void A_form_with_something_wrong_says_which_input_and_what_to_do(string? flow, string title, string? due, FormField field, string text)
    {
        var (request, problem) = StartInput.Read(Fields(flow, title, due), Today);

        Assert.Null(request);
        Assert.Equal(new FormProblem(field, text), problem);
    }

    [Fact]
    public void A_title_over_200_characters_is_refused()
    {
        var (_, problem) = StartInput.Read(Fields(title: new string('t', 201)), Today);

        Assert.Equal(new FormProblem(FormField.Title, FormTexts.TitleTooLong), problem);
    }

    [Theory]
    [InlineData("anonymous_allowed", AnonymityPolicy.AnonymousAllowed)]
    [InlineData("AnonymousAllowed", AnonymityPolicy.AnonymousAllowed)]
    [InlineData("anonymous_only", AnonymityPolicy.AnonymousOnly)]
    [InlineData("anonymousonly", AnonymityPolicy.AnonymousOnly)]
    [InlineData("named", AnonymityPolicy.Named)]
    [InlineData("2", AnonymityPolicy.Named)]
    [InlineData("whatever", AnonymityPolicy.Named)]
    [InlineData(null, AnonymityPolicy.Named)]
    public void The_anonymity_choice_reads_as_either_platform_sends_it(string? value, AnonymityPolicy expected)
    {
        Assert.Equal(expected, StartInput.Read(Fields(anonymity: value), Today).Request!.Anonymity);
    }
}
