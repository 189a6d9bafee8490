using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using DeliberationBot.Core.Stakeholders;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DeliberationBot.Core.Flows;

/// <summary>
/// Reads a flow from YAML text and validates it, collecting every problem with its file, line and column.
/// Walks the YAML node tree by hand (rather than deserialising) so each error can point at the exact node.
/// </summary>
public static partial class FlowParser
{
    private static readonly string[] FlowKeys = ["id", "title", "description", "languages", "sections"];
    private static readonly string[] SectionKeys = ["id", "title", "intro", "relation", "area", "audience", "questions"];
    private static readonly string[] QuestionKeys = ["id", "text", "help", "kind", "options", "low_label", "high_label", "unit", "asked_of", "audience", "required", "concern_when", "follow_ups"];
    private static readonly string[] Audiences = ["community"];
    private static readonly string[] OptionKeys = ["id", "label"];
    private static readonly string[] ConditionKeys = ["any_of", "at_least", "at_most"];
    private static readonly string[] FollowUpKeys = ["when", "ask"];
    private static readonly string[] Relations = ["within", "above", "below"];
    private static readonly string[] Areas = ["goals-and-use", "societal-and-legal", "data-and-modelling", "governance"];

    public static FlowDefinition Parse(string yaml, string fileName, string? expectedId = null)
    {
        var reader = new NodeReader(fileName);
        var flow = ReadFlow(yaml, reader, expectedId);
        if (reader.Errors.Count > 0 || flow is null)
        {
            throw new FlowValidationException(reader.Errors);
        }

        return flow;
    }

    private static FlowDefinition? ReadFlow(string yaml, NodeReader r, string? expectedId)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            r.Errors.Add(new FlowError(r.File, (int)e.Start.Line, (int)e.Start.Column, "not valid YAML: " + e.Message));
            return null;
        }
        catch (InvalidOperationException e)
        {
            // The YAML library reports some truncated documents (an unclosed '[' at the end) this way.
            r.Errors.Add(new FlowError(r.File, yaml.Split('\n').Length, 1, "not valid YAML: the file ends too early: " + e.Message));
            return null;
        }

        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            r.Errors.Add(new FlowError(r.File, 1, 1, "a flow file holds one mapping with the keys " + string.Join(", ", FlowKeys)));
            return null;
        }

        r.CheckKeys(root, FlowKeys, "flow");
        var id = r.RequiredId(root, "id", "flow");
        if (id is not null && expectedId is not null && id.Value != expectedId)
        {
            r.Error(id.Node, $"flow id '{id.Value}' must match the file name '{expectedId}'");
        }

        var title = r.RequiredText(root, "title", "flow");
        var description = r.OptionalText(root, "description") ?? "";
        var languages = ReadLanguages(root, r);
        var sections = new List<Section>();
        var questionNodes = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        var sectionIds = new HashSet<string>(StringComparer.Ordinal);
        var followUpEdges = new List<(string From, string To, YamlNode At)>();

        foreach (var sectionNode in r.RequiredSequence(root, "sections", "flow"))
        {
            var section = ReadSection(sectionNode, r, sectionIds, questionNodes, followUpEdges);
            if (section is not null)
            {
                sections.Add(section);
            }
        }

        CheckFollowUps(r, questionNodes, followUpEdges);
        CheckCommunity(r, sections, languages, questionNodes);
        if (id is null || title is null || r.Errors.Count > 0)
        {
            return null;
        }

        return new FlowDefinition(id.Value, title, description, sections, VersionOf(yaml), yaml) { Languages = languages };
    }

    private static Section? ReadSection(
        YamlNode node,
        NodeReader r,
        HashSet<string> sectionIds,
        Dictionary<string, YamlNode> questionNodes,
        List<(string From, string To, YamlNode At)> followUpEdges)
    {
        if (node is not YamlMappingNode map)
        {
            r.Error(node, "each section is a mapping with the keys " + string.Join(", ", SectionKeys));
            return null;
        }

        r.CheckKeys(map, SectionKeys, "section");
        var id = r.RequiredId(map, "id", "section");
        if (id is not null && !sectionIds.Add(id.Value))
        {
            r.Error(id.Node, $"duplicate section id '{id.Value}'");
        }

        var wordings = new Wordings();
        var title = r.OptionalWording(map, "title", wordings);
        if (r.Child(map, "title") is null)
        {
            r.Error(map, "section is missing 'title'");
        }

        var intro = r.OptionalWording(map, "intro", wordings);
        var forCommunity = r.OptionalEnum(map, "audience", Audiences) is not null;
        var relation = r.OptionalEnum(map, "relation", Relations);
        var area = r.OptionalEnum(map, "area", Areas);
        var questions = new List<Question>();
        foreach (var questionNode in r.RequiredSequence(map, "questions", "section"))
        {
            var question = ReadQuestion(questionNode, id?.Value ?? "", forCommunity, r, questionNodes, followUpEdges);
            if (question is not null)
            {
                questions.Add(question);
            }
        }

        return id is null || title is null ? null : new Section(id.Value, title, intro, relation, area, questions) { Wordings = wordings };
    }

    private static Question? ReadQuestion(
        YamlNode node,
        string sectionId,
        bool sectionForCommunity,
        NodeReader r,
        Dictionary<string, YamlNode> questionNodes,
        List<(string From, string To, YamlNode At)> followUpEdges)
    {
        if (node is not YamlMappingNode map)
        {
            r.Error(node, "each question is a mapping with the keys " + string.Join(", ", QuestionKeys));
            return null;
        }

        r.CheckKeys(map, QuestionKeys, "question");
        var id = r.RequiredId(map, "id", "question");
        if (id is not null && !questionNodes.TryAdd(id.Value, id.Node))
        {
            r.Error(id.Node, $"duplicate question id '{id.Value}' (question ids are unique across the whole flow)");
        }

        var wordings = new Wordings();
        var text = r.OptionalWording(map, "text", wordings);
        if (r.Child(map, "text") is null)
        {
            r.Error(map, "question is missing 'text'");
        }

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
            if (optionNode is not YamlMappingNode optionMap)
            {
                r.Error(optionNode, "each option is a mapping with the keys id, label");
                continue;
            }

            r.CheckKeys(optionMap, OptionKeys, "option");
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

    private static string VersionOf(string yaml) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(yaml.ReplaceLineEndings("\n"))))[..16];

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    internal static partial Regex KebabCase();

    internal static decimal? ParseNumber(string? text) =>
        decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var n) ? n : null;
}
