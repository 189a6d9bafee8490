using DeliberationBot.Core.Forms;
using DeliberationBot.Core.Stakeholders;

namespace DeliberationBot.Core.Flows;

/// <summary>A participant's position in a flow, computed from their group and answers so far.</summary>
public sealed record ParticipantProgress(
    Question? Next,
    IReadOnlyList<Question> Applicable,
    IReadOnlyList<Question> Answered,
    IReadOnlyList<Question> RequiredRemaining,
    IReadOnlyList<Question> ActiveFollowUps)
{
    public bool IsComplete => Next is null;

    public int Percent => Applicable.Count == 0 ? 100 : (int)Math.Round(100.0 * Answered.Count / Applicable.Count);
}

/// <summary>
/// The pure, deterministic rules of a flow: which questions apply to whom, what comes next, what is still required.
/// Answers to questions that no longer apply (because an earlier answer changed) are kept but not counted.
/// </summary>
public static class FlowEngine
{
    public static ParticipantProgress Evaluate(FlowDefinition flow, StakeholderGroup group, IReadOnlyDictionary<string, AnswerValue> answers)
    {
        var applicable = new Dictionary<string, bool>(StringComparer.Ordinal);
        var inOrder = flow.Questions.Where(q => IsApplicable(flow, q, group, answers, applicable)).ToList();
        var answered = inOrder.Where(q => answers.ContainsKey(q.Id)).ToList();
        var requiredRemaining = inOrder.Where(q => q.Required && !(answers.TryGetValue(q.Id, out var a) && !a.Skipped)).ToList();
        var next = inOrder.FirstOrDefault(q => !answers.ContainsKey(q.Id));
        return new ParticipantProgress(next, inOrder, answered, requiredRemaining, [.. inOrder.Where(flow.IsFollowUp)]);
    }

    /// <summary>The follow-ups this answer would open, among those the participant's group is asked.</summary>
    public static IReadOnlyList<Question> FollowUpsOpenedBy(FlowDefinition flow, Question question, AnswerValue value, StakeholderGroup group) =>
        [.. question.FollowUps.Where(f => f.When.IsMetBy(value))
            .SelectMany(f => f.Ask)
            .Select(flow.FindQuestion)
            .OfType<Question>()
            .Where(q => q.IsAskedOf(group))
            .Distinct()];

    /// <summary>
    /// Checks an answer against its question: the right shape, known options, numbers in range, written text within
    /// <paramref name="maxLength"/>, no skipping required questions. The one set of answer rules, however the answer
    /// was given (a typed reply, a button, a form, the community page); <see cref="FormTexts.Answer"/> says what broke.
    /// </summary>
    public static AnswerProblem? Validate(Question question, AnswerValue value, int maxLength = AnswerParser.MaxTextLength)
    {
        if (value.Skipped)
        {
            return question.Required ? new AnswerProblem(AnswerRule.Required) : null;
        }

        var options = question.EffectiveOptions;
        return question.Kind switch
        {
            AnswerKind.FreeText when string.IsNullOrWhiteSpace(value.Text) => new AnswerProblem(AnswerRule.WriteAnswer),
            AnswerKind.FreeText when value.Text!.Length > maxLength => new AnswerProblem(AnswerRule.TooLong, maxLength) { Given = value.Text.Length },
            AnswerKind.SingleChoice or AnswerKind.YesNoUnsure when value.Choices.Count != 1 => new AnswerProblem(AnswerRule.ChooseOption),
            AnswerKind.MultipleChoice when value.Choices.Count == 0 => new AnswerProblem(AnswerRule.ChooseOption),
            AnswerKind.SingleChoice or AnswerKind.YesNoUnsure or AnswerKind.MultipleChoice when value.Choices.Any(c => !options.Any(o => o.Id == c)) =>
                new AnswerProblem(AnswerRule.ChooseOption),
            AnswerKind.Scale when value.Number is not { } n || n != decimal.Truncate(n) || n < AnswerKinds.ScaleMin || n > AnswerKinds.ScaleMax =>
                new AnswerProblem(AnswerRule.GiveScale),
            AnswerKind.Number when value.Number is not { } n || n < 0 || n > AnswerForm.MaxNumber => new AnswerProblem(AnswerRule.GiveNumber),
            _ when value.Text?.Length > maxLength => new AnswerProblem(AnswerRule.TooLong, maxLength) { Given = value.Text.Length }, // the words a number or choice came with
            _ => null,
        };
    }

    private static bool IsApplicable(FlowDefinition flow, Question question, StakeholderGroup group, IReadOnlyDictionary<string, AnswerValue> answers, Dictionary<string, bool> memo)
    {
        if (memo.TryGetValue(question.Id, out var known))
        {
            return known;
        }

        // Flows are validated acyclic, so the recursion through triggers terminates.
        var result = question.IsAskedOf(group) &&
            (!flow.IsFollowUp(question) || flow.TriggersOf(question).Any(t =>
                IsApplicable(flow, t.Trigger, group, answers, memo) && t.When.IsMetBy(answers.GetValueOrDefault(t.Trigger.Id))));
        memo[question.Id] = result;
        return result;
    }
}
