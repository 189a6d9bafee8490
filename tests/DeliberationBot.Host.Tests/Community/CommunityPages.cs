using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using DeliberationBot.Core.Commands;
using DeliberationBot.Core.Community;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace DeliberationBot.Host.Tests.Community;

/// <summary>
/// The real service on loopback and Debian's Chromium driven by Playwright; each test starts its own deliberation and
/// public link, so tests do not share answers.
/// </summary>
public sealed class CommunityPages : IAsyncLifetime
{
    public const string Ws = "T-AGENCY";
    public static readonly Actor Dana = new("test", Ws, new UserRef("U-DANA", "Dana"));
    private int _key;

    /// <summary>Limits high enough that the whole suite from one address is never rate limited; the abuse tests set their own.</summary>
    public BotFactory Factory { get; } = new(new() { ["Community:RequestsPerAddress"] = "10000", ["Community:RequestsPerLink"] = "100000" }, driven: true);

    public IPlaywright Playwright { get; private set; } = default!;

    public IBrowser Browser { get; private set; } = default!;

    public static string ScreenshotFolder { get; } = Path.Combine(Repository.Root, "artifacts", "community-screenshots");

    public string BaseUrl => Factory.ClientOptions.BaseAddress.ToString().TrimEnd('/');

    public CommandDispatcher Commands => Factory.Services.GetRequiredService<CommandDispatcher>();

    public IDeliberationStore Store => Factory.Services.GetRequiredService<IDeliberationStore>();

    public async Task InitializeAsync()
    {
        using var warm = Factory.CreateClient();
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

    /// <summary>A browser context whose waits allow for a machine shared with other builds (the default 30 s is not).</summary>
    public async Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions options)
    {
        var context = await Browser.NewContextAsync(options);
        context.SetDefaultTimeout(120_000);
        context.SetDefaultNavigationTimeout(120_000);
        return context;
    }

    /// <summary>
    /// Waits until the page has navigated to a URL matching <paramref name="glob"/> (<c>**</c> any text, <c>*</c> any
    /// text without a slash) and has loaded. Playwright's WaitForURLAsync sometimes misses a navigation that finished
    /// before it looked and then waits out its whole timeout; the URL assertion polls instead, and asking for a load
    /// state that is already reached answers at once.
    /// </summary>
    public static async Task ArriveAtAsync(IPage page, string glob)
    {
        var pattern = "^" + Regex.Escape(glob).Replace(@"\*\*", ".*", StringComparison.Ordinal).Replace(@"\*", "[^/]*", StringComparison.Ordinal) + "$";
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(pattern), new() { Timeout = 120_000 });
        await page.WaitForLoadStateAsync(LoadState.Load);
    }

    /// <summary>Starts a quick check in its own conversation with a decision date, and returns its public link.</summary>
    public async Task<(ConversationRef Room, CommunityInvitationLink Link)> InviteAsync(string options = "")
    {
        var room = new ConversationRef("test", Ws, "C-" + Guid.NewGuid().ToString("N"));
        await RunAsync(room, "start quick-check \"Predictive screening for hotline calls\" owner:<@U-MARIA|Maria> due:2099-06-30");
        return (room, Assert.IsType<CommunityInvitationLink>(await RunAsync(room, "invite community " + options)));
    }

    public async Task<OutgoingMessage> RunAsync(ConversationRef room, string text) =>
        (await Commands.HandleAsync(Dana, room, text, null, $"community-test:{Interlocked.Increment(ref _key)}", default)).Replies.Single();

    /// <summary>axe at WCAG 2.2 AA on the page as it is now; every request so far went to this service only.</summary>
    public static async Task AssertAccessibleAsync(IPage page)
    {
        var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"] } });
        Assert.True(result.Violations.Length == 0, page.Url + "\n" + string.Join("\n", result.Violations.Select(v => $"{v.Id}: {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => n.Target?.ToString()))}")));
        Assert.Equal(0, await page.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth"));
    }

    /// <summary>Presses Tab until the focus is on an element matching the selector, as a keyboard user would.</summary>
    public static async Task TabToAsync(IPage page, string selector)
    {
        for (var i = 0; i < 40; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<bool>("s => document.activeElement && document.activeElement.matches(s)", selector))
            {
                return;
            }
        }

        throw new InvalidOperationException($"Tab never reached {selector} on {page.Url}");
    }

    public static string TokenOf(CommunityInvitationLink link) => Regex.Match(link.Page.AbsolutePath, "^/c/(.+)$").Groups[1].Value;

    private static string Chromium() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .SelectMany(dir => new[] { Path.Combine(dir, "chromium"), Path.Combine(dir, "chromium-browser") })
            .FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("Chromium is not on PATH. Install Debian's package: apt-get install chromium");
}

/// <summary>
/// Run on their own, after the collections that run in parallel: beside the other hosts, browsers and databases of this
/// project the resident's keyboard journey has waited minutes for a navigation (in two full runs of three, at a
/// different step each time, never when run alone).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CommunityPagesCollection : ICollectionFixture<CommunityPages>
{
    public const string Name = "community pages";
}
