using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Reports;
using DeliberationBot.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace DeliberationBot.Host.Tests.Reports;

/// <summary>
/// The real service on loopback with a small (8 people) and a large (200 people, the whole ai-proposal flow)
/// deliberation stored, and Debian's Chromium driven by Playwright (no browser download: the path comes from PATH).
/// </summary>
public sealed class ReportPages : IAsyncLifetime
{
    public static readonly UserRef Facilitator = new("U-DANA", "Dana");
    public static readonly UserRef Owner = new("U-MARIA", "Maria");

    public BotFactory Factory { get; } = new();

    public SampleDeliberation Small { get; private set; } = default!;

    public SampleDeliberation Large { get; private set; } = default!;

    public IPlaywright Playwright { get; private set; } = default!;

    public IBrowser Browser { get; private set; } = default!;

    /// <summary>
    /// Screenshots, print PDFs and the large page's HTML go here: <c>DELIBERATIONBOT_SCREENSHOTS</c> when set (CI points it
    /// into its run folder and copies it to artifacts/report-screenshots afterwards), otherwise artifacts/report-screenshots
    /// of the checkout the tests were built from.
    /// </summary>
    public static string ScreenshotFolder { get; } =
        Environment.GetEnvironmentVariable("DELIBERATIONBOT_SCREENSHOTS") is { Length: > 0 } folder
            ? Path.GetFullPath(folder)
            : Path.Combine(Repository.Root, "artifacts", "report-screenshots");

    public string BaseUrl => Factory.ClientOptions.BaseAddress.ToString().TrimEnd('/');

    public async Task InitializeAsync()
    {
        using var warm = Factory.CreateClient(); // starts Kestrel
        var flow = Factory.Services.GetRequiredService<FlowCatalog>().Find("ai-proposal")!;
        var now = Factory.Time.GetUtcNow();
        Small = SampleDeliberation.Build(flow, new ConversationRef("test", "T-AGENCY", "C-SMALL"), Facilitator, [Owner], 8, now.AddDays(-6), seed: 3);
        Large = SampleDeliberation.Build(flow, new ConversationRef("test", "T-AGENCY", "C-LARGE"), Facilitator, [Owner], 200, now.AddDays(-6), seed: 7);
        await SeedAsync(Small);
        await SeedAsync(Large);
        Directory.CreateDirectory(ScreenshotFolder);
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium(), Headless = true, Args = ["--no-sandbox"] });
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
        Factory.Dispose();
    }

    public string PageUrl(SampleDeliberation sample, UserRef viewer) =>
        Factory.Services.GetRequiredService<IReportLinkSigner>().Sign(sample.Deliberation.WorkspaceId, sample.Deliberation.Id, sample.Deliberation.Title, viewer).Page.PathAndQuery;

    private async Task SeedAsync(SampleDeliberation s)
    {
        var store = Factory.Services.GetRequiredService<IDeliberationStore>();
        var d = s.Deliberation;
        await store.CommitAsync(new Commit(d.WorkspaceId, $"seed:{d.Id:N}") { Deliberation = d, FlowSnapshot = s.Flow, Concerns = s.Concerns, Events = s.Events }, default);
        foreach (var p in s.Participants)
        {
            await store.CommitAsync(new Commit(d.WorkspaceId, $"seed:{d.Id:N}:{p.Key}") { Participants = [p] }, default);
        }

        foreach (var (answer, i) in s.Answers.Select((a, i) => (a, i)))
        {
            await store.CommitAsync(new Commit(d.WorkspaceId, $"seed:{d.Id:N}:{i}") { Answer = answer }, default);
        }
    }

    private static string Chromium() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .SelectMany(dir => new[] { Path.Combine(dir, "chromium"), Path.Combine(dir, "chromium-browser") })
            .FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("Chromium is not on PATH. Install Debian's package: apt-get install chromium");
}

[CollectionDefinition(Name)]
public sealed class ReportPagesCollection : ICollectionFixture<ReportPages>
{
    public const string Name = "report pages";
}
