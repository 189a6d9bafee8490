using YamlDotNet.RepresentationModel;

namespace DeliberationBot.Core.Flows;

/// <summary>Conditions (concern rules, follow-up triggers) and the follow-up graph: targets exist, no cycles.</summary>
public static partial class FlowParser
{
    private static (FollowUp FollowUp, List<(string Id, YamlNode Node)> Targets)? ReadFollowUp(
        YamlNode node, NodeReader r, string questionId, AnswerKind kind, bool kindKnown, IReadOnlyList<ChoiceOption> options)
    {
        if (r.Mapping(node, FollowUpKeys, "follow-up") is not { } map)
        {
            return null;
        }

        var whenNode = r.Child(map, "when");
        if (whenNode is null)
        {
            r.Error(map, "a follow-up needs 'when'");
        }

        var when = whenNode is null ? null : ReadCondition(whenNode, r, questionId, kind, kindKnown, options);
        var targets = new List<(string Id, YamlNode Node)>();
        foreach (var target in r.RequiredSequence(map, "ask", "follow-up"))
        {
            if (target is YamlScalarNode { Value: { Length: > 0 } value })
            {
                targets.Add((value, target));
            }
            else
            {
                r.Error(target, "'ask' lists question ids");
            }
        }

        return when is null ? null : (new FollowUp(when, [.. targets.Select(t => t.Id)]), targets);
    }

    private static AnswerCondition? ReadCondition(
        YamlNode node, NodeReader r, string questionId, AnswerKind kind, bool kindKnown, IReadOnlyList<ChoiceOption> options)
    {
        if (node is not YamlMappingNode map)
        {
            r.Error(node, "a condition is a mapping with one of any_of, at_least, at_most");
            return null;
        }

        r.CheckKeys(map, ConditionKeys, "condition");
        var anyOf = r.OptionalSequence(map, "any_of").ToList();
        var atLeast = r.OptionalNumber(map, "at_least");
        var atMost = r.OptionalNumber(map, "at_most");
        if (anyOf.Count == 0 && atLeast is null && atMost is null)
        {
            r.Error(map, "a condition needs any_of, at_least or at_most");
            return null;
        }

        if (anyOf.Count > 0 && (atLeast is not null || atMost is not null))
        {
            r.Error(map, "a condition uses either any_of or at_least/at_most, not both");
            return null;
        }

        if (kindKnown && kind == AnswerKind.FreeText)
        {
            r.Error(map, $"question '{questionId}' takes free text, which a condition cannot test");
            return null;
        }

        if (kindKnown && (atLeast is not null || atMost is not null) && kind is not (AnswerKind.Number or AnswerKind.Scale))
        {
            r.Error(map, $"at_least / at_most only apply to number and scale questions; '{questionId}' is {kind}");
            return null;
        }

        var values = new List<string>();
        foreach (var valueNode in anyOf)
        {
            var value = (valueNode as YamlScalarNode)?.Value ?? "";
            if (kindKnown && !options.Any(o => o.Id == value))
            {
                r.Error(valueNode, $"rule names option '{value}', which question '{questionId}' does not have (options: {string.Join(", ", options.Select(o => o.Id))})");
            }

            values.Add(value);
        }

        return new AnswerCondition(values, atLeast, atMost);
    }

    private static void CheckFollowUps(NodeReader r, Dictionary<string, YamlNode> questions, List<(string From, string To, YamlNode At)> edges)
    {
        foreach (var (from, to, at) in edges)
        {
            if (!questions.ContainsKey(to))
            {
                r.Error(at, $"follow-up of '{from}' points at question '{to}', which does not exist");
            }
        }

        var next = edges.Where(e => questions.ContainsKey(e.To)).ToLookup(e => e.From, e => e);
        var done = new HashSet<string>(StringComparer.Ordinal);
        var onPath = new List<string>();
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var start in questions.Keys)
        {
            Visit(start);
        }

        // Depth-first search; a follow-up edge back to a question on the current path closes a cycle.
        void Visit(string id)
        {
            if (done.Contains(id))
            {
                return;
            }

            onPath.Add(id);
            foreach (var edge in next[id])
            {
                var back = onPath.IndexOf(edge.To);
                if (back >= 0)
                {
                    var cycle = onPath.Skip(back).Append(edge.To).ToList();
                    if (reported.Add(string.Join(",", cycle.Skip(1).Order(StringComparer.Ordinal))))
                    {
                        r.Error(edge.At, "follow-ups form a cycle: " + string.Join(" -> ", cycle));
                    }
                }
                else
                {
                    Visit(edge.To);
                }
            }

            onPath.RemoveAt(onPath.Count - 1);
            done.Add(id);
        }
    }
}
