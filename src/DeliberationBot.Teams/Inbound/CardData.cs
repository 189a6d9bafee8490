using System.Text.Json;

namespace DeliberationBot.Teams.Inbound;

/// <summary>Reads a card action's data and inputs: Teams sends input values as strings, but be lenient about numbers and booleans.</summary>
internal readonly record struct CardData(JsonElement Root)
{
    public string? Str(string name)
    {
        if (Root.ValueKind != JsonValueKind.Object || !Root.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => null,
        };
    }

    public bool Flag(string name) => string.Equals(Str(name), "true", StringComparison.OrdinalIgnoreCase);

    public Guid? Id(string name) => Guid.TryParse(Str(name), out var id) ? id : null;

    /// <summary>The verb of an Action.Submit (in its data) or an Action.Execute invoke value ({ action: { verb, data } }).</summary>
    public static (string? Verb, CardData Data) FromSubmit(JsonElement value) => (new CardData(value).Str(Cards.CardVerbs.VerbField), new CardData(value));

    public static (string? Verb, CardData Data) FromInvoke(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty("action", out var action) || action.ValueKind != JsonValueKind.Object)
        {
            return (null, default);
        }

        var data = action.TryGetProperty("data", out var d) ? new CardData(d) : new CardData(default);
        var verb = action.TryGetProperty("verb", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : data.Str(Cards.CardVerbs.VerbField);
        return (verb, data);
    }
}
