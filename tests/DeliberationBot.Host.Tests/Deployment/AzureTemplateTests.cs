using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace DeliberationBot.Host.Tests.Deployment;

/// <summary>
/// azuredeploy.json checked offline: every name it uses is declared and every declaration used, dependencies name
/// resources it declares, API versions are dated releases, secrets stay secret and the site is set up as App Service
/// needs it. What only a deployment to Azure can show is listed in the README (Deploy to Azure).
/// </summary>
public sealed partial class AzureTemplateTests
{
    public static TheoryData<string> Sections => ["parameters", "variables"];

    [Theory]
    [MemberData(nameof(Sections))]
    public void Every_parameter_and_variable_referenced_is_declared_and_every_one_declared_is_referenced(string section)
    {
        var function = section[..^1] + "s"; // parameters('x'), variables('x')
        foreach (var template in AzureTemplate.Main.WithNested())
        {
            var declared = template.Declared(section).ToHashSet(StringComparer.Ordinal);
            var referenced = template.Expressions().SelectMany(e => ArmExpression.References(e, function)).ToHashSet(StringComparer.Ordinal);

            Assert.True(referenced.IsSubsetOf(declared), $"{template.Name}: {section} referenced but not declared: {string.Join(", ", referenced.Except(declared))}");
            Assert.True(declared.IsSubsetOf(referenced), $"{template.Name}: {section} declared but never used: {string.Join(", ", declared.Except(referenced))}");
        }
    }

    [Fact]
    public void Every_dependsOn_names_a_resource_or_copy_loop_of_the_same_template()
    {
        foreach (var template in AzureTemplate.Main.WithNested())
        {
            var resources = template.Resources.Select(Key).ToHashSet(StringComparer.Ordinal);
            var loops = template.Resources.Where(r => r.TryGetProperty("copy", out _)).Select(r => r.GetProperty("copy").GetProperty("name").GetString()!).ToHashSet(StringComparer.Ordinal);
            foreach (var resource in template.Resources.Where(r => r.TryGetProperty("dependsOn", out _)))
            {
                foreach (var dependency in resource.GetProperty("dependsOn").EnumerateArray().Select(d => d.GetString()!))
                {
                    var known = ArmExpression.IsExpression(dependency) ? resources.Contains(DependencyKey(dependency)) : loops.Contains(dependency);
                    Assert.True(known, $"{template.Name}: {resource.GetProperty("type")} depends on {dependency}, which the template does not declare");
                }
            }
        }
    }

    [Fact]
    public void Every_api_version_is_a_dated_release()
    {
        foreach (var template in AzureTemplate.Main.WithNested())
        {
            foreach (var resource in template.Resources)
            {
                Assert.Matches(DatedVersion(), resource.GetProperty("apiVersion").GetString()!);
            }

            foreach (var expression in template.Expressions().Where(e => e.Contains("reference(", StringComparison.Ordinal)))
            {
                foreach (Match version in VersionLiteral().Matches(expression))
                {
                    Assert.Matches(DatedVersion(), version.Groups[1].Value);
                }
            }
        }

        Assert.Equal("https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", AzureTemplate.Main.Root.GetProperty("$schema").GetString());
    }

    [Fact]
    public void Parameters_have_descriptions_and_defaults_and_secrets_are_secure_strings_kept_in_key_vault()
    {
        var template = AzureTemplate.Main;
        foreach (var parameter in template.Root.GetProperty("parameters").EnumerateObject())
        {
            var type = parameter.Value.GetProperty("type").GetString()!;
            Assert.False(string.IsNullOrWhiteSpace(parameter.Value.GetProperty("metadata").GetProperty("description").GetString()), $"{parameter.Name} has no description");
            if (SecretName().IsMatch(parameter.Name))
            {
                Assert.True(type.Equals("securestring", StringComparison.OrdinalIgnoreCase), $"{parameter.Name} must be a securestring");
            }

            if (type.Equals("securestring", StringComparison.OrdinalIgnoreCase))
            {
                // A secret goes into a Key Vault secret, directly or through the Slack secrets list, and nowhere else.
                var uses = template.Expressions().Where(e => ArmExpression.References(e, "parameters").Contains(parameter.Name)).ToList();
                Assert.All(uses, e => Assert.True(e == $"parameters('{parameter.Name}')" || e.StartsWith("empty(parameters(", StringComparison.Ordinal) || e.StartsWith("concat(variables('settings')", StringComparison.Ordinal), $"{parameter.Name} is used in {e}"));
                Assert.DoesNotContain(parameter.Name, template.Root.GetProperty("outputs").GetRawText(), StringComparison.Ordinal);
            }
            else
            {
                Assert.True(parameter.Value.TryGetProperty("defaultValue", out _), $"{parameter.Name} has no default");
            }
        }

        var secretValues = template.Resources.Where(r => r.GetProperty("type").GetString() == "Microsoft.KeyVault/vaults/secrets").Select(r => r.GetProperty("properties").GetProperty("value").GetString()).ToList();
        var listed = template.Variable("slackSecrets").EnumerateArray().Select(s => s.GetProperty("value").GetString()).ToList();
        foreach (var secret in template.Root.GetProperty("parameters").EnumerateObject().Where(p => p.Value.GetProperty("type").GetString()!.Equals("securestring", StringComparison.OrdinalIgnoreCase)))
        {
            Assert.Contains($"[parameters('{secret.Name}')]", secretValues.Concat(listed));
        }
    }

