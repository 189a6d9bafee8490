using System.Net;
using System.Text;
using DeliberationBot.Slack.Tests.Infrastructure;
using FsCheck.Fluent;
using Microsoft.Extensions.Logging;

namespace DeliberationBot.Slack.Tests.Fuzzing;

/// <summary>
/// Generated bodies thrown at the real endpoint, each once unsigned and once correctly signed: never a 5xx, never an
/// unhandled exception in the log, unsigned ones always 401, and memory stays bounded. The seed is fixed, so a failure
/// reproduces; change it locally to explore further.
/// </summary>
[Collection(ProcessMemoryCollection.Name)]
public sealed class HostileBodyTests : SlackHostTest
{
    private const ulong Seed = 20261201;

    [Fact]
    public async Task No_generated_body_signed_or_not_gets_a_5xx_or_an_unhandled_exception()
    {
        var bodies = HostileBodies.Any.Sample(25, new FsCheck.Rnd(Seed), 400);
        GC.Collect();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var failures = new List<string>();

        foreach (var (contentType, body) in bodies)
        {
            using var unsigned = new HttpRequestMessage(HttpMethod.Post, "/api/slack/events") { Content = new StringContent(body, Encoding.UTF8, contentType) };
            using var refused = await Host.Http.SendAsync(unsigned);
            if (refused.StatusCode != HttpStatusCode.Unauthorized)
            {
                failures.Add($"unsigned {contentType} got {(int)refused.StatusCode}: {Preview(body)}");
            }

            using var signed = await Host.PostAsync(contentType, body);
            if ((int)signed.StatusCode >= 500)
            {
                failures.Add($"signed {contentType} got {(int)signed.StatusCode}: {Preview(body)}");
            }
        }

        await Host.SettleOutboxAsync();
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(10)));
        Assert.DoesNotContain(Host.Logs.Entries, e => e.Level >= LogLevel.Error);
        GC.Collect();
        var grown = GC.GetTotalMemory(forceFullCollection: true) - before;
        Assert.True(grown < 64 * 1024 * 1024, $"memory grew by {grown / 1024 / 1024} MB over {bodies.Length} requests");
    }

    private static string Preview(string body) => body.Length <= 200 ? body : body[..200] + "…";
}
