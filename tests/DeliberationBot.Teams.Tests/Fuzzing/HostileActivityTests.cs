using System.Net;
using DeliberationBot.Teams.Tests.Infrastructure;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.Extensions.Logging;

namespace DeliberationBot.Teams.Tests.Fuzzing;

/// <summary>
/// Generated activities thrown at the real endpoint, each once without a token and once with a valid one: never a
/// 5xx, never an unhandled exception in the log, tokenless ones always 401, and memory stays bounded. The seed is
/// fixed, so a failure reproduces.
/// </summary>
[Collection(ProcessMemoryCollection.Name)]
public sealed class HostileActivityTests : HostTest
{
    private const ulong Seed = 20261201;

    private static readonly string[] CardFields =
    [
        "deliberationId", "questionId", "kind", "skip", "concernId", "concernAction", "answer", "concern", "group", "anonymous",
        "flow", "title", "description", "owners", "due", "anonymity", "outcome", "rationale",
    ];

    /// <summary>What a card button or form sends: a verb the bot knows and fields it reads, with hostile values.</summary>
    private static Gen<string> CardData =>
        from verb in Gen.Elements("answer", "join", "submit-answer", "flag", "start-form", "edit", "concern", "decide", "\\ud800")
        from fields in Gen.ListOf(Gen.Elements(CardFields).Zip(Gen.OneOf(HostileJson.Str, HostileJson.Value(1))))
        select $"{{\"verb\":\"{verb}\"" + string.Concat(fields.Take(8).Select(f => $",\"{f.Item1}\":{f.Item2}")) + "}";

    private static Gen<string> Value => Gen.OneOf(
        HostileJson.Object(3),
        CardData,
        CardData.Select(data => $"{{\"action\":{{\"type\":\"Action.Execute\",\"verb\":\"answer\",\"data\":{data}}}}}"));

    /// <summary>
    /// Activities shaped as Teams sends them (so they pass the token's service URL binding and reach the handlers),
    /// valid but for hostile text, invoke name, card data or extra channel data.
    /// </summary>
    private static Gen<string> Activity(string serviceUrl) =>
        from type in Gen.Elements("message", "message", "invoke", "invoke", "conversationUpdate", "installationUpdate", "typing")
        from id in Gen.Choose(1, 1_000_000)
        from conversation in Gen.Elements("19:fuzz@thread.tacv2", "a:1fuzz")
        from kind in Gen.Elements("personal", "channel", "groupChat")
        from text in HostileJson.Str
        from invoke in Gen.OneOf(HostileJson.Str, Gen.Constant("\"adaptiveCard/action\""))
        from value in Value
        from extra in HostileJson.Value(2)
        select $"{{\"type\":\"{type}\",\"id\":\"fuzz-{id}\",\"serviceUrl\":\"{serviceUrl}\",\"channelId\":\"msteams\"," +
            $"\"from\":{{\"id\":\"29:fuzz\",\"name\":\"Fuzz\",\"aadObjectId\":\"00000000-0000-0000-0000-00000000f022\"}},\"recipient\":{{\"id\":\"{TeamsTestHost.BotId}\"}}," +
            $"\"conversation\":{{\"id\":\"{conversation}\",\"conversationType\":\"{kind}\",\"tenantId\":\"{Activities.Tenant}\"}}," +
            $"\"channelData\":{{\"tenant\":{{\"id\":\"{Activities.Tenant}\"}},\"extra\":{extra}}},\"text\":{text},\"name\":{invoke},\"value\":{value}}}";

    /// <summary>Activities whose every field may be hostile.</summary>
    private static Gen<string> AnyActivity(string serviceUrl) =>
        from type in Gen.Elements("message", "invoke", "\\ud800")
        from id in HostileJson.Str
        from user in HostileJson.Str
        from conversation in HostileJson.Str
        from value in Value
        select $"{{\"type\":\"{type}\",\"id\":{id},\"serviceUrl\":\"{serviceUrl}\",\"channelId\":\"msteams\",\"from\":{{\"id\":{user}}}," +
            $"\"conversation\":{{\"id\":{conversation},\"tenantId\":\"{Activities.Tenant}\"}},\"channelData\":{{\"tenant\":{{\"id\":\"{Activities.Tenant}\"}}}},\"value\":{value}}}";

    private static Gen<string> Bodies(string serviceUrl) => Gen.OneOf(
        Activity(serviceUrl),
        Activity(serviceUrl),
        Activity(serviceUrl),
        AnyActivity(serviceUrl),
        HostileJson.Object(3),
        HostileJson.Nesting,
        HostileJson.Junk);

    [Fact]
    public async Task No_generated_body_with_a_token_or_without_gets_a_5xx_or_an_unhandled_exception()
    {
        var bodies = Bodies(ServiceUrl).Sample(25, new Rnd(Seed), 300);
        GC.Collect();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var failures = new List<string>();

        foreach (var body in bodies)
        {
            using var refused = await Host.PostAsync([], token: "", rawBody: body);
            if (refused.StatusCode != HttpStatusCode.Unauthorized)
            {
                failures.Add($"without a token got {(int)refused.StatusCode}: {Preview(body)}");
            }

            using var answered = await Host.PostAsync([], rawBody: body);
            if ((int)answered.StatusCode >= 500 && !UnhandledInvoke(body, answered.StatusCode))
            {
                failures.Add($"with a token got {(int)answered.StatusCode}: {Preview(body)}");
            }
        }

        await Host.SentAsync();
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(10)));
        Assert.False(Host.Logs.Contains(LogLevel.Error, "") || Host.Logs.Contains(LogLevel.Critical, ""), "an error was logged");
        GC.Collect();
        var grown = GC.GetTotalMemory(forceFullCollection: true) - before;
        Assert.True(grown < 64 * 1024 * 1024, $"memory grew by {grown / 1024 / 1024} MB over {bodies.Length} requests");
    }

    /// <summary>501 is the Bot Framework's answer to an invoke whose name the bot does not handle (protocols.md C).</summary>
    private static bool UnhandledInvoke(string body, HttpStatusCode status) =>
        status == HttpStatusCode.NotImplemented && body.StartsWith("{\"type\":\"invoke\"", StringComparison.Ordinal) &&
        !body.Contains("\"name\":\"adaptiveCard/action\"", StringComparison.Ordinal);

    private static string Preview(string body) => body.Length <= 200 ? body : body[..200] + "…";
}
