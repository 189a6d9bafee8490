using DeliberationBot.Core.Flows;
using static DeliberationBot.Core.Tests.Flows.TestFlows;

namespace DeliberationBot.Core.Tests.Flows;

public class ChoiceWordsTests
{
    private static readonly Dictionary<string, string> Spanish = new() { ["yes"] = "Sí", ["no"] = "No", ["unsure"] = "No estoy seguro/a", ["alpha"] = "Alfa", ["gamma"] = "Gama", ["red"] = "Rojo" };

    private static string InSpanish(string questionId, string words) => ChoiceWords.In(words, Q(questionId), o => Spanish.GetValueOrDefault(o.Id, o.Label));

    [Theory]
    [InlineData("appeal", "Not sure", "No estoy seguro/a")]
    [InlineData("appeal", "Yes", "Sí")]
    [InlineData("appeal", "No", "No")]
    [InlineData("pick", "Red", "Rojo")]
    [InlineData("many", "Alpha, Gamma", "Alfa, Gama")]
    public void An_answer_of_options_reads_in_the_readers_language(string questionId, string words, string read) =>
        Assert.Equal(read, InSpanish(questionId, words));

    [Fact]
    public void The_words_given_with_the_options_stay_as_written()
    {
        // As a concern keeps them: the options, then the person's words.
        var kept = AnswerParser.Describe(Q("appeal"), AnswerValue.FromChoices("unsure").WithWords("Nadie nos dijo cómo (ni cuándo)."));
        Assert.Equal("Not sure (\"Nadie nos dijo cómo (ni cuándo).\")", kept);
        Assert.Equal("No estoy seguro/a (\"Nadie nos dijo cómo (ni cuándo).\")", InSpanish("appeal", kept));
    }

    [Theory]
    [InlineData("appeal", "No, nobody told us")] // words that begin with the answer say it already, as typed
    [InlineData("appeal", "Nobody asked")]
    [InlineData("many", "Alpha, then more")]
    [InlineData("intro", "Yes")] // not a question of options
    [InlineData("readiness", "2")]
    public void Words_that_are_not_just_options_stay_as_they_are(string questionId, string words) =>
        Assert.Equal(words, InSpanish(questionId, words));
}
