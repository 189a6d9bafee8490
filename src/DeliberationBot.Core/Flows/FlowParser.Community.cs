using System.Text.RegularExpressions;
using DeliberationBot.Core.Stakeholders;
using YamlDotNet.RepresentationModel;

namespace DeliberationBot.Core.Flows;

/// <summary>The public page's part of a flow: which questions it asks, and in which languages they are worded.</summary>
public static partial class FlowParser
{
    private static List<string> ReadLanguages(YamlMappingNode root, NodeReader r)
    {
        var languages = new List<string> { Wordings.English };
        foreach (var node in r.OptionalSequence(root, "languages"))
        {
            var language = (node as YamlScalarNode)?.Value ?? "";
            if (!LanguageTag().IsMatch(language))
            {
                r.Error(node, $"'{language}' is not a language code; use a code such as en or es");
            }
            else if (!languages.Contains(language))
            {
                languages.Add(language);
            }
        }

        return languages;
    }

    /// <summary>
    /// A community question must be one community members are asked, its follow-ups must be for the community too, and
    /// every language the flow lists must word it in full, with its section's title and intro.
    /// </summary>
    private static void CheckCommunity(NodeReader r, List<Section> sections, List<string> languages, Dictionary<string, YamlNode> questionNodes)
    {
        var byId = sections.SelectMany(s => s.Questions).GroupBy(q => q.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var section in sections)
        {
            foreach (var q in section.Questions.Where(q => q.ForCommunity))
            {
                var at = questionNodes[q.Id];
                if (!q.IsAskedOf(StakeholderGroup.Community))
                {
                    r.Error(at, $"question '{q.Id}' is for the community page but not asked of the community group; add community to asked_of or remove audience");
                }

                foreach (var target in q.FollowUps.SelectMany(f => f.Ask).Where(t => byId.TryGetValue(t, out var f) && !f.ForCommunity))
                {
                    r.Error(at, $"follow-up '{target}' of community question '{q.Id}' must also have audience: community");
                }

                foreach (var language in languages.Where(l => l != Wordings.English))
                {
                    var missing = FieldsOf(section, q).Where(f => !f.Wordings.Has(language, f.Field)).Select(f => f.Field).ToList();
                    if (missing.Count > 0)
                    {
                        r.Error(at, $"the flow lists language '{language}', but community question '{q.Id}' has no '{language}' wording for {string.Join(", ", missing)}");
                    }
                }
            }
        }
    }

    private static IEnumerable<(Wordings Wordings, string Field)> FieldsOf(Section section, Question q)
    {
        yield return (section.Wordings, "title");
        if (section.Intro is not null)
        {
            yield return (section.Wordings, "intro");
        }

        yield return (q.Wordings, "text");
        foreach (var (field, value) in new[] { ("help", q.Help), ("low_label", q.LowLabel), ("high_label", q.HighLabel) })
        {
            if (value is not null)
            {
                yield return (q.Wordings, field);
            }
        }

        foreach (var option in q.Options)
        {
            yield return (q.Wordings, Wordings.Option(option.Id));
        }
    }

    public static bool IsLanguageTag(string text) => LanguageTag().IsMatch(text);

    [GeneratedRegex("^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
    internal static partial Regex LanguageTag();
}
