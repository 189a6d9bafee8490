using System.Text.RegularExpressions;
using DeliberationBot.Core.Community;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static DeliberationBot.Host.Tests.Community.CommunityPages;

namespace DeliberationBot.Host.Tests.Community;

/// <summary>
/// A right-to-left language added to the page and a flow (the pseudo-locale ar-XB, mirrored Arabic): the page turns
/// around, stays accessible and fits 320 px. Its words fall back to English where it has no text of its own.
/// </summary>
[Collection(CommunityPagesCollection.Name)]
public sealed partial class RightToLeftTests(CommunityPages pages) : IDisposable
{
    private readonly DirectoryInfo _flows = Directory.CreateTempSubdirectory("deliberationbot-rtl-flows-");

    public void Dispose() => _flows.Delete(recursive: true);

    [Fact]
    public async Task A_right_to_left_language_turns_the_page_around()
    {
        // The shipped quick check with every Spanish wording also given in the pseudo-locale.
        var yaml = File.ReadAllText(Path.Combine(Repository.FlowsDirectory, "quick-check.yaml")).Replace("languages: [en, es]", "languages: [en, es, ar-XB]", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(_flows.FullName, "quick-check.yaml"), SpanishLine().Replace(yaml, m => $"{m.Value}\n{m.Groups[1].Value}ar-XB: \u202E{m.Groups[2].Value}\u202C"));
        using var factory = new BotFactory(new() { ["Flows:Directory"] = _flows.FullName, ["Community:Languages:2"] = "ar-XB" }, driven: true);
        using var warm = factory.CreateClient();
        var room = new ConversationRef("test", Ws, "C-RTL");
        var commands = factory.Services.GetRequiredService<Core.Commands.CommandDispatcher>();
        await commands.HandleAsync(Dana, room, "start quick-check \"Predictive screening\"", null, "rtl-1", default);
        var link = Assert.IsType<CommunityInvitationLink>((await commands.HandleAsync(Dana, room, "invite community lang:ar-xb,en", null, "rtl-2", default)).Replies.Single());
        Assert.Equal(["ar-XB", "en"], link.Languages);

        await using var context = await pages.NewContextAsync(new() { ViewportSize = new() { Width = 320, Height = 640 }, BaseURL = factory.ClientOptions.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync(link.Page.PathAndQuery + "?lang=ar-XB");
        Assert.Equal(("ar-XB", "rtl"), (await page.GetAttributeAsync("html", "lang"), await page.GetAttributeAsync("html", "dir")));
        await AssertAccessibleAsync(page);
        await page.ClickAsync("a.button");
        await CommunityPages.ArriveAtAsync(page, "**/q/can-appeal**");
        Assert.Contains("\u202E", await page.InnerTextAsync("h1"), StringComparison.Ordinal);
        await AssertAccessibleAsync(page);

        // Mirrored: the back link and the radio buttons sit at the right edge, the label to their left.
        var back = (await page.Locator("a.back").BoundingBoxAsync())!;
        var radio = (await page.Locator("#answer").BoundingBoxAsync())!;
        var label = (await page.Locator("label[for=answer]").BoundingBoxAsync())!;
        Assert.True(back.X + back.Width > 300 && radio.X > 250 && label.X + label.Width < radio.X, $"back {back.X}+{back.Width}, radio {radio.X}, label {label.X}+{label.Width}");
        await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotFolder, "rtl-question.png"), FullPage = true });

        await page.GotoAsync(link.Page.PathAndQuery + "?lang=en");
        Assert.Equal(("en", "ltr"), (await page.GetAttributeAsync("html", "lang"), await page.GetAttributeAsync("html", "dir")));
    }

    [GeneratedRegex(@"^(\s+)es: (.*)$", RegexOptions.Multiline)]
    private static partial Regex SpanishLine();
}
