using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
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
        if (r.Mapping(node, SectionKeys, "section") is not { } map)
        {
            return null;
        }

        var id = r.RequiredId(map, "id", "section");
        if (id is not null && !sectionIds.Add(id.Value))
        {
            r.Error(id.Node, $"duplicate section id '{id.Value}'");
        }

        var wordings = new Wordings();
        var title = r.RequiredWording(map, "title", wordings, "section");

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

    private static string VersionOf(string yaml) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(yaml.ReplaceLineEndings("\n"))))[..16];

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    internal static partial Regex KebabCase();

    internal static decimal? ParseNumber(string? text) =>
        decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var n) ? n : null;
}
