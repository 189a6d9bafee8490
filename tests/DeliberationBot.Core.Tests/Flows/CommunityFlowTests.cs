using DeliberationBot.Core.Flows;
using static DeliberationBot.Core.Tests.Flows.FlowTestSupport;

namespace DeliberationBot.Core.Tests.Flows;

/// <summary><c>audience: community</c> and per-language wording: parsed, worded, and checked at start-up.</summary>
public class CommunityFlowTests
{
    private const string Flow = """
        id: sample
        title: Sample
        languages: [en, es]
        sections:
          - id: staff
            title: For staff
            questions:
              - id: minutes
                text: How many minutes?
                kind: number
          - id: public
            title:
              en: Your view
              es: Su opinión
            audience: community
            questions:
              - id: worry
                text:
                  en: What worries you?
                  es: ¿Qué le preocupa?
                kind: single_choice
                options:
                  - id: a
                    label: {en: Money, es: Dinero}
                  - id: b
                    label: {en: Time, es: Tiempo}
                follow_ups:
                  - when: {any_of: [a]}
                    ask: [why]
              - id: why
                text: {en: Why?, es: ¿Por qué?}
                kind: free_text
        """;

    [Fact]
    public void Community_questions_carry_their_wording_in_each_language_and_English_for_the_chat()
    {
        var flow = FlowParser.Parse(Flow, TestFile);
        Assert.Equal(["en", "es"], flow.Languages);
        var worry = flow.FindQuestion("worry")!;
        Assert.True(worry.ForCommunity);
        Assert.False(flow.FindQuestion("minutes")!.ForCommunity);
        Assert.Equal("What worries you?", worry.Text);
        Assert.Equal("¿Qué le preocupa?", worry.In("es").Text);
        Assert.Equal(["Dinero", "Tiempo"], worry.In("es").Options.Select(o => o.Label));
        Assert.Equal(["Money", "Time"], worry.In("en").Options.Select(o => o.Label));
        Assert.Equal("Su opinión", flow.SectionOf(worry).TitleIn("es"));
    }

    [Fact]
    public void The_community_view_asks_only_community_questions_with_their_follow_ups()
    {
        var view = FlowParser.Parse(Flow, TestFile).CommunityView();
        Assert.Equal(["worry", "why"], view.Questions.Select(q => q.Id));
        Assert.True(view.IsFollowUp(view.FindQuestion("why")!));
    }

    [Fact]
    public void A_listed_language_must_word_every_community_question_in_full()
    {
        var yaml = Flow.Replace("label: {en: Time, es: Tiempo}", "label: Time", StringComparison.Ordinal);
        AssertSingleError(yaml, 17, "no 'es' wording for option:b");
    }

    [Fact]
    public void A_follow_up_of_a_community_question_must_be_for_the_community_too()
    {
        var yaml = Flow.Replace("ask: [why]", "ask: [minutes]", StringComparison.Ordinal);
        AssertHasError(ErrorsOf(yaml), 17, "follow-up 'minutes' of community question 'worry' must also have audience: community");
    }

    [Fact]
    public void Per_language_text_needs_the_English_wording_and_real_language_codes()
    {
        var errors = ErrorsOf(Flow.Replace("en: What worries you?", "EN!: What worries you?", StringComparison.Ordinal));
        AssertHasError(errors, 19, "'EN!' is not a language code");
        AssertHasError(errors, 19, "must include the English wording");
    }
}
