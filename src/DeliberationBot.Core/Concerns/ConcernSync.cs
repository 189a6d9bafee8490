using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Flows;

namespace DeliberationBot.Core.Concerns;

/// <summary>
/// Turns answers into concerns: one per question where someone flagged their answer or the flow's rule marks it.
/// Pure and repeatable: running it again only adds raisers who were not there before.
/// </summary>
public static class ConcernSync
{
    public static IReadOnlyList<Concern> FromAnswers(FlowDefinition flow, Guid deliberationId, IReadOnlyList<Concern> existing, IReadOnlyList<Answer> answers, DateTimeOffset now)
    {
        var changed = new List<Concern>();
        var next = NextNumber(existing);
        var raising = answers
            .Where(a => !a.Value.Skipped && (a.FlaggedConcern || Overview.IsRuleConcern(flow, a)))
            .GroupBy(a => a.QuestionId)
            .OrderBy(g => IndexOf(flow, g.Key));
        foreach (var group in raising)
        {
            var question = flow.FindQuestion(group.Key);
            if (question is null)
            {
                continue;
            }

            var raisers = group.Select(a => a.ParticipantKey).Distinct().ToList();
            var groups = group.Select(a => a.Group).Distinct().Order().ToList();
            var origin = group.Any(a => a.FlaggedConcern) ? ConcernOrigin.FlaggedAnswer : ConcernOrigin.FlowRule;
            var current = existing.FirstOrDefault(c => c.Kind == ConcernKind.Concern && c.QuestionId == question.Id);
            if (current is null)
            {
                changed.Add(new Concern(
                    Guid.CreateVersion7(now), deliberationId, next++, ConcernKind.Concern, origin, question.SectionId, question.Id, question.Text,
                    groups, raisers, ConcernStatus.Open, null, null, null, [], now, now));
                continue;
            }

            var newRaisers = raisers.Except(current.Raisers).ToList();
            if (newRaisers.Count == 0 && groups.All(current.RaisedByGroups.Contains) && (origin != ConcernOrigin.FlaggedAnswer || current.Origin == origin))
            {
                continue;
            }

            // Someone new raising a concern that was settled makes it open again.
            var status = newRaisers.Count > 0 && !current.IsUnresolved ? ConcernStatus.Open : current.Status;
            changed.Add(current with
            {
                Origin = origin == ConcernOrigin.FlaggedAnswer ? origin : current.Origin,
                Raisers = [.. current.Raisers.Concat(newRaisers)],
                RaisedByGroups = [.. current.RaisedByGroups.Union(groups).Order()],
                Status = status,
                UpdatedAt = now,
            });
        }

        return changed;
    }

    /// <summary>Concerns are numbered #1, #2, … within a deliberation.</summary>
    public static int NextNumber(IReadOnlyList<Concern> existing) => existing.Count == 0 ? 1 : existing.Max(c => c.Number) + 1;

    private static int IndexOf(FlowDefinition flow, string questionId)
    {
        for (var i = 0; i < flow.Questions.Count; i++)
        {
            if (flow.Questions[i].Id == questionId)
            {
                return i;
            }
        }

        return int.MaxValue;
    }
}
