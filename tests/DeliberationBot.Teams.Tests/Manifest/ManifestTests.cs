using System.Buffers.Binary;
using System.Text.Json;
using System.Text.RegularExpressions;
using DeliberationBot.Teams.Tests.Infrastructure;

namespace DeliberationBot.Teams.Tests.Manifest;

/// <summary>manifests/teams against the constraints of the Teams app manifest schema v1.30 (protocols.md D.1).</summary>
public sealed partial class ManifestTests
{
    private static readonly string Folder = Path.Combine(Repository.Root, "manifests", "teams");
    private static readonly JsonElement Manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "manifest.json"))).RootElement.Clone();

    [Fact]
    public void The_schema_and_manifest_version_agree_on_1_30()
    {
        Assert.Equal("1.30", Manifest.GetProperty("manifestVersion").GetString());
        Assert.Equal("https://developer.microsoft.com/json-schemas/teams/v1.30/MicrosoftTeams.schema.json", Manifest.GetProperty("$schema").GetString());
    }

    [Fact]
    public void Required_fields_are_present_within_their_limits()
    {
        foreach (var field in new[] { "manifestVersion", "version", "id", "developer", "name", "description", "icons", "accentColor" })
        {
            Assert.True(Manifest.TryGetProperty(field, out _), $"missing {field}");
        }

        Assert.Matches(@"^\d+\.\d+\.\d+$", Manifest.GetProperty("version").GetString()!);
        Assert.Equal("{{TEAMS_APP_ID}}", Manifest.GetProperty("id").GetString());
        var developer = Manifest.GetProperty("developer");
        Assert.InRange(developer.GetProperty("name").GetString()!.Length, 1, 32);
        foreach (var url in new[] { "websiteUrl", "privacyUrl", "termsOfUseUrl" })
        {
            Assert.StartsWith("https://", developer.GetProperty(url).GetString(), StringComparison.Ordinal);
        }

        Assert.InRange(Manifest.GetProperty("name").GetProperty("short").GetString()!.Length, 1, 30);
        Assert.InRange(Manifest.GetProperty("name").GetProperty("full").GetString()!.Length, 1, 100);
        Assert.InRange(Manifest.GetProperty("description").GetProperty("short").GetString()!.Length, 1, 80);
        Assert.InRange(Manifest.GetProperty("description").GetProperty("full").GetString()!.Length, 1, 4000);
        Assert.Matches("^#[0-9A-Fa-f]{6}$", Manifest.GetProperty("accentColor").GetString()!);
    }

    [Fact]
    public void The_bot_has_the_three_scopes_and_commands_matching_the_grammar()
    {
        var bot = Assert.Single(Manifest.GetProperty("bots").EnumerateArray());
        Assert.Equal("{{BOT_ID}}", bot.GetProperty("botId").GetString());
        Assert.Equal(["groupChat", "personal", "team"], bot.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()).Order(StringComparer.Ordinal));
        var lists = bot.GetProperty("commandLists").EnumerateArray().ToList();
        Assert.InRange(lists.Count, 1, 3);
        var titles = new List<string>();
        foreach (var list in lists)
        {
            Assert.All(list.GetProperty("scopes").EnumerateArray(), s => Assert.Contains(s.GetString(), new[] { "personal", "team", "groupChat" }));
            var commands = list.GetProperty("commands").EnumerateArray().ToList();
            Assert.InRange(commands.Count, 1, 12);
            foreach (var command in commands)
            {
                Assert.InRange(command.GetProperty("title").GetString()!.Length, 1, 128);
                Assert.InRange(command.GetProperty("description").GetString()!.Length, 1, 4000);
                titles.Add(command.GetProperty("title").GetString()!);
            }
        }

        // Exactly the commands of the grammar, every one somewhere in the menu (the menu only suggests: every command
        // works in every scope), so a command added to the grammar fails here until the manifest offers it.
        var verbs = Core.Commands.Usage.All.Select(h => h.Usage.Split(' ')[0]).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(verbs.Order(StringComparer.Ordinal), titles.Distinct().Order(StringComparer.Ordinal));
        foreach (var verb in verbs)
        {
            var (_, error) = Core.Commands.CommandParser.Parse(verb, null, new DateOnly(2026, 11, 29));
            Assert.False(error?.Text.StartsWith("I don't know the command", StringComparison.Ordinal) ?? false, $"'{verb}' is not a command of the grammar");
        }

        var scopes = lists.SelectMany(l => l.GetProperty("scopes").EnumerateArray().Select(s => s.GetString())).ToList();
        Assert.Equal(scopes.Distinct().Count(), scopes.Count); // a scope has one list
    }

    [Fact]
    public void The_privacy_statement_and_terms_it_links_to_exist_in_the_repository()
    {
        var developer = Manifest.GetProperty("developer");
        foreach (var url in new[] { "privacyUrl", "termsOfUseUrl" })
        {
            var file = developer.GetProperty(url).GetString()!.Split("/blob/main/")[1];
            Assert.True(File.Exists(Path.Combine(Repository.Root, file)), $"{url} points at {file}, which is not in the repository");
        }
    }

    [Fact]
    public void Permissions_and_domains_are_within_the_schema()
    {
        Assert.All(Manifest.GetProperty("permissions").EnumerateArray(), p => Assert.Contains(p.GetString(), new[] { "identity", "messageTeamMembers" }));
        Assert.InRange(Manifest.GetProperty("validDomains").GetArrayLength(), 0, 100);
        Assert.Equal(["{{BOT_ID}}", "{{TEAMS_APP_ID}}"], Placeholder().Matches(File.ReadAllText(Path.Combine(Folder, "manifest.json"))).Select(m => m.Value).Distinct().Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("color", 192, false)]
    [InlineData("outline", 32, true)]
    public void Icons_have_the_sizes_read_from_their_PNG_headers(string icon, int size, bool transparentWhite)
    {
        var file = Manifest.GetProperty("icons").GetProperty(icon).GetString()!;
        var bytes = File.ReadAllBytes(Path.Combine(Folder, file));
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(bytes, 12, 4));
        Assert.Equal(size, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)));
        Assert.Equal(size, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
        Assert.Equal(8, bytes[24]);  // bit depth
        Assert.Equal(6, bytes[25]);  // RGBA
        var pixels = Pixels(bytes, size);
        if (transparentWhite)
        {
            Assert.All(pixels, p => Assert.True(p.A == 0 || (p.R == 255 && p.G == 255 && p.B == 255), "outline pixels are white or transparent"));
            Assert.Contains(pixels, p => p.A == 0);
            Assert.Contains(pixels, p => p.A == 255);
        }
        else
        {
            Assert.All(pixels, p => Assert.Equal(255, p.A));
            Assert.True(pixels.Select(p => (p.R, p.G, p.B)).Distinct().Count() >= 3, "a full-colour icon");
        }
    }

    [Fact]
    public void The_package_script_fills_the_placeholders()
    {
        var script = File.ReadAllText(Path.Combine(Folder, "package.sh"));
        Assert.Contains("{{BOT_ID}}", script, StringComparison.Ordinal);
        Assert.Contains("{{TEAMS_APP_ID}}", script, StringComparison.Ordinal);
        Assert.Contains("manifest.json color.png outline.png", script, StringComparison.Ordinal);
    }

    /// <summary>Decodes an 8-bit RGBA PNG without filters beyond the five standard ones.</summary>
    private static List<(byte R, byte G, byte B, byte A)> Pixels(byte[] png, int size)
    {
        using var idat = new MemoryStream();
        for (var at = 8; at < png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            if (System.Text.Encoding.ASCII.GetString(png, at + 4, 4) == "IDAT")
            {
                idat.Write(png, at + 8, length);
            }

            at += length + 12;
        }

        idat.Position = 0;
        using var inflate = new System.IO.Compression.ZLibStream(idat, System.IO.Compression.CompressionMode.Decompress);
        using var raw = new MemoryStream();
        inflate.CopyTo(raw);
        var data = raw.ToArray();
        var stride = size * 4;
        var previous = new byte[stride];
        var pixels = new List<(byte, byte, byte, byte)>();
        for (var y = 0; y < size; y++)
        {
            var filter = data[y * (stride + 1)];
            var line = data.AsSpan(y * (stride + 1) + 1, stride).ToArray();
            for (var i = 0; i < stride; i++)
            {
                int left = i >= 4 ? line[i - 4] : 0, up = previous[i], upLeft = i >= 4 ? previous[i - 4] : 0;
                line[i] = (byte)(line[i] + filter switch
                {
                    1 => left,
                    2 => up,
                    3 => (left + up) / 2,
                    4 => Paeth(left, up, upLeft),
                    _ => 0,
                });
            }

            for (var x = 0; x < size; x++)
            {
                pixels.Add((line[x * 4], line[x * 4 + 1], line[x * 4 + 2], line[x * 4 + 3]));
            }

            previous = line;
        }

        return pixels;
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    [GeneratedRegex(@"\{\{[A-Z_]+\}\}")]
    private static partial Regex Placeholder();
}
