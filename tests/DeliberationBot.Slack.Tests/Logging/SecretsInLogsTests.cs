using System.Net;
using System.Text.RegularExpressions;
using DeliberationBot.Slack.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DeliberationBot.Slack.Tests.Logging;

/// <summary>
/// A whole journey with every log category at Trace (ASP.NET Core's request lines and HttpClient's included): the log
/// holds no export token, bot token, signing secret, request signature or bearer token, nor a person's words.
/// </summary>
public sealed partial class SecretsInLogsTests : IAsyncLifetime
{
    private FakeSlackApi _api = null!;
    private SlackTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _api = await FakeSlackApi.StartAsync();
        _host = await SlackTestHost.StartAsync(_api, services: services => services.Configure<LoggerFilterOptions>(o =>
        {
            o.MinLevel = LogLevel.Trace;
            o.Rules.Add(new LoggerFilterRule(typeof(ListLoggerProvider).FullName, null, LogLevel.Trace, null));
        }));
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _api.DisposeAsync();
    }

    [Fact]
    public async Task A_journey_logged_at_every_level_carries_no_secret()
    {
        var deliberation = await _host.StartDeliberationAsync("start quick-check \"Predictive screening\" anonymous");
        var card = await _host.CardAsync(deliberation);
        await _host.EventAsync(SlackPayloads.Event(SlackPayloads.Message("U0ANN", "In our office we were not asked.", "1700000100.000200", card.MessageId)));
        await _host.PostAsync("application/x-www-form-urlencoded", SlackTestHost.Form(SlackPayloads.Command("help")), secret: "a-forged-secret");

        var export = await SlackTestHost.JsonAsync(await _host.CommandAsync("export"));
        var links = ExportLink().Matches(string.Join("\n", RecordedCall.StringsOf(export))).Select(m => WebUtility.HtmlDecode(m.Value)).ToList();
        Assert.NotEmpty(links);
        foreach (var link in links)
        {
            Assert.Equal(HttpStatusCode.OK, (await _host.Http.GetAsync(new Uri(link).PathAndQuery)).StatusCode);
        }

        await _host.Http.GetAsync("/api/deliberations/" + deliberation.Id + "/export?format=json&token=not-a-valid-token-but-secret-looking");
        await _host.SettleOutboxAsync();

        var log = string.Join("\n", _host.Logs.Entries.Select(e => e.Message + " " + e.Exception));
        Assert.Contains("Request starting", log, StringComparison.Ordinal); // the request lines were logged, and scanned
        var tokens = links.Select(l => Token().Match(l).Groups["token"].Value).Append("not-a-valid-token-but-secret-looking").ToList();
        Assert.All(tokens, token => Assert.DoesNotContain(token, log, StringComparison.Ordinal));
        Assert.DoesNotContain(SlackFactory.BotToken, log, StringComparison.Ordinal);
        Assert.DoesNotContain(SlackFactory.Secret, log, StringComparison.Ordinal);
        Assert.DoesNotMatch(Signature(), log);
        Assert.DoesNotMatch(BearerValue(), log);
        Assert.DoesNotContain("we were not asked", log, StringComparison.Ordinal); // a person's words are theirs, not the log's
    }

    [GeneratedRegex(@"https?://[^\s|>""]+/export\?[^\s|>""]+")]
    private static partial Regex ExportLink();

    [GeneratedRegex(@"[?&]token=(?<token>[^&]+)")]
    private static partial Regex Token();

    [GeneratedRegex("v0=[0-9a-f]{64}")]
    private static partial Regex Signature();

    [GeneratedRegex(@"Bearer (?!\[redacted\])\S+")]
    private static partial Regex BearerValue();
}