    [Fact]
    public void Every_resource_is_named_from_the_prefix()
    {
        var template = AzureTemplate.Main;
        foreach (var resource in template.Resources.Where(r => r.GetProperty("type").GetString() != "Microsoft.Authorization/roleAssignments"))
        {
            var first = ArmExpression.NameSegments(resource.GetProperty("name").GetString()!)[0];
            var definition = ArmExpression.References(first, "variables").Select(v => template.Variable(v).GetString()).FirstOrDefault() ?? first;
            Assert.Contains("parameters('namePrefix')", definition, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_site_is_https_only_always_on_checked_on_readyz_runs_our_package_as_the_identity_and_reads_secrets_from_key_vault()
    {
        var template = AzureTemplate.Main;
        var site = template.Site;
        var properties = site.GetProperty("properties");
        var config = properties.GetProperty("siteConfig");
        Assert.True(properties.GetProperty("httpsOnly").GetBoolean());
        Assert.True(config.GetProperty("alwaysOn").GetBoolean());
        Assert.Equal("/readyz", config.GetProperty("healthCheckPath").GetString());
        Assert.Equal("DOTNETCORE|10.0", config.GetProperty("linuxFxVersion").GetString());
        Assert.Equal($"dotnet {typeof(Program).Assembly.GetName().Name}.dll", config.GetProperty("appCommandLine").GetString());
        Assert.Equal("UserAssigned", site.GetProperty("identity").GetProperty("type").GetString());
        var identity = Assert.Single(site.GetProperty("identity").GetProperty("userAssignedIdentities").EnumerateObject()).Name;
        Assert.Equal(identity, $"[{properties.GetProperty("keyVaultReferenceIdentity").GetString()![1..^1]}]");

        var settings = template.AppSettings();
        Assert.Equal("[parameters('packageUrl')]", settings["WEBSITE_RUN_FROM_PACKAGE"]);
        Assert.DoesNotContain(settings.Keys, k => k.Equals("Urls", StringComparison.OrdinalIgnoreCase) || k == "ASPNETCORE_URLS"); // App Service says where to listen
        Assert.DoesNotContain("Password", settings["ConnectionStrings__Deliberations"], StringComparison.OrdinalIgnoreCase);
        Assert.Contains("SSL Mode=VerifyFull", settings["ConnectionStrings__Deliberations"], StringComparison.Ordinal);

        // Burstable B1ms allows 35 connections in all (Azure keeps 15 of its 50): however many instances there are, each
        // gets at least one and together they leave a few for an operator's own session.
        Assert.Contains("variables('postgresPoolSize')", settings["ConnectionStrings__Deliberations"], StringComparison.Ordinal);
        var pool = PoolOnB1ms().Match(template.Variable("postgresPoolSize").GetString()!);
        Assert.True(pool.Success, "on B1ms the connection string sets Maximum Pool Size to min(cap, div(shared, instanceCount))");
        var (cap, shared) = (int.Parse(pool.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(pool.Groups[2].Value, CultureInfo.InvariantCulture));
        var instances = template.Root.GetProperty("parameters").GetProperty("instanceCount");
        for (var n = instances.GetProperty("minValue").GetInt32(); n <= instances.GetProperty("maxValue").GetInt32(); n++)
        {
            var each = Math.Min(cap, shared / n);
            Assert.InRange(each, 1, 16);
            Assert.InRange(each * n, 1, 30);
        }

        var created = template.Resources.Where(r => r.GetProperty("type").GetString() == "Microsoft.KeyVault/vaults/secrets").Select(r => ArmExpression.NameSegments(r.GetProperty("name").GetString()!)[1].Trim('\''))
            .Concat(template.Variable("slackSecrets").EnumerateArray().Select(s => s.GetProperty("name").GetString()!))
            .ToHashSet(StringComparer.Ordinal);
        var referenced = settings.Values.Select(v => KeyVaultSecret().Match(v)).Where(m => m.Success).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(referenced);
        Assert.All(referenced, secret => Assert.Contains(secret, created));
    }

    /// <summary>A resource as "type|segment|segment…", segments being expressions or quoted literals.</summary>
    private static string Key(JsonElement resource) =>
        resource.GetProperty("type").GetString() + "|" + string.Join("|", ArmExpression.NameSegments(resource.GetProperty("name").GetString()!));

    private static string DependencyKey(string dependency)
    {
        var call = ArmExpression.Call(ArmExpression.Body(dependency));
        Assert.True(call is ("resourceId" or "extensionResourceId", _), $"dependsOn {dependency} should be resourceId(…) or extensionResourceId(…)");
        var args = call!.Value.Args;
        var type = args.FindIndex(a => a.StartsWith('\'') && a.Contains('/', StringComparison.Ordinal));
        return args[type].Trim('\'') + "|" + string.Join("|", args.Skip(type + 1));
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    private static partial Regex DatedVersion();

    [GeneratedRegex(@"'(\d{4}-\d{2}-\d{2}[^']*)'\)")]
    private static partial Regex VersionLiteral();

    [GeneratedRegex("(Secret|Token|Key|Certificate|Password)$")]
    private static partial Regex SecretName();

    [GeneratedRegex(@"SecretName=([A-Za-z0-9-]+)\)")]
    private static partial Regex KeyVaultSecret();

    [GeneratedRegex(@"^\[if\(equals\(parameters\('postgresSku'\), 'Standard_B1ms'\), format\(';Maximum Pool Size=\{0\}', min\((\d+), div\((\d+), parameters\('instanceCount'\)\)\)\), ''\)\]$")]
    private static partial Regex PoolOnB1ms();
}
