using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Stakeholders;
using DeliberationBot.Core.Summaries;

namespace DeliberationBot.Core.Concerns;

/// <summary>
/// Turns answers into concerns. Every flagged answer is its own concern, in the words the person wrote; the question
/// is kept as context. Answers that only meet a flow's concern rule share one concern per question, each answer a voice
/// in it. A person's answers to the follow-ups their answer opened ("What would need to change…") stand beside it in
/// the concern it raised, each with its question (<see cref="ConcernVoice.FollowUpOf"/>). Pure and repeatable: running
/// it again adds what is new, brings edited answers' words up to date, and marks words whose answer no longer raises the
/// concern (<see cref="LaterAnswers"/>).
/// </summary>
public static class ConcernSync
{
    public static IReadOnlyList<Concern> FromAnswers(
        FlowDefinition flow, Guid deliberationId, IReadOnlyList<Concern> existing, IReadOnlyList<Answer> answers, IReadOnlyList<Participant> participants,
        DateTimeOffset now)
    {
        var names = participants.Where(p => !p.Anonymous).ToDictionary(p => p.Key, p => p.DisplayName ?? p.UserId, StringComparer.Ordinal);
        var current = existing.ToDictionary(c => c.Id);
        var voiced = new VoiceIndex(existing);
        var changed = new Dictionary<Guid, Concern>();
        var next = NextNumber(existing);
        var given = answers
            .Where(a => !a.Value.Skipped && flow.FindQuestion(a.QuestionId) is not null)
            .OrderBy(a => IndexOf(flow, a.QuestionId))
            .ThenBy(a => a.AnsweredAt)
            .ThenBy(a => a.ParticipantKey, StringComparer.Ordinal)
            .ToList();
        var byAnswer = new Dictionary<(string, string), Answer>();
        foreach (var answer in answers)
        {
            byAnswer.TryAdd((answer.ParticipantKey, answer.QuestionId), answer);
        }

        // Question by question in flow order, so concerns are numbered as the flow asks.
        foreach (var byQuestion in given.GroupBy(a => a.QuestionId))
        {
            var question = flow.FindQuestion(byQuestion.Key)!;
            foreach (var answer in byQuestion.Where(a => a.FlaggedConcern))
            {
                var voices = VoicesOf(flow, question, answer, names, byAnswer);
                var theirs = voiced.Holding(answer).Select(id => current[id]).ToList();
                var mine = theirs.FirstOrDefault(c => c.Origin == ConcernOrigin.FlaggedAnswer && !c.IsMerged) ?? theirs.FirstOrDefault(c => !c.IsMerged);
                if (mine is null)
                {
                    var created = new Concern(
                        Guid.CreateVersion7(now), deliberationId, next++, ConcernKind.Concern, ConcernOrigin.FlaggedAnswer, question.SectionId, question.Id,
                        voices[0].Text, [answer.Group], [answer.ParticipantKey], ConcernStatus.Open, null, null, null, [], now, now)
                    {
                        Voices = voices,
                    };
                    current[created.Id] = changed[created.Id] = created;
                    voiced.Add(created);
                }
                else if (WithVoices(mine, voices, now) is { } updated)
                {
                    current[updated.Id] = changed[updated.Id] = updated;
                    voiced.Add(updated);
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
                $"Answers that meet this question's concern rule ({question.ConcernWhen!.Describe(question)}).", [], [], ConcernStatus.Open, null, null, null, [], now, now);
            // All of the question's voices at once: one at a time, each copied and searched the list of those before it.
            var withVoices = WithVoices(rule, [.. meetingRule.SelectMany(a => VoicesOf(flow, question, a, names, byAnswer))], now);
            if (isNew || withVoices is not null)
            {
                rule = withVoices ?? rule;
                current[rule.Id] = changed[rule.Id] = rule;
                voiced.Add(rule);
            }
        }

        // A voice whose answer no longer raises its concern says what became of the answer (LaterAnswers).
        foreach (var c in current.Values.Where(c => !c.IsMerged && c.Voices.Any(v => byAnswer.ContainsKey((v.RaiserKey, v.QuestionId ?? "")))).ToList())
        {
            if (LaterAnswers.Marked(c, flow, byAnswer, now) is { } marked)
            {
                current[c.Id] = changed[c.Id] = marked;
            }
        }

        return [.. changed.Values.OrderBy(c => c.Number)];
    }

    /// <summary>
    /// Whether a person's answer to <paramref name="question"/> stands in a concern beside the answer it follows up
    /// (<see cref="ConcernVoice.FollowUpOf"/>): one of their answers opened it, and raises a concern. They are told so
    /// before they write.
    /// </summary>
    public static bool FollowsUpAConcern(FlowDefinition flow, Question question, Func<string, Answer?> theirAnswerTo) =>
        flow.TriggersOf(question).Any(t => theirAnswerTo(t.Trigger.Id) is { } a && t.When.IsMetBy(a.Value) && LaterAnswers.Raises(t.Trigger, a));

    /// <summary>Concerns are numbered #1, #2, … within a deliberation.</summary>
    public static int NextNumber(IReadOnlyList<Concern> existing) => existing.Count == 0 ? 1 : existing.Max(c => c.Number) + 1;

    /// <summary>The words of an answer as a concern's voice: free text as written, other kinds as their option labels or number.</summary>
    public static ConcernVoice VoiceOf(Question question, Answer answer, IReadOnlyDictionary<string, string?> names) =>
        new(answer.ParticipantKey, answer.Group, names.GetValueOrDefault(answer.ParticipantKey), SummaryAnswerSet.TextOf(question, answer.Value), question.Id);

    /// <summary>
    /// The voice of an answer that raises a concern, followed by the person's answers to the follow-ups it opened, which
    /// say why, or what would need to change: the owners read them together. A follow-up's answer the person flagged is a
    /// concern of its own instead, with its question.
    /// </summary>
    private static List<ConcernVoice> VoicesOf(
        FlowDefinition flow, Question question, Answer answer, IReadOnlyDictionary<string, string?> names, Dictionary<(string, string), Answer> answers)
    {
        List<ConcernVoice> voices = [VoiceOf(question, answer, names)];
        foreach (var followUp in FlowEngine.FollowUpsOpenedBy(flow, question, answer.Value, answer.Group))
        {
            if (answers.TryGetValue((answer.ParticipantKey, followUp.Id), out var given) && !given.Value.Skipped && !given.FlaggedConcern)
            {
                voices.Add(VoiceOf(followUp, given, names) with { FollowUpOf = question.Id });
            }
        }

        return voices;
    }

    /// <summary>Each answer to a follow-up right after the answer it follows, wherever the two were added.</summary>
    private static List<ConcernVoice> FollowUpsBesideTheirAnswers(List<ConcernVoice> voices)
    {
        if (!voices.Exists(v => v.FollowUpOf is not null))
        {
            return voices;
        }

        static bool Opened(ConcernVoice answer, ConcernVoice followUp) =>
            LaterAnswers.Follows(answer) && followUp.FollowUpOf == answer.QuestionId && followUp.RaiserKey == answer.RaiserKey;

        var placed = new List<ConcernVoice>(voices.Count);
        foreach (var v in voices.Where(v => v.FollowUpOf is null || !voices.Exists(a => Opened(a, v))))
        {
            placed.Add(v);
            placed.AddRange(voices.Where(f => Opened(v, f)));
        }

        return placed;
    }

    /// <summary>The concern that carries a merged one on (following merges of merges).</summary>
    private static Concern Surviving(Concern c, IEnumerable<Concern> all)
    {
        for (var hops = 0; c.MergedInto is { } into && hops < 100; hops++)
        {
            c = all.FirstOrDefault(x => x.Number == into) ?? c;
        }

        return c;
    }

    /// <summary>
    /// Adds voices, or brings edited answers' words up to date; null when nothing changes. A new raiser reopens a
    /// concern that was settled.
    /// </summary>
    private static Concern? WithVoices(Concern c, IReadOnlyList<ConcernVoice> voices, DateTimeOffset now)
    {
        var at = new Dictionary<(string, string?), int>();
        for (var i = 0; i < c.Voices.Count; i++)
        {
            at.TryAdd((c.Voices[i].RaiserKey, c.Voices[i].QuestionId), i);
        }

        List<ConcernVoice>? changed = null;
        var text = c.Text;
        var raisers = c.Raisers.ToHashSet(StringComparer.Ordinal);
        var newRaisers = new List<string>();
        var groups = c.RaisedByGroups.ToHashSet();
        var added = new List<ConcernVoice>();
        var edited = new List<ConcernVoice>();
        var answers = new List<ConcernVoice>();
        foreach (var voice in voices)
        {
            if (at.TryGetValue((voice.RaiserKey, voice.QuestionId), out var index))
            {
                if ((changed?[index] ?? c.Voices[index]) == voice)
                {
                    continue;
                }

                changed ??= [.. c.Voices];
                // The same words standing for the answer again (said once more after a change) change the answer, not the words.
                (changed[index].Text == voice.Text && changed[index].Since != voice.Since ? answers : edited).Add(voice);
                changed[index] = voice;
                // The concern's own text follows its first voice's words when that person edits their answer.
                text = index == 0 && c.Origin == ConcernOrigin.FlaggedAnswer ? voice.Text : text;
                continue;
            }

            changed ??= [.. c.Voices];
            at[(voice.RaiserKey, voice.QuestionId)] = changed.Count;
            changed.Add(voice);
            added.Add(voice);
            if (raisers.Add(voice.RaiserKey))
            {
                newRaisers.Add(voice.RaiserKey);
            }

            if (voice.Group is { } g)
            {
                groups.Add(g);
            }
        }

        return changed is null ? null : c with
        {
            Voices = FollowUpsBesideTheirAnswers(changed),
            Text = text,
            Raisers = newRaisers.Count == 0 ? c.Raisers : [.. c.Raisers, .. newRaisers],
            RaisedByGroups = groups.Count == c.RaisedByGroups.Count ? c.RaisedByGroups : [.. groups.Order()],
            Status = newRaisers.Count > 0 && !c.IsUnresolved ? ConcernStatus.Open : c.Status,
            UpdatedAt = now,
            OwnersHeardAt = null,
            VoiceChanges = c.ChangedBy(added, edited, answers),
        };
    }

    /// <summary>
    /// Which concerns hold a voice for a person's answer to a question, in the order the concerns were first seen:
    /// found without reading every concern for each flagged answer.
    /// </summary>
    private sealed class VoiceIndex
    {
        private readonly Dictionary<(string, string?), List<Guid>> _holders = [];
        private readonly Dictionary<Guid, int> _order = [];

        public VoiceIndex(IEnumerable<Concern> concerns)
        {
            foreach (var c in concerns)
            {
                Add(c);
            }
        }

        public void Add(Concern c)
        {
            _order.TryAdd(c.Id, _order.Count);
            // An answer a suggested concern cites is not raised in it, nor is a follow-up's answer in the concern of the answer
            // it follows: the person's own flag makes a concern of its own.
            foreach (var v in c.Voices.Where(v => !v.Cited && v.FollowUpOf is null))
            {
                var holders = _holders.TryGetValue((v.RaiserKey, v.QuestionId), out var list) ? list : _holders[(v.RaiserKey, v.QuestionId)] = [];
                if (!holders.Contains(c.Id))
                {
                    holders.Add(c.Id);
                    holders.Sort((a, b) => _order[a].CompareTo(_order[b]));
                }
            }
        }

        public IReadOnlyList<Guid> Holding(Answer answer) =>
            _holders.TryGetValue((answer.ParticipantKey, answer.QuestionId), out var list) ? list : [];
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
