using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Stakeholders;

namespace DeliberationBot.Testing;

/// <summary>
/// A deliberation with many participants, answered by walking the flow engine as people would (follow-ups included),
/// with groups leaning differently on scales and minutes, a few flagged answers turned into concerns, and responses
/// and replies to some of them over several days. Deterministic for a seed. Shared by the report page's browser tests and the benchmarks.
/// </summary>
public sealed record SampleDeliberation(
    Deliberation Deliberation, FlowDefinition Flow, IReadOnlyList<Participant> Participants, IReadOnlyList<Answer> Answers,
    IReadOnlyList<Concern> Concerns, IReadOnlyList<DeliberationEvent> Events)
{
    private static readonly StakeholderGroup[] Groups = [.. Enum.GetValues<StakeholderGroup>().Where(g => g != StakeholderGroup.Other)];

    public static SampleDeliberation Build(FlowDefinition flow, ConversationRef home, UserRef facilitator, IReadOnlyList<UserRef> owners, int people, DateTimeOffset start, int seed = 7)
    {
        var random = new Random(seed);
        var d = new Deliberation(Guid.CreateVersion7(start), home.WorkspaceId, flow.Id, flow.Version, $"Predictive screening for hotline calls ({people} voices)",
            "Rank incoming hotline calls by predicted risk, so screeners see the riskiest first.", owners, facilitator, home,
            DateOnly.FromDateTime(start.UtcDateTime).AddDays(14), AnonymityPolicy.AnonymousAllowed, DeliberationStatus.Closed, start, start.AddDays(3));
        var participants = new List<Participant>();
        var answers = new List<Answer>();
        var events = new List<DeliberationEvent> { new(d.Id, EventTypes.Started, "user:" + facilitator.Id, null, null, start) };
        for (var i = 0; i < people; i++)
        {
            var group = Groups[i % Groups.Length];
            var anonymous = i % 4 == 3;
            var key = anonymous ? $"anon-{i:D4}" : $"user:U{i:D4}";
            var at = start.AddMinutes(10 + i);
            participants.Add(new Participant(d.Id, key, anonymous ? null : $"U{i:D4}", anonymous ? null : $"Person {i}", group, anonymous, at, at.AddHours(1)));
            events.Add(new DeliberationEvent(d.Id, EventTypes.Joined, key, null, null, at));
            var given = new Dictionary<string, AnswerValue>(StringComparer.Ordinal);
            while (FlowEngine.Evaluate(flow, group, given).Next is { } q)
            {
                var value = Value(q, group, i, random);
                given[q.Id] = value;
                var flagged = q.Kind == AnswerKind.FreeText && random.Next(60) == 0;
                answers.Add(new Answer(d.Id, key, q.Id, group, value, flagged, 1, at.AddSeconds(given.Count)));
                events.Add(new DeliberationEvent(d.Id, EventTypes.Answered, key, q.Id, null, at.AddSeconds(given.Count)));
            }
        }

        var concerns = new List<Concern>();
        foreach (var (a, n) in answers.Where(a => a.FlaggedConcern).Select((a, n) => (a, n + 1)))
        {
            var raised = start.AddDays(3);
            var q = flow.FindQuestion(a.QuestionId)!;
            var status = (n % 4) switch { 0 => ConcernStatus.Open, 1 => ConcernStatus.Addressed, 2 => ConcernStatus.Resolved, _ => ConcernStatus.Acknowledged };
            concerns.Add(new Concern(Guid.CreateVersion7(raised), d.Id, n, ConcernKind.Concern, ConcernOrigin.FlaggedAnswer, q.SectionId, q.Id, a.Value.Text!,
                [a.Group], [a.ParticipantKey], status, status is ConcernStatus.Open ? null : "We will keep a person in every decision.", null, null,
                status == ConcernStatus.Resolved ? [a.ParticipantKey] : [], raised, raised.AddDays(2))
            {
                Voices = [new ConcernVoice(a.ParticipantKey, a.Group, participants.Single(p => p.Key == a.ParticipantKey).DisplayName, a.Value.Text!, q.Id)],
            });
            events.Add(new DeliberationEvent(d.Id, "concern.raised", null, q.Id, $"#{n} FlaggedAnswer", raised));
            var owner = "user:" + owners[0].Id;
            if (status != ConcernStatus.Open)
            {
                events.Add(new DeliberationEvent(d.Id, "concern.acknowledged", owner, null, $"#{n}", raised.AddDays(1)));
            }

            if (status is ConcernStatus.Addressed or ConcernStatus.Resolved)
            {
                events.Add(new DeliberationEvent(d.Id, "concern.addressed", owner, null, $"#{n}: We will keep a person in every decision.", raised.AddDays(1).AddHours(2)));
            }

            if (status == ConcernStatus.Resolved)
            {
                events.Add(new DeliberationEvent(d.Id, "concern.accepted", a.ParticipantKey, null, $"#{n}", raised.AddDays(2)));
            }
        }

        events.Add(new DeliberationEvent(d.Id, EventTypes.Closed, "user:" + facilitator.Id, null, null, start.AddDays(3)));
        return new SampleDeliberation(d, flow, participants, answers, concerns, events);
    }

    /// <summary>Groups lean: frontline workers score risk high and add minutes; leaders and vendors the reverse.</summary>
    private static AnswerValue Value(Question q, StakeholderGroup group, int person, Random random)
    {
        var frontline = group is StakeholderGroup.FrontlineWorker or StakeholderGroup.Community;
        return q.Kind switch
        {
            // Every third person breaks the line and doubles a space, as people do (the same words, so pages weigh the same).
            AnswerKind.FreeText => AnswerValue.FromText(person % 3 == 0
                ? $"Person {person} on {q.Id}: screeners need to see why a call ranks high\nbefore acting  on it."
                : $"Person {person} on {q.Id}: screeners need to see why a call ranks high before acting on it."),
            AnswerKind.Scale => AnswerValue.FromNumber(Math.Clamp((frontline ? 4 : 2) + random.Next(-1, 2), AnswerKinds.ScaleMin, AnswerKinds.ScaleMax)),
            AnswerKind.Number => AnswerValue.FromNumber(frontline ? 10 + random.Next(0, 20) : random.Next(0, 6)),
            AnswerKind.MultipleChoice => AnswerValue.FromChoices(q.EffectiveOptions.Where((_, i) => (i + person) % 2 == 0).Select(o => o.Id).DefaultIfEmpty(q.EffectiveOptions[0].Id)),
            _ => AnswerValue.FromChoices(q.EffectiveOptions[frontline ? q.EffectiveOptions.Count - 1 : random.Next(q.EffectiveOptions.Count)].Id),
        };
    }
}
