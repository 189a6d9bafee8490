using YamlDotNet.RepresentationModel;

namespace DeliberationBot.Core.Flows;

/// <summary>Typed reads from a YAML mapping that record a located error instead of throwing.</summary>
internal sealed class NodeReader(string file)
{
    public string File { get; } = file;

    public List<FlowError> Errors { get; } = [];

    public void Error(YamlNode node, string message) =>
        Errors.Add(new FlowError(File, (int)node.Start.Line, (int)node.Start.Column, message));

    public void CheckKeys(YamlMappingNode map, string[] allowed, string what)
    {
        foreach (var key in map.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value;
            if (name is null || !allowed.Contains(name))
            {
                Error(key, $"unknown key '{name}' in {what}; allowed keys are {string.Join(", ", allowed)}");
            }
        }
    }

    /// <summary>A list item that is a mapping of the allowed keys; null, with the error, when it is not a mapping.</summary>
    public YamlMappingNode? Mapping(YamlNode node, string[] allowed, string what)
    {
        if (node is not YamlMappingNode map)
        {
            Error(node, $"each {what} is a mapping with the keys {string.Join(", ", allowed)}");
            return null;
        }

        CheckKeys(map, allowed, what);
        return map;
    }

    public YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

    public string? OptionalText(YamlMappingNode map, string key)
    {
        var node = Child(map, key);
        if (node is null)
        {
            return null;
        }

        if (node is YamlScalarNode scalar && !string.IsNullOrWhiteSpace(scalar.Value))
        {
            return scalar.Value.Trim();
        }

        Error(node, $"'{key}' must be a non-empty text");
        return null;
    }

    /// <summary>
    /// A text that may be worded per language (<c>text: {en: …, es: …}</c>): returns the English wording, which every
    /// non-public reader sees, and adds the others to <paramref name="translations"/> under their language and <paramref name="field"/>.
    /// </summary>
    public string? OptionalWording(YamlMappingNode map, string key, Wordings translations, string? field = null)
    {
        if (Child(map, key) is not YamlMappingNode perLanguage)
        {
            return OptionalText(map, key);
        }

        string? english = null;
        foreach (var (languageNode, textNode) in perLanguage.Children)
        {
            var language = (languageNode as YamlScalarNode)?.Value ?? "";
            var text = (textNode as YamlScalarNode)?.Value?.Trim();
            if (!FlowParser.LanguageTag().IsMatch(language))
            {
                Error(languageNode, $"'{language}' is not a language code; use a code such as en or es");
            }
            else if (string.IsNullOrWhiteSpace(text))
            {
                Error(textNode, $"'{key}' in '{language}' must be a non-empty text");
            }
            else if (language == Wordings.English)
            {
                english = text;
            }
            else
            {
                translations.Add(language, field ?? key, text);
            }
        }

        if (english is null)
        {
            Error(perLanguage, $"'{key}' worded per language must include the English wording (en:), which the chat shows");
        }

        return english;
    }

    public string? RequiredWording(YamlMappingNode map, string key, Wordings translations, string what)
    {
        if (Child(map, key) is null)
        {
            Error(map, $"{what} is missing '{key}'");
            return null;
        }

        return OptionalWording(map, key, translations);
    }

    public string? RequiredText(YamlMappingNode map, string key, string what)
    {
        if (Child(map, key) is null)
        {
            Error(map, $"{what} is missing '{key}'");
            return null;
        }

        return OptionalText(map, key);
    }

    public LocatedId? RequiredId(YamlMappingNode map, string key, string what)
    {
        var text = RequiredText(map, key, what);
        if (text is null)
        {
            return null;
        }

        var node = Child(map, key)!;
        if (!FlowParser.KebabCase().IsMatch(text))
        {
            Error(node, $"{what} id '{text}' must be lower-case words joined by hyphens (for example 'added-workload')");
            return null;
        }

        return new LocatedId(text, node);
    }

    public string? OptionalEnum(YamlMappingNode map, string key, string[] allowed)
    {
        var text = OptionalText(map, key);
        if (text is not null && !allowed.Contains(text))
        {
            Error(Child(map, key)!, $"unknown {key} '{text}'; use one of {string.Join(", ", allowed)}");
            return null;
        }

        return text;
    }

    public bool? OptionalBool(YamlMappingNode map, string key)
    {
        var text = OptionalText(map, key);
        if (text is null)
        {
            return null;
        }

        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        Error(Child(map, key)!, $"'{key}' must be true or false");
        return null;
    }

    public decimal? OptionalNumber(YamlMappingNode map, string key)
    {
        var text = OptionalText(map, key);
        if (text is null)
        {
            return null;
        }

        var value = FlowParser.ParseNumber(text);
        if (value is null)
        {
            Error(Child(map, key)!, $"'{key}' must be a number");
        }

        return value;
    }

    public IEnumerable<YamlNode> OptionalSequence(YamlMappingNode map, string key)
    {
        var node = Child(map, key);
        if (node is null)
        {
            return [];
        }

        if (node is YamlSequenceNode sequence)
        {
            return sequence.Children;
        }

        Error(node, $"'{key}' must be a list");
        return [];
    }

    public IEnumerable<YamlNode> RequiredSequence(YamlMappingNode map, string key, string what)
    {
        var node = Child(map, key);
        if (node is null)
        {
            Error(map, $"{what} is missing '{key}'");
            return [];
        }

        var items = OptionalSequence(map, key).ToList();
        if (node is YamlSequenceNode && items.Count == 0)
        {
            Error(node, $"'{key}' must not be empty");
        }

        return items;
    }

    public void OnlyFor(YamlMappingNode map, string key, bool allowed, string kind)
    {
        if (!allowed && Child(map, key) is { } node)
        {
            Error(node, $"'{key}' is only for {kind} questions");
        }
    }
}

internal sealed record LocatedId(string Value, YamlNode Node);
