using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using DeliberationBot.Benchmarks.Digests;
using DeliberationBot.Core.Commands;
using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Digests;
using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Stakeholders;
using DeliberationBot.Slack;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DeliberationBot.Benchmarks.HotPaths;

/// <summary>
/// The work on every request, one piece at a time, with allocations: Slack's signature check, a Teams token's
/// validation with the channel's keys already cached, parsing a typed command, rendering a question as Block Kit and
/// as an Adaptive Card (to the JSON sent), reading a Teams message's text (with and without its HTML), composing a leader's weekly digest over 1,000 deliberations, making a large
/// deliberation's concerns from its answers. The next-question step is <see cref="FlowEngineBenchmarks"/>.
/// </summary>
[MemoryDiagnoser]
public class HotPathBenchmarks : IDisposable
{
    private const string SlackSecret = "bench-signing-secret";

    private delegate int SlackVerify(string? timestamp, string? signature, ReadOnlySpan<byte> body);

    private readonly DateTimeOffset _now = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
    private SlackVerify _slackVerify = null!;
    private string _slackTimestamp = null!;
    private string _slackSignature = null!;
    private byte[] _slackBody = null!;
    private LocalChannelKeys _teams = null!;
    private Func<OutgoingMessage, JsonObject> _blockKit = null!;
    private Func<OutgoingMessage, JsonObject> _adaptiveCard = null!;
    private Func<OutgoingMessage, IReadOnlyList<JsonObject>> _teamsActivities = null!;
    private Func<JsonNode, int> _teamsBytes = null!;
    private QuestionPrompt _question = null!;
    private WeeklyDigest _smallDigest = null!;
    private DigestWorkspace _workspace = null!;
    private FlowDefinition _flow = null!;
    private Guid _deliberation;
    private List<Answer> _concernAnswers = null!;
    private IReadOnlyList<Concern> _storedConcerns = null!;
    private Func<byte[], string> _teamsText = null!;
    private byte[] _teamsMessage = null!;
    private byte[] _teamsMessageWithHtml = null!;
    private byte[] _teamsMessageWithHtmlLines = null!;

