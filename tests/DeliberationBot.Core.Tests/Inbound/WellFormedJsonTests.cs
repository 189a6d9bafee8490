using System.Text;
using System.Text.Json;
using DeliberationBot.Core.Inbound;

namespace DeliberationBot.Core.Tests.Inbound;

public sealed class WellFormedJsonTests
{
    [Theory]
    [InlineData("""{"text":"x\ud800"}""")]
    [InlineData("""{"x\udfff":"text"}""")]
    [InlineData("""{"view":{"blocks":[{"text":"ok"},{"text":"\ud83d"}]}}""")]
    [InlineData("""["\\\ud800"]""")]
    public void A_lone_surrogate_in_any_string_or_name_is_refused(string json)
    {
        Assert.Throws<JsonException>(() => WellFormedJson.Parse(Encoding.UTF8.GetBytes(json)));
        Assert.Throws<JsonException>(() => WellFormedJson.Parse(json));
    }

    [Theory]
    [InlineData("""{"text":"plain words"}""", "plain words")]
    [InlineData("""{"text":"line\nbreak \"quoted\" caf\u00e9"}""", "line\nbreak \"quoted\" café")]
    [InlineData("""{"text":"\ud83d\ude00"}""", "😀")]
    [InlineData("""{"text":"\\ud800 as typed"}""", "\\ud800 as typed")]
    public void Text_with_or_without_escapes_is_read_as_written(string json, string text)
    {
        using var doc = WellFormedJson.Parse(Encoding.UTF8.GetBytes(json));

        Assert.Equal(text, doc.RootElement.GetProperty("text").GetString());
    }
}
