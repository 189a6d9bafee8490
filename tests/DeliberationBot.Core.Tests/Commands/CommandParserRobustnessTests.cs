using System.Text;
using DeliberationBot.Core.Commands;
using DeliberationBot.Core.Messaging;

namespace DeliberationBot.Core.Tests.Commands;

/// <summary>A property-style check without FsCheck: Parse never throws and always answers with exactly one of command or error.</summary>
public class CommandParserRobustnessTests
{
    private static readonly string[] Fragments =
    [
        "start", "new", "status", "remind", "close", "concerns", "flows", "help", "?", "ai-proposal", "quick-check",
        "\"", "\u201C", "\u201D", ":", "owner:", "owners:", "due:", "anonymous", "<@", "<@U1>", "<@U2|maria>", "|", ">", "@", "@maria",
        ",", "2026-03-10", "2025-01-01", "9999-12-31", "0001-01-01", "due:2026-02-30", " ", "  ", "\t", "\n", "\u00A0", "\u3000",
        "é", "ü", "日本", "🙂", "\u200B", "\0", "-", "x", "Title", "'",
    ];

    public static TheoryData<int> Seeds() => [1, 2, 3, 4, 5];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Parse_never_throws_and_returns_exactly_one_result(int seed)
    {
        var random = new Random(seed);
        var mentions = new Dictionary<string, UserRef> { ["maria"] = new("U2", "maria") };
        var today = new DateOnly(2026, 3, 10);
        for (var i = 0; i < 100; i++)
        {
            var text = RandomText(random);

            (Command? Command, ErrorMessage? Error) result = default;
            var exception = Record.Exception(() => result = CommandParser.Parse(text, i % 2 == 0 ? mentions : null, today));

            Assert.True(exception is null, $"Parse threw {exception?.GetType().Name} for {Show(text)}: {exception?.Message}");
            Assert.True(result.Command is null != result.Error is null, $"expected exactly one of command/error for {Show(text)}");
            if (result.Error is not null)
            {
                Assert.False(string.IsNullOrWhiteSpace(result.Error.Text), $"empty error text for {Show(text)}");
            }
        }
    }

    [Theory]
    [InlineData("start \"")]
    [InlineData("start x \"")]
    [InlineData("\"\"")]
    [InlineData("\" start")]
    [InlineData("start x owner:")]
    [InlineData("start x owner:,,,")]
    [InlineData("start x owner:<@")]
    [InlineData("start x owner:<@>")]
    [InlineData("start x due:")]
    [InlineData("start x due:9999-12-31 \"T\"")]
    [InlineData("start x \"T\" due:0001-01-01")]
    [InlineData("start ::: \"T\"")]
    [InlineData("start x <@U1> \"T\"")]
    [InlineData("\u201C\u201D\u201C")]
    public void Parse_handles_awkward_inputs(string text)
    {
        var (command, error) = CommandParser.Parse(text, null, new DateOnly(2026, 3, 10));

        Assert.True(command is null != error is null);
    }

    private static string RandomText(Random random)
    {
        var sb = new StringBuilder();
        var parts = random.Next(0, 12);
        for (var p = 0; p < parts; p++)
        {
            switch (random.Next(4))
            {
                case 0:
                    sb.Append(' ');
                    break;
                case 1:
                    sb.Append((char)random.Next(0x20, 0x7F));
                    break;
                case 2:
                    sb.Append((char)random.Next(0xA0, 0x3000));
                    break;
            }

            sb.Append(Fragments[random.Next(Fragments.Length)]);
        }

        return sb.ToString();
    }

    private static string Show(string text) => "\"" + string.Concat(text.Select(c => c < ' ' || c > '~' ? $"\\u{(int)c:X4}" : c.ToString())) + "\"";
}
