using DeliberationBot.Slack.Inbound;
using DeliberationBot.Slack.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using YamlDotNet.Serialization;

namespace DeliberationBot.Slack.Tests.Manifest;

/// <summary>manifests/slack/manifest.yaml, the app people paste into Slack, asks for exactly what the code uses.</summary>
public sealed class ManifestTests
{
    private static readonly string Path = System.IO.Path.Combine(Repository.Root, "manifests", "slack", "manifest.yaml");
    private static readonly Dictionary<object, object> Manifest = new DeserializerBuilder().Build().Deserialize<Dictionary<object, object>>(File.ReadAllText(Path));

    /// <summary>Slack's rule: the scope a bot needs to receive each event (events without one are absent).</summary>
    private static readonly Dictionary<string, string> EventScopes = new()
    {
        ["app_mention"] = "app_mentions:read",
        ["message.channels"] = "channels:history",
        ["message.groups"] = "groups:history",
        ["message.im"] = "im:history",
        ["message.mpim"] = "mpim:history",
    };

    [Fact]
    public void The_bot_scopes_are_exactly_those_the_code_declares_each_with_its_reason()
    {
        var scopes = Strings(Map(Map(Manifest["oauth_config"])["scopes"])["bot"]);

        Assert.Equal(SlackApp.BotScopes.Order(StringComparer.Ordinal), scopes.Order(StringComparer.Ordinal));
        var lines = File.ReadAllLines(Path);
        foreach (var scope in scopes)
        {
            var line = Assert.Single(lines, l => l.Trim().StartsWith($"- {scope} ", StringComparison.Ordinal));
            Assert.Matches(@"#\s+\S.{10,}", line);
        }
    }

    [Fact]
    public void Every_kind_of_conversation_the_bot_posts_in_can_be_searched_for_a_post_whose_answer_was_lost()
    {
        var scopes = Strings(Map(Map(Manifest["oauth_config"])["scopes"])["bot"]);

        // conversations.history / conversations.replies need the history scope of the conversation's kind.
        Assert.Superset(new HashSet<string>(["channels:history", "groups:history", "im:history", "mpim:history"]), scopes.ToHashSet());
    }

    [Fact]
    public void The_slash_command_is_deliberate_with_a_usage_hint_and_escaped_mentions()
    {
        var command = Map(Assert.Single(List(Map(Manifest["features"])["slash_commands"])));

        Assert.Equal(SlackApp.Command, command["command"]);
        Assert.False(string.IsNullOrWhiteSpace((string)command["description"]));
        // The hint lists exactly the commands of the grammar, so a command added to it fails here until the hint offers it.
        var verbs = Core.Commands.Usage.All.Select(h => h.Usage.Split(' ')[0]).Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(verbs, ((string)command["usage_hint"]).Split(" · ").Order(StringComparer.Ordinal));
        // should_escape: owners arrive as <@U…|name>, which the command grammar reads as user ids.
        Assert.Equal("true", command["should_escape"]);
        Assert.EndsWith("/api/slack/events", (string)command["url"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_event_the_handler_handles_is_subscribed_and_nothing_else()
    {
        await using var api = await FakeSlackApi.StartAsync();
        await using var host = await SlackTestHost.StartAsync(api);
        var handled = host.Services.GetRequiredService<EventCallbackHandler>().HandledTypes;
        var subscribed = Strings(Map(Map(Manifest["settings"])["event_subscriptions"])["bot_events"]);

        var needed = handled.SelectMany(type => SlackApp.EventSubscriptions[type]).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(needed.Order(StringComparer.Ordinal), subscribed.Order(StringComparer.Ordinal));
        Assert.Contains("app_uninstalled", subscribed);
        Assert.Contains("tokens_revoked", subscribed);
        foreach (var e in subscribed.Where(EventScopes.ContainsKey))
        {
            Assert.Contains(EventScopes[e], SlackApp.BotScopes);
        }
    }

    [Fact]
    public void Interactivity_Socket_Mode_and_the_install_redirect_are_set_and_the_names_fit_Slack_limits()
    {
        var settings = Map(Manifest["settings"]);
        var interactivity = Map(settings["interactivity"]);
        Assert.Equal("true", interactivity["is_enabled"]);
        Assert.EndsWith("/api/slack/events", (string)interactivity["request_url"], StringComparison.Ordinal);
        Assert.Equal("true", settings["socket_mode_enabled"]);
        Assert.Equal("false", settings["org_deploy_enabled"]);
        Assert.EndsWith("/api/slack/oauth/callback", Assert.Single(Strings(Map(Manifest["oauth_config"])["redirect_urls"])), StringComparison.Ordinal);

        var display = Map(Manifest["display_information"]);
        Assert.InRange(((string)display["name"]).Length, 1, 35);
        Assert.InRange(((string)display["description"]).Length, 1, 140);
        Assert.InRange(((string)Map(Map(Manifest["features"])["bot_user"])["display_name"]).Length, 1, 80);
    }

    [Fact]
    public async Task Every_url_in_the_manifest_is_served_by_the_service()
    {
        await using var api = await FakeSlackApi.StartAsync();
        await using var host = await SlackTestHost.StartAsync(api, settings => (settings["Slack:ClientId"], settings["Slack:ClientSecret"]) = ("1234.5678", "client-secret"));
        var served = host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/')).ToHashSet(StringComparer.Ordinal);
        var urls = Urls(Manifest).ToList();

        Assert.NotEmpty(urls);
        Assert.All(urls, url => Assert.Contains(new Uri(url).AbsolutePath, served));
    }

    private static IEnumerable<string> Urls(object node) => node switch
    {
        string s when s.StartsWith("https://", StringComparison.Ordinal) => [s],
        Dictionary<object, object> map => map.Values.SelectMany(Urls),
        List<object> list => list.SelectMany(Urls),
        _ => [],
    };

    private static Dictionary<object, object> Map(object node) => Assert.IsType<Dictionary<object, object>>(node);

    private static List<object> List(object node) => Assert.IsType<List<object>>(node);

    private static List<string> Strings(object node) => [.. List(node).Cast<string>()];
}