    [GlobalSetup]
    public void Setup()
    {
        // Slack: the verifier as the adapter builds it, and a slash command signed as Slack signs it.
        var verifier = ActivatorUtilities.CreateInstance(
            new ServiceCollection().BuildServiceProvider(),
            Internals.Type("DeliberationBot.Slack", "DeliberationBot.Slack.Inbound.SlackRequestVerifier"),
            Options.Create(new SlackOptions { SigningSecret = SlackSecret }), TimeProvider.System);
        _slackVerify = Internals.Bind<SlackVerify>(verifier.GetType(), "Verify", verifier);
        _slackBody = Encoding.UTF8.GetBytes("token=deprecated&team_id=T0BENCH&team_domain=bench&channel_id=C0BENCH&channel_name=general&user_id=U0P000001" +
            "&user_name=p1&command=%2Fdeliberate&text=concern+%22Nobody+asked+the+night+shift+how+this+fits+a+full+caseload%22&api_app_id=A0BENCH" +
            "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT0BENCH%2F1234567890%2FabcdefABCDEF1234567890&trigger_id=1700000000.1.abcdef123456");
        _slackTimestamp = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        _slackSignature = "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(SlackSecret), (byte[])[.. Encoding.UTF8.GetBytes($"v0:{_slackTimestamp}:"), .. _slackBody]));
        Check(SlackSignature() == 0, "the Slack signature was not accepted");

        _teams = LocalChannelKeys.StartAsync().GetAwaiter().GetResult();
        Check(_teams.FailureAsync().GetAwaiter().GetResult() is null, "the Teams token was not accepted");

        var flow = FlowParser.Parse(File.ReadAllText(Path.Combine(Repository.Root, "prompts", "flows", "quick-check.yaml")), "quick-check.yaml");
        var q = flow.Questions.Single(x => x.Id == "who-affected");
        _question = new QuestionPrompt(Guid.CreateVersion7(_now), "Screening tool for case intake", flow.Sections[0].Title, flow.Sections[0].Intro, q.Id, q.Text, q.Help,
            q.Kind, q.Options, q.Unit, q.LowLabel, q.HighLabel, q.Required, 1, 6, null, false, false);
        _blockKit = Internals.Call<OutgoingMessage, JsonObject>(Internals.Type("DeliberationBot.Slack", "DeliberationBot.Slack.Rendering.MessageRenderer"), "Render", then: "ToPayload");
        _adaptiveCard = Internals.Call<OutgoingMessage, JsonObject>(Internals.Type("DeliberationBot.Teams", "DeliberationBot.Teams.Cards.AdaptiveCardRenderer"), "Render");
        _teamsActivities = Internals.Call<OutgoingMessage, IReadOnlyList<JsonObject>>(Internals.Type("DeliberationBot.Teams", "DeliberationBot.Teams.Cards.AdaptiveCardRenderer"), "Activities");
        _teamsBytes = Internals.Bind<Func<JsonNode, int>>(Internals.Type("DeliberationBot.Teams", "DeliberationBot.Teams.Cards.CardPager"), "Bytes");

        // A Teams channel message read as the adapter reads it: parsed, the bot's mention taken out, and (with its HTML
        // beside it, as Teams sends it) the line breaks taken from the HTML.
        _teamsText = TeamsText();
        const string text = "<at>DeliberationBot</at> concern &quot;Nobody asked the night shift how this fits a full caseload&quot;";
        const string mention = "<span itemscope=\"\" itemtype=\"http://schema.skype.com/Mention\" itemid=\"0\">DeliberationBot</span>";
        _teamsMessage = TeamsMessage(text, null);
        _teamsMessageWithHtml = TeamsMessage(text, $"<p>{mention}&nbsp;concern &quot;Nobody asked the night shift how this fits a full caseload&quot;</p>");
        _teamsMessageWithHtmlLines = TeamsMessage(text, $"<p>{mention}&nbsp;concern &quot;Nobody asked the night shift</p><p>how this fits a full caseload&quot;</p>");
        Check(TeamsMessageText() == "concern \"Nobody asked the night shift how this fits a full caseload\"", "the Teams text was not read");
        Check(TeamsMessageTextWithHtml() == TeamsMessageText(), "the Teams HTML of one line was not read as the text");
        Check(TeamsMessageTextWithHtmlLines() == "concern \"Nobody asked the night shift\nhow this fits a full caseload\"", "the Teams HTML's line break was not kept");

        // Concerns as `status`, `concerns` and closing make them in a large deliberation: 5,000 answers meet
        // can-override's rule, 1,000 more are flagged as concerns, and the concerns they made are already stored.
        _flow = flow;
        _deliberation = Guid.CreateVersion7(_now);
        _concernAnswers = [.. Enumerable.Range(0, 6000).Select(i => i < 5000
            ? new Answer(_deliberation, $"anon:{i}", "can-override", StakeholderGroup.FrontlineWorker, AnswerValue.FromChoices("no"), false, 1, _now)
            : new Answer(_deliberation, $"anon:{i}", "purpose", StakeholderGroup.FrontlineWorker, AnswerValue.FromText($"Nobody asked shift {i}"), true, 1, _now))];
        _storedConcerns = ConcernSync.FromAnswers(flow, _deliberation, [], _concernAnswers, [], _now);
        Check(_storedConcerns.Count == 1001 && ConcernsFromAnswers() == 0, "the stored concerns do not match their answers");

        _workspace = DigestWorkspace.Build(1000, 10, 1, _now);
        _smallDigest = DigestComposer.Compose([.. _workspace.Sources.Take(10)], _now, _now.AddDays(-7), 14, "2026-W50", false, null, "Europe/London");
        Check(ComposeDigest() == 1000, "the digest does not list the 1,000 deliberations");
    }

    [Benchmark(Description = "Slack signature check (HMAC-SHA256, 430-byte command)")]
    public int SlackSignature() => _slackVerify(_slackTimestamp, _slackSignature, _slackBody);

    [Benchmark(Description = "Teams JWT validation (RS256, keys cached)")]
    public Task TeamsToken() => _teams.ValidateAsync();

    [Benchmark(Description = "command parsing: start … due: anonymous")]
    public Command? ParseStart() => CommandParser.Parse("start quick-check \"Screening tool for case intake\" due:2026-12-20 anonymous", null, DateOnly.FromDateTime(_now.UtcDateTime)).Command;

    [Benchmark(Description = "command parsing: concern \"…\"")]
    public Command? ParseConcern() => CommandParser.Parse("concern \"Nobody asked the night shift how this fits a full caseload\"", null, DateOnly.FromDateTime(_now.UtcDateTime)).Command;

    [Benchmark(Description = "Teams: channel message parsed, text read (text only)")]
    public string TeamsMessageText() => _teamsText(_teamsMessage);

    [Benchmark(Description = "Teams: channel message parsed, text read (text and its HTML, one line)")]
    public string TeamsMessageTextWithHtml() => _teamsText(_teamsMessageWithHtml);

