using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Flows;

namespace DeliberationBot.Core.Tests.Concerns;

/// <summary>An option or a number given with words reads as the person's words, quoted, with what they chose beside their name.</summary>
public sealed class VoiceReadingTests
{
    private static readonly FlowDefinition Flow = FlowParser.Parse("""
        id: f
        title: F
        sections:
          - id: s
            title: S
            questions:
              - id: override
                text: Can workers override the score?
                kind: yes_no_unsure
              - id: who
                text: Whose lives would it affect?
                kind: multiple_choice
                options:
                  - { id: applicants, label: "People applying, and their families" }
                  - { id: residents, label: Residents }
              - id: minutes
                text: How many extra minutes per case?
                kind: number
                unit: minutes per case
              - id: open
                text: How open has the vendor been?
                kind: scale
              - id: impact
                text: What would change?
                kind: free_text
        """, "f.yaml");

    [Theory]
    [InlineData("override", "No (\"Only a supervisor can, and they never do.\")", "Only a supervisor can, and they never do.", "No")]
    [InlineData("override", "Not sure (\"Nobody said (\"yet\").\")", "Nobody said (\"yet\").", "Not sure")]
    [InlineData("who", "People applying, and their families, Residents (\"Mostly the east districts.\")", "Mostly the east districts.", "People applying, and their families, Residents")]
    [InlineData("minutes", "12.5 minutes per case (\"More with photos.\")", "More with photos.", "12.5 minutes per case")]
    [InlineData("open", "1 (\"They refused to share validation data.\nTwice.\")", "They refused to share validation data.\nTwice.", "1")]
    public void Words_given_with_an_answer_are_quoted_alone_and_the_answer_goes_with_the_name(string question, string kept, string words, string answered)
    {
        var read = VoiceReading.Of(new ConcernVoice("user:U1", Stakeholders.StakeholderGroup.FrontlineWorker, "Ana", kept, question), Flow);

        Assert.Equal((words, answered), (read.Text, read.Answered));
        Assert.Equal($"Frontline worker (Ana), who answered {answered}", ConcernView.Attribution(read));
    }

    [Theory]
    [InlineData("impact", "No (\"this is free text\")")] // typed that way, as free text
    [InlineData("override", "No, nobody told us.")] // words that begin with the answer say it already
    [InlineData("override", "Maybe (\"not an option\")")]
    [InlineData("minutes", "about 12 (\"not a number\")")]
    [InlineData("override", "No")]
    [InlineData(null, "No (\"the facilitator's own words\")")]
    public void Anything_else_is_read_as_it_is_kept(string? question, string kept)
    {
        var voice = new ConcernVoice("user:U1", Stakeholders.StakeholderGroup.FrontlineWorker, "Ana", kept, question);

        Assert.Equal(voice, VoiceReading.Of(voice, Flow));
        Assert.Equal("Frontline worker (Ana)", ConcernView.Attribution(voice));
    }
}
