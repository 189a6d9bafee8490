using DeliberationBot.Host.Admin;
using DeliberationBot.Host.Community;
using DeliberationBot.Host.Composition;
using DeliberationBot.Host.Demo;
using DeliberationBot.Host.Exports;
using DeliberationBot.Host.Health;
using DeliberationBot.Host.Logging;
using DeliberationBot.Host.Memory;
using DeliberationBot.Host.Reports;
using DeliberationBot.Host.Telemetry;
using DeliberationBot.Slack;
using DeliberationBot.Teams;

if (args.FirstOrDefault() == "demo")
{
    return await DemoCommand.RunAsync(args[1..], Console.Out);
}

var observed = StartupFailure.HostedFromInside();
WebApplication app;
try
{
    var builder = WebApplication.CreateBuilder(SettingsFiles.ReadOnceAtStart(args));
    SettingsFiles.AddBesideTheApp(builder.Configuration, builder.Environment);
    builder.AddTelemetry();
    builder.Services.AddSecretRedaction();
    builder.Services.AddDeliberationBot(builder.Configuration);
    builder.Services.AddBackgroundWork(builder.Configuration);
    builder.Services.AddIdleMemoryTrim(builder.Configuration);
    builder.Services.AddReadinessChecks();
    builder.Services.AddCommunityPage();
    builder.Services.AddSlack(builder.Configuration);
    builder.Services.AddTeams(builder.Configuration, builder.Environment);

    app = builder.Build();
    if (!observed)
    {
        StartupFailure.ValidateOptions(app.Services);
    }
}
catch (Exception e) when (!observed && StartupFailure.Describe(e) is { } problem)
{
    return await StartupFailure.ReportAsync(problem);
}

app.UseResponseCompression();
app.MapHealth();
app.MapAdmin(app.Configuration);
app.MapExports();
app.MapReports();
app.MapCommunity();
app.MapSlack();
app.MapTeams();
await app.RunAsync();
return 0;

/// <summary>Entry point; public so integration tests can host it.</summary>
public partial class Program;
