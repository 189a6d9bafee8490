using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Stakeholders;
using DeliberationBot.Core.Summaries;

namespace DeliberationBot.Core.Concerns;

/// <summary>
/// Turns answers into concerns. Every flagged answer is its own concern, in the words the person wrote; the question
/// is kept as context. Answers that only meet a flow's concern rule share one concern per question, each answer a voice
/// in it. Pure and repeatable: running it again adds what is new and brings edited answers' words up to date.
/// </summary>
public static class ConcernSync
{
    public static IReadOnlyList<Concern> FromAnswers(
        FlowDefinition flow, Guid deliberationId, IReadOnlyList<Concern> existing, IReadOnlyList<Answer> answers, IReadOnlyList<Participant> participants,
        DateTimeOffset now)
    {
        var names = participants.Where(p => !p.Anonymous).ToDictionary(p => p.Key, p => p.DisplayName ?? p.UserId, StringComparer.Ordinal);
        var current = existing.ToDictionary(c => c.Id);
        var changed = new Dictionary<Guid, Concern>();
        var next = NextNumber(existing);
        var given = answers
            .Where(a => !a.Value.Skipped && flow.FindQuestion(a.QuestionId) is not null)
            .OrderBy(a => IndexOf(flow, a.QuestionId))
            .ThenBy(a => a.AnsweredAt)
            .ThenBy(a => a.ParticipantKey, StringComparer.Ordinal)
            .ToList();

        // Question by question in flow order, so concerns are numbered as the flow asks.
        foreach (var byQuestion in given.GroupBy(a => a.QuestionId))
        {
            var question = flow.FindQuestion(byQuestion.Key)!;
            foreach (var answer in byQuestion.Where(a => a.FlaggedConcern))
            {
                var voice = VoiceOf(question, answer, names);
                var mine = current.Values.FirstOrDefault(c => c.Origin == ConcernOrigin.FlaggedAnswer && !c.IsMerged && HasVoiceOf(c, answer))
                    ?? current.Values.FirstOrDefault(c => !c.IsMerged && HasVoiceOf(c, answer));
                if (mine is null)
                {
                    var created = new Concern(
                        Guid.CreateVersion7(now), deliberationId, next++, ConcernKind.Concern, ConcernOrigin.FlaggedAnswer, question.SectionId, question.Id,
                        voice.Text, [answer.Group], [answer.ParticipantKey], ConcernStatus.Open, null, null, null, [], now, now)
                    {
                        Voices = [voice],
                    };
                    current[created.Id] = changed[created.Id] = created;
                }
                else if (WithVoice(mine, voice, now) is { } updated)
                {
                    current[updated.Id] = changed[updated.Id] = updated;
                }
            }

            var meetingRule = byQuestion.Where(a => !a.FlaggedConcern && question.RaisesConcern(a.Value)).ToList();
            if (meetingRule.Count == 0)
            {
                continue;
            }

            // A rule's concern merged into another lives on there: new answers meeting the rule join that one.
            var rule = current.Values.FirstOrDefault(c => c.Origin == ConcernOrigin.FlowRule && c.QuestionId == question.Id) is { } found
                ? Surviving(found, current.Values)
                : null;
            var isNew = rule is null;
            rule ??= new Concern(
                Guid.CreateVersion7(now), deliberationId, next++, ConcernKind.Concern, ConcernOrigin.FlowRule, question.SectionId, question.Id,
                $"Answers that meet this question's concern rule ({question.ConcernWhen!.Describe()}).", [], [], ConcernStatus.Open, null, null, null, [], now, now);
            var before = rule;
            foreach (var answer in meetingRule)
            {
                rule = WithVoice(rule, VoiceOf(question, answer, names), now) ?? rule;
            }

            if (isNew || !ReferenceEquals(rule, before))
            {
                current[rule.Id] = changed[rule.Id] = rule;
            }
        }

        return [.. changed.Values.OrderBy(c => c.Number)];
    }

    /// <summary>Concerns are numbered #1, #2, … within a deliberation.</summary>
    public static int NextNumber(IReadOnlyList<Concern> existing) => existing.Count == 0 ? 1 : existing.Max(c => c.Number) + 1;

    /// <summary>The words of an answer as a concern's voice: free text as written, other kinds as their option labels or number.</summary>
    public static ConcernVoice VoiceOf(Question question, Answer answer, IReadOnlyDictionary<string, string?> names) =>
        new(answer.ParticipantKey, answer.Group, names.GetValueOrDefault(answer.ParticipantKey), SummaryAnswerSet.TextOf(question, answer.Value), question.Id);

    /// <summary>The concern that carries a merged one on (following merges of merges).</summary>
    private static Concern Surviving(Concern c, IEnumerable<Concern> all)
    {
        for (var hops = 0; c.MergedInto is { } into && hops < 100; hops++)
        {
            c = all.FirstOrDefault(x => x.Number == into) ?? c;
        }

        return c;
    }

    private static bool HasVoiceOf(Concern c, Answer answer) =>
        c.Voices.Any(v => v.RaiserKey == answer.ParticipantKey && v.QuestionId == answer.QuestionId);

    /// <summary>
    /// Adds a voice, or brings an edited answer's words up to date; null when nothing changes. A new raiser reopens a
    /// concern that was settled.
    /// </summary>
    private static Concern? WithVoice(Concern c, ConcernVoice voice, DateTimeOffset now)
    {
        var index = c.Voices.ToList().FindIndex(v => v.RaiserKey == voice.RaiserKey && v.QuestionId == voice.QuestionId);
        if (index >= 0)
        {
            var old = c.Voices[index];
            if (old == voice)
            {
                return null;
            }

            var voices = c.Voices.ToList();
            voices[index] = voice;
            // The concern's own text follows its first voice's words when that person edits their answer.
            return c with { Voices = voices, Text = index == 0 && c.Origin == ConcernOrigin.FlaggedAnswer ? voice.Text : c.Text, UpdatedAt = now, OwnersHeardAt = null };
        }

        var isNewRaiser = !c.Raisers.Contains(voice.RaiserKey);
        return c with
        {
            Voices = [.. c.Voices, voice],
            Raisers = isNewRaiser ? [.. c.Raisers, voice.RaiserKey] : c.Raisers,
            RaisedByGroups = voice.Group is { } g && !c.RaisedByGroups.Contains(g) ? [.. c.RaisedByGroups.Append(g).Order()] : c.RaisedByGroups,
            Status = isNewRaiser && !c.IsUnresolved ? ConcernStatus.Open : c.Status,
            UpdatedAt = now,
            OwnersHeardAt = null,
        };
    }

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
