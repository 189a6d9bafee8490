using System.Text.Json;
using System.Text.RegularExpressions;
using DeliberationBot.Host.Tests.Support;

namespace DeliberationBot.Host.Tests.Deployment;

/// <summary>azuredeploy.json read as data: its templates (the outer one and nested ones with their own scope), resources and app settings.</summary>
internal sealed partial class AzureTemplate
{
    private AzureTemplate(string name, JsonElement root)
    {
        Name = name;
        Root = root;
    }

    public static AzureTemplate Main { get; } = new("azuredeploy.json", JsonDocument.Parse(File.ReadAllText(Path.Combine(Repository.Root, "azuredeploy.json"))).RootElement.Clone());

    public string Name { get; }

    public JsonElement Root { get; }

    /// <summary>This template and every nested template that evaluates its expressions in its own scope.</summary>
    public IEnumerable<AzureTemplate> WithNested()
    {
        yield return this;
        foreach (var resource in Resources.Where(r => r.GetProperty("type").GetString() == "Microsoft.Resources/deployments"))
        {
            var properties = resource.GetProperty("properties");
            if (properties.TryGetProperty("template", out var inner))
            {
                Assert.Equal("inner", properties.GetProperty("expressionEvaluationOptions").GetProperty("scope").GetString());
                yield return new AzureTemplate(resource.GetProperty("name").GetString()!, inner);
            }
        }
    }

    public List<JsonElement> Resources => [.. Root.GetProperty("resources").EnumerateArray()];

    public IEnumerable<string> Declared(string section) =>
        Root.TryGetProperty(section, out var s) ? s.EnumerateObject().Select(p => p.Name) : [];

    public JsonElement Variable(string name) => Root.GetProperty("variables").GetProperty(name);

    /// <summary>Every expression in this template (values and property names), not those of nested inner-scoped templates.</summary>
    public IEnumerable<string> Expressions() => Strings(Root).Where(ArmExpression.IsExpression).Select(ArmExpression.Body);

    public JsonElement Site => Assert.Single(Resources, r => r.GetProperty("type").GetString() == "Microsoft.Web/sites");

    /// <summary>Every app setting the site may get (each conditional group included), with its value as written in the template.</summary>
    public Dictionary<string, string> AppSettings()
    {
        var expression = Site.GetProperty("properties").GetProperty("siteConfig").GetProperty("appSettings").GetString()!;
        Assert.True(ArmExpression.IsExpression(expression), "appSettings is built by one expression");
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match m in InlineSetting().Matches(expression))
        {
            settings.Add(m.Groups[1].Value, m.Groups[2].Success ? m.Groups[2].Value : "[inline]");
        }

        foreach (var variable in ArmExpression.References(expression, "variables").Distinct())
        {
            var value = Variable(variable);
            if (value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.Object && e.TryGetProperty("name", out _) && e.TryGetProperty("value", out _)))
            {
                foreach (var setting in value.EnumerateArray())
                {
                    settings.Add(setting.GetProperty("name").GetString()!, setting.GetProperty("value").GetString()!);
                }
            }
        }

        return settings;
    }

    private static IEnumerable<string> Strings(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                yield return element.GetString()!;
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray().SelectMany(Strings))
                {
                    yield return item;
                }

                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    yield return property.Name;
                    if (property.Name == "template" && element.TryGetProperty("expressionEvaluationOptions", out _))
                    {
                        continue; // a nested template with its own scope is checked on its own
                    }

                    foreach (var item in Strings(property.Value))
                    {
                        yield return item;
                    }
                }

                break;
        }
    }

    [GeneratedRegex(@"createObject\('name',\s*'([^']+)',\s*'value',\s*(?:'([^']*)'\))?")]
    private static partial Regex InlineSetting();
}
