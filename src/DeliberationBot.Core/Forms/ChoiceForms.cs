using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Stakeholders;

namespace DeliberationBot.Core.Forms;

/// <summary>The forms that are a choice and little else: the stakeholder group to join as, and the decision with its rationale.</summary>
public static class ChoiceForms
{
    public static (StakeholderGroup? Group, FormProblem? Problem) Group(string? value) =>
        StakeholderGroups.TryParse(value, out var group) ? (group, null) : (null, new FormProblem(FormField.Group, FormTexts.ChooseGroup));

    /// <summary>The outcome as a command word ("no-go") or its name ("NoGo"), and a rationale that says something.</summary>
    public static (DecisionOutcome Outcome, string Rationale, FormProblem? Problem) Decision(string? outcome, string? rationale)
    {
        if (!TryOutcome(outcome?.Trim() ?? "", out var parsed))
        {
            return (default, "", new FormProblem(FormField.Outcome, FormTexts.ChooseOutcome));
        }

        return rationale?.Trim() is { Length: > 0 } why
            ? (parsed, why, null)
            : (parsed, "", new FormProblem(FormField.Rationale, FormTexts.GiveRationale));
    }

    private static bool TryOutcome(string value, out DecisionOutcome outcome) =>
        DecisionOutcomes.TryParse(value, out outcome)
        || (Enum.TryParse(value, out outcome) && Enum.IsDefined(outcome) && !int.TryParse(value, out _));
}