    [Benchmark(Description = "Teams: channel message parsed, text read (text and its HTML, two lines)")]
    public string TeamsMessageTextWithHtmlLines() => _teamsText(_teamsMessageWithHtmlLines);

    [Benchmark(Description = "Block Kit: question (6 choices) to JSON")]
    public string BlockKitQuestion() => _blockKit(_question).ToJsonString();

    [Benchmark(Description = "Adaptive Card: question (6 choices) to JSON")]
    public string AdaptiveCardQuestion() => _adaptiveCard(_question).ToJsonString();

    [Benchmark(Description = "Block Kit: digest of 10 proposals to JSON")]
    public string BlockKitDigest() => _blockKit(_smallDigest).ToJsonString();

    [Benchmark(Description = "Adaptive Card: digest of 10 proposals to JSON")]
    public string AdaptiveCardDigest() => _adaptiveCard(_smallDigest).ToJsonString();

    // What the Teams sender does before it posts: the message as activities, each page within Teams' size limit, and
    // each activity measured once more against it.
    [Benchmark(Description = "Teams: question (6 choices) as activities, sizes checked")]
    public int TeamsQuestionActivities() => _teamsActivities(_question).Sum(_teamsBytes);

    [Benchmark(Description = "Teams: digest of 10 proposals as activities, sizes checked")]
    public int TeamsDigestActivities() => _teamsActivities(_smallDigest).Sum(_teamsBytes);

    [Benchmark(Description = "digest composition: 1,000 deliberations, 10,000 open concerns")]
    public int ComposeDigest() =>
        DigestComposer.Compose(_workspace.Sources, _now, _now.AddDays(-7), 14, "2026-W50", false, null, "Europe/London").Proposals.Count;

    [Benchmark(Description = "concerns from answers: 5,000 meeting a rule, 1,000 flagged, their concerns stored")]
    public int ConcernsFromAnswers() => ConcernSync.FromAnswers(_flow, _deliberation, _storedConcerns, _concernAnswers, [], _now).Count;

    [GlobalCleanup]
    public void Dispose()
    {
        _teams?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        GC.SuppressFinalize(this);
    }

    /// <summary>The adapter's reading of a message body: ActivityJson.Parse, then MentionText.Normalise's text.</summary>
    private static Func<byte[], string> TeamsText()
    {
        var body = System.Linq.Expressions.Expression.Parameter(typeof(byte[]));
        var parse = Internals.Type("DeliberationBot.Teams", "DeliberationBot.Teams.Inbound.ActivityJson").GetMethod("Parse")!;
        var normalise = Internals.Type("DeliberationBot.Teams", "DeliberationBot.Teams.Inbound.MentionText").GetMethod("Normalise")!;
        var text = System.Linq.Expressions.Expression.Field(System.Linq.Expressions.Expression.Call(normalise, System.Linq.Expressions.Expression.Call(parse, body)), "Item1");
        return System.Linq.Expressions.Expression.Lambda<Func<byte[], string>>(text, body).Compile();
    }

    private static byte[] TeamsMessage(string text, string? html)
    {
        var activity = new JsonObject
        {
            ["type"] = "message", ["id"] = "1700000000001", ["serviceUrl"] = "https://smba.trafficmanager.net/teams/", ["channelId"] = "msteams",
            ["from"] = new JsonObject { ["id"] = "29:person", ["name"] = "Person", ["aadObjectId"] = "aad-person" },
            ["recipient"] = new JsonObject { ["id"] = "28:bot", ["name"] = "DeliberationBot" },
            ["conversation"] = new JsonObject { ["id"] = "19:general@thread.tacv2;messageid=1700000000001", ["conversationType"] = "channel" },
            ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = "tenant" } },
            ["text"] = text, ["textFormat"] = "plain",
            ["entities"] = new JsonArray(new JsonObject
            {
                ["type"] = "mention", ["text"] = "<at>DeliberationBot</at>",
                ["mentioned"] = new JsonObject { ["id"] = "28:bot", ["name"] = "DeliberationBot" },
            }),
        };
        if (html is not null)
        {
            activity["attachments"] = new JsonArray(new JsonObject { ["contentType"] = "text/html", ["content"] = html });
        }

        return Encoding.UTF8.GetBytes(activity.ToJsonString());
    }

    private static void Check(bool ok, string problem)
    {
        if (!ok)
        {
            throw new InvalidOperationException("Benchmark set-up: " + problem);
        }
    }
}
