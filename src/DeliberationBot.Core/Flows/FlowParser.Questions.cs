using DeliberationBot.Core.Stakeholders;
using YamlDotNet.RepresentationModel;

namespace DeliberationBot.Core.Flows;

/// <summary>A question: its wordings, kind, options, groups, concern rule and follow-ups.</summary>
public static partial class FlowParser
{
    private static Question? ReadQuestion(
        YamlNode node,
        string sectionId,
        bool sectionForCommunity,
        NodeReader r,
        Dictionary<string, YamlNode> questionNodes,
        List<(string From, string To, YamlNode At)> followUpEdges)
    {
        if (r.Mapping(node, QuestionKeys, "question") is not { } map)
        {
            return null;
        }

        var id = r.RequiredId(map, "id", "question");
        if (id is not null && !questionNodes.TryAdd(id.Value, id.Node))
        {
            r.Error(id.Node, $"duplicate question id '{id.Value}' (question ids are unique across the whole flow)");
        }

        var wordings = new Wordings();
        var text = r.RequiredWording(map, "text", wordings, "question");

        var help = r.OptionalWording(map, "help", wordings);
        var lowLabel = r.OptionalWording(map, "low_label", wordings);
        var highLabel = r.OptionalWording(map, "high_label", wordings);
        var forCommunity = sectionForCommunity | r.OptionalEnum(map, "audience", Audiences) is not null;
        var kindText = r.RequiredText(map, "kind", "question");
        AnswerKind kind = default;
        var kindKnown = kindText is not null && AnswerKinds.TryParse(kindText, out kind);
        if (kindText is not null && !kindKnown)
        {
            r.Error(r.Child(map, "kind")!, $"unknown kind '{kindText}'; use one of {string.Join(", ", AnswerKinds.YamlNames)}");
        }

        var options = ReadOptions(map, r, kind, kindKnown, wordings);
        var effectiveOptions = kind.HasListedOptions() ? options : AnswerKinds.ImpliedOptions(kind);
        var label = id?.Value ?? "?";
        r.OnlyFor(map, "low_label", kindKnown && kind == AnswerKind.Scale, "scale");
        r.OnlyFor(map, "high_label", kindKnown && kind == AnswerKind.Scale, "scale");
        r.OnlyFor(map, "unit", kindKnown && kind == AnswerKind.Number, "number");

        var concernNode = r.Child(map, "concern_when");
        var concern = concernNode is null ? null : ReadCondition(concernNode, r, label, kind, kindKnown, effectiveOptions);
        var followUps = new List<FollowUp>();
        foreach (var followUpNode in r.OptionalSequence(map, "follow_ups"))
        {
            var followUp = ReadFollowUp(followUpNode, r, label, kind, kindKnown, effectiveOptions);
            if (followUp is null)
            {
                continue;
            }

            followUps.Add(followUp.Value.FollowUp);
            followUpEdges.AddRange(followUp.Value.Targets.Select(t => (label, t.Id, t.Node)));
        }

        if (id is null || text is null || !kindKnown)
        {
            return null;
        }

        return new Question(
            id.Value,
            sectionId,
            text,
            help,
            kind,
            options,
            ReadGroups(map, r),
            r.OptionalBool(map, "required") ?? false,
            concern,
            followUps,
            r.OptionalText(map, "unit"),
            lowLabel,
            highLabel)
        { ForCommunity = forCommunity, Wordings = wordings };
    }

    private static List<ChoiceOption> ReadOptions(YamlMappingNode map, NodeReader r, AnswerKind kind, bool kindKnown, Wordings wordings)
    {
        var options = new List<ChoiceOption>();
        var optionsNode = r.Child(map, "options");
        if (kindKnown && !kind.HasListedOptions())
        {
            if (optionsNode is not null)
            {
                r.Error(optionsNode, "'options' is only for single_choice and multiple_choice questions");
            }

            return options;
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var optionNode in r.OptionalSequence(map, "options"))
        {
            if (r.Mapping(optionNode, OptionKeys, "option") is not { } optionMap)
            {
                continue;
            }

            var optionId = r.RequiredId(optionMap, "id", "option");
            var optionLabel = optionId is null ? null : r.OptionalWording(optionMap, "label", wordings, Wordings.Option(optionId.Value));
            if (r.Child(optionMap, "label") is null)
            {
                r.Error(optionMap, "option is missing 'label'");
            }

            if (optionId is not null && !ids.Add(optionId.Value))
            {
                r.Error(optionId.Node, $"duplicate option id '{optionId.Value}'");
            }

            if (optionId is not null && optionLabel is not null)
            {
                options.Add(new ChoiceOption(optionId.Value, optionLabel));
            }
        }

        if (kindKnown && options.Count < 2)
        {
            r.Error(optionsNode ?? map, "a choice question needs at least two options");
        }

        return options;
    }

    private static HashSet<StakeholderGroup> ReadGroups(YamlMappingNode map, NodeReader r)
    {
        var groups = new HashSet<StakeholderGroup>();
        foreach (var groupNode in r.OptionalSequence(map, "asked_of"))
        {
            var value = (groupNode as YamlScalarNode)?.Value;
            var info = StakeholderGroups.All.FirstOrDefault(g => g.Id == value);
            if (info is null)
            {
                r.Error(groupNode, $"unknown stakeholder group '{value}'; use one of {string.Join(", ", StakeholderGroups.All.Select(g => g.Id))}");
                continue;
            }

            groups.Add(info.Group);
        }

        return groups;
    }
}
