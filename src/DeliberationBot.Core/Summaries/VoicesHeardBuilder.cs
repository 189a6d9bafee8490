using System.Runtime.InteropServices;
using DeliberationBot.Core.Stakeholders;

namespace DeliberationBot.Core.Summaries;

/// <summary>
/// Who answered what: every stakeholder group × every section, counting answers that are not skips. Gaps are named for
/// groups that took no part (frontline workers and community members always matter; other groups when the flow has
/// questions meant for them in particular) and for sections with a question meant for a group in particular (named in
/// its asked_of) that none of the group's participants answered. Sections asked of everyone alike name no gap: a group
/// that took part has usually answered them, and naming every optional question skipped would bury the gaps that matter.
/// </summary>
internal static class VoicesHeardBuilder
{
    private static readonly StakeholderGroup[] AlwaysExpected = [StakeholderGroup.FrontlineWorker, StakeholderGroup.Community];

    public static VoicesHeard Build(SummaryAnswerSet set)
    {
        var flow = set.Flow;
        var sections = flow.Sections.Select(s => new VoicesHeardSection(s.Id, s.Title)).ToList();

        // One pass over the answers: per group and section, the answers and the distinct people who gave them.
        var tally = new Dictionary<(StakeholderGroup, string), (int Answers, HashSet<string> People)>();
        foreach (var a in set.All.Where(a => !a.Value.Skipped))
        {
            ref var cell = ref CollectionsMarshal.GetValueRefOrAddDefault(tally, (a.Group, flow.FindQuestion(a.QuestionId)!.SectionId), out _);
            cell.People ??= new HashSet<string>(StringComparer.Ordinal);
            cell.People.Add(a.ParticipantRef);
            cell.Answers++;
        }

        var rows = StakeholderGroups.All.Select(info =>
        {
            var cells = flow.Sections.Select(section =>
            {
                var (answers, people) = tally.GetValueOrDefault((info.Group, section.Id), (0, []));
                var asked = section.Questions.Any(q => !flow.IsFollowUp(q) && q.IsAskedOf(info.Group));
                return new VoicesHeardCell(section.Id, people.Count, answers, asked);
            }).ToList();
            return new VoicesHeardRow(info.Group, set.ParticipantsIn(info.Group), cells);
        }).ToList();

        var gaps = new List<VoiceGap>();
        foreach (var row in rows.Where(r => r.Participants == 0 && IsExpected(r.Group, set)))
        {
            gaps.Add(new VoiceGap(VoiceGapKind.GroupAbsent, row.Group, null, $"No {GroupWords.Singular(row.Group)} has taken part."));
        }

        foreach (var row in rows.Where(r => r.Participants > 0))
        {
            foreach (var cell in row.Cells.Where(c => c.Answers == 0))
            {
                var section = flow.Sections.First(s => s.Id == cell.SectionId);
                if (section.Questions.Any(q => !flow.IsFollowUp(q) && q.AskedOf.Contains(row.Group)))
                {
                    gaps.Add(new VoiceGap(VoiceGapKind.SectionUnanswered, row.Group, cell.SectionId,
                        $"No {GroupWords.Singular(row.Group)} has answered any question in \"{section.Title}\"."));
                }
            }
        }

        return new VoicesHeard(sections, rows, gaps);
    }

    private static bool IsExpected(StakeholderGroup group, SummaryAnswerSet set) =>
        AlwaysExpected.Contains(group) || set.Flow.Questions.Any(q => q.AskedOf.Contains(group));
}
