using System.Diagnostics;
using DeliberationBot.Core.Telemetry;

namespace DeliberationBot.Host.Telemetry;

/// <summary>
/// Records how long each platform request took to be acknowledged: from arrival to the first byte of the response,
/// which is what the platform's own timeout (Slack: 3 s, Teams: 15 s) measures.
/// </summary>
internal sealed class AcknowledgementTiming : IStartupFilter
{
    private static readonly (PathString Path, string Platform)[] Endpoints = [("/api/slack/events", "slack"), ("/api/messages", "teams")];

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, inner) =>
        {
            var platform = Array.Find(Endpoints, e => context.Request.Path.Equals(e.Path, StringComparison.OrdinalIgnoreCase)).Platform;
            if (platform is not null)
            {
                var received = Stopwatch.GetTimestamp();
                context.Response.OnStarting(() =>
                {
                    BotTelemetry.RecordAck(platform, Stopwatch.GetElapsedTime(received));
                    return Task.CompletedTask;
                });
            }

            await inner(context);
        });
        next(app);
    };
}
