using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Stakeholders;

namespace DeliberationBot.Core.Tests.Concerns;

/// <summary>
/// A person's answer to the follow-up their answer opened ("What would need to change…") is read by the owners with the
/// concern that answer raised, right after it and with its own question.
/// </summary>
public class FollowUpWordsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid D = Guid.NewGuid();

    private static readonly FlowDefinition Flow = FlowParser.Parse("""
        id: f
        title: F
        sections:
          - id: s
            title: Safeguards
            questions:
              - id: appeal
                text: Can people appeal a decision the tool influenced?
                kind: yes_no_unsure
                concern_when:
                  any_of: ["no", unsure]
                follow_ups:
                  - when:
                      any_of: ["no", unsure]
                    ask: [what-would-change]
              - id: what-would-change
                text: What would need to change so that people can fairly appeal?
                kind: free_text
              - id: readiness
                text: How ready is this proposal to go ahead?
                kind: scale
                low_label: Not ready
                high_label: Ready
                follow_ups:
                  - when:
                      at_most: 3
                    ask: [why]
              - id: why
                text: What would need to change before you would feel comfortable?
                kind: free_text
        """, "f.yaml");

    private static Answer Choice(string who, string choice, bool flagged = false) =>
        new(D, who, "appeal", StakeholderGroup.FrontlineWorker, AnswerValue.FromChoices(choice), flagged, 1, Now);

    private static Answer Text(string who, string question, string words, bool flagged = false) =>
        new(D, who, question, StakeholderGroup.FrontlineWorker, AnswerValue.FromText(words), flagged, 1, Now);

    private static readonly Dictionary<string, string?> NoNames = [];

    private static IReadOnlyList<Participant> Named(params string[] who) =>
        [.. who.Select(w => new Participant(D, w, w, w[5..], StakeholderGroup.FrontlineWorker, false, Now))];

    [Fact]
    public void The_owners_read_what_would_need_to_change_beside_the_answer_that_raised_the_concern()
    {
        List<Answer> answers =
        [
            Choice("user:Ana", "no"),
            Text("user:Ana", "what-would-change", "Tell families the score exists.\n\nRight now they would never know."),
            Choice("user:Bob", "unsure"),
        ];

        var rule = Assert.Single(ConcernSync.FromAnswers(Flow, D, [], answers, Named("user:Ana", "user:Bob"), Now));

        Assert.Equal(
            ["Ana: No", "Ana: Tell families the score exists.\n\nRight now they would never know. (follows appeal)", "Bob: Not sure"],
            rule.Voices.Select(v => $"{v.Name}: {v.Text}{(v.FollowUpOf is { } of ? $" (follows {of})" : "")}"));
        Assert.Equal(["user:Ana", "user:Bob"], rule.Raisers); // more of Ana's words, not another person
        var view = ConcernView.ForOwners(rule, Flow, [ConcernAction.Acknowledge]);
        Assert.Equal(
            [
                (1, "On: Can people appeal a decision the tool influenced? (Safeguards)"),
                (1, "On: What would need to change so that people can fairly appeal? (Safeguards)"),
                (1, "On: Can people appeal a decision the tool influenced? (Safeguards)"),
            ],
            view.RaisingInContext.Select(r => (r.Voices.Count, r.Context)));
        var text = PlainTextRenderer.Render(new OwnerConcerns(D, "Appeals", [view]));
        Assert.Contains("Tell families the score exists.", text, StringComparison.Ordinal);
        Assert.Contains("On: What would need to change so that people can fairly appeal?", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_follow_up_answered_later_is_put_beside_its_answer_and_marked_new_for_owners_who_read_the_concern_before()
    {
        List<Answer> answers = [Choice("anon:a", "no"), Choice("anon:b", "no")];
        var heard = Assert.Single(ConcernSync.FromAnswers(Flow, D, [], answers, [], Now)) with { OwnersHeardAt = Now };

        answers.Add(Text("anon:a", "what-would-change", "A person to call, not a form."));
        var again = Assert.Single(ConcernSync.FromAnswers(Flow, D, [heard], answers, [], Now));

        Assert.Equal(["anon:a appeal", "anon:a what-would-change", "anon:b appeal"], again.Voices.Select(v => $"{v.RaiserKey} {v.QuestionId}"));
        Assert.Null(again.OwnersHeardAt);
        Assert.Equal(
            "Since you were last sent this concern, 1 person added to their words (marked new).",
            ConcernView.ForOwners(again, Flow, []).ChangesLine);

        // Edited, the words are brought up to date like any answer's.
        answers[^1] = Text("anon:a", "what-would-change", "A person to call, and a letter.");
        var edited = Assert.Single(ConcernSync.FromAnswers(Flow, D, [again with { OwnersHeardAt = Now }], answers, [], Now));
        Assert.Equal("A person to call, and a letter.", edited.Voices[1].Text);
        Assert.Equal(
            "Since you were last sent this concern, 1 person changed their words (marked edited).",
            ConcernView.ForOwners(edited, Flow, []).ChangesLine);

        // Withdrawn, the words stay as given and say so; answered again, they are the new answer's.
        answers[2] = new(D, "anon:a", "what-would-change", StakeholderGroup.FrontlineWorker, AnswerValue.Skip(), false, 2, Now);
        var withdrawn = Assert.Single(ConcernSync.FromAnswers(Flow, D, [edited with { OwnersHeardAt = Now }], answers, [], Now));
        Assert.Equal(("A person to call, and a letter.", AnswerSinceKind.Withdrawn), (withdrawn.Voices[1].Text, withdrawn.Voices[1].Since?.Kind));
        Assert.Equal(
            "Since you were last sent this concern, 1 person changed their answer (marked edited).",
            ConcernView.ForOwners(withdrawn, Flow, []).ChangesLine);
        answers[2] = Text("anon:a", "what-would-change", "A person to call.");
        var again2 = Assert.Single(ConcernSync.FromAnswers(Flow, D, [withdrawn], answers, [], Now));
        Assert.Equal(("A person to call.", (AnswerSinceKind?)null), (again2.Voices[1].Text, again2.Voices[1].Since?.Kind));
        edited = again2;

        // A new person with both at once added their words, once.
        answers.Add(Choice("anon:c", "unsure"));
        answers.Add(Text("anon:c", "what-would-change", "Nothing, if a human reads every case."));
        var third = Assert.Single(ConcernSync.FromAnswers(Flow, D, [edited with { OwnersHeardAt = Now }], answers, [], Now));
        Assert.Equal(
            "Since you were last sent this concern, 1 person added their words (marked new).",
            ConcernView.ForOwners(third, Flow, []).ChangesLine);

        Assert.Empty(ConcernSync.FromAnswers(Flow, D, [third], answers, [], Now)); // nothing new: nothing changes
    }

    [Fact]
    public void A_flagged_answer_carries_its_follow_up_and_a_flagged_follow_up_is_a_concern_of_its_own_instead()
    {
        var flow = Flow;
        List<Answer> answers =
        [
            new(D, "user:Ana", "readiness", StakeholderGroup.FrontlineWorker, AnswerValue.FromNumber(2, "Not with the union in the dark."), true, 1, Now),
            Text("user:Ana", "why", "Share the validation numbers."),
            Choice("user:Bob", "yes", flagged: true),
            Text("user:Bob", "what-would-change", "Not asked: a yes opens nothing."),
            Choice("user:Cy", "no"),
            Text("user:Cy", "what-would-change", "An appeal nobody hears of is none.", flagged: true),
        ];

        var concerns = ConcernSync.FromAnswers(flow, D, [], answers, [], Now);

        var readiness = concerns.Single(c => c.QuestionId == "readiness");
        Assert.Equal("2 (\"Not with the union in the dark.\")", readiness.Text);
        Assert.Equal([readiness.Text, "Share the validation numbers."], readiness.Voices.Select(v => v.Text));
        // Bob's "yes" opened no follow-up: his stray words stay out of his concern.
        Assert.Equal(["Yes"], concerns.Single(c => c.QuestionId == "appeal" && c.Origin == ConcernOrigin.FlaggedAnswer).Voices.Select(v => v.Text));
        // Cy flagged his follow-up's answer: it is a concern of its own, with its question, and not read twice.
        Assert.Equal(["No"], concerns.Single(c => c.Origin == ConcernOrigin.FlowRule).Voices.Select(v => v.Text));
        var own = concerns.Single(c => c.QuestionId == "what-would-change");
        Assert.Equal((ConcernOrigin.FlaggedAnswer, "An appeal nobody hears of is none."), (own.Origin, own.Text));
        Assert.Null(Assert.Single(own.Voices).FollowUpOf);

        // A follow-up's answer raises nothing itself: taking the flag off Ana's answer marks her answer's words, not the follow-up's.
        answers[0] = answers[0] with { FlaggedConcern = false };
        var marked = ConcernSync.FromAnswers(flow, D, concerns, answers, [], Now).Single(c => c.QuestionId == "readiness");
        Assert.Equal([AnswerSinceKind.Unflagged, (AnswerSinceKind?)null], marked.Voices.Select(v => v.Since?.Kind));
    }
}
