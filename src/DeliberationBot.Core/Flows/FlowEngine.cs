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

    /// <summary>Checks an answer against its question: the right shape, known options, numbers in range, no skipping required questions.</summary>
    public static string? Validate(Question question, AnswerValue value)
    {
        if (value.Skipped)
        {
            return question.Required ? "This question is required, so it can't be skipped." : null;
        }

        var options = question.EffectiveOptions;
        return question.Kind switch
        {
            AnswerKind.FreeText when string.IsNullOrWhiteSpace(value.Text) => "Please write an answer.",
            AnswerKind.FreeText when value.Text!.Length > AnswerParser.MaxTextLength => $"Please keep the answer under {AnswerParser.MaxTextLength} characters.",
            AnswerKind.SingleChoice or AnswerKind.YesNoUnsure when value.Choices.Count != 1 => "Please pick one option.",
            AnswerKind.MultipleChoice when value.Choices.Count == 0 => "Please pick at least one option.",
            AnswerKind.SingleChoice or AnswerKind.YesNoUnsure or AnswerKind.MultipleChoice
                when value.Choices.FirstOrDefault(c => !options.Any(o => o.Id == c)) is { } unknown => $"'{unknown}' is not one of the options.",
            AnswerKind.Scale when value.Number is not { } n || n != decimal.Truncate(n) || n < AnswerKinds.ScaleMin || n > AnswerKinds.ScaleMax
                => $"Please pick a number from {AnswerKinds.ScaleMin} to {AnswerKinds.ScaleMax}.",
            AnswerKind.Number when value.Number is not { } n || n < 0 || n > 1_000_000 => "Please give a number (0 or more).",
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
