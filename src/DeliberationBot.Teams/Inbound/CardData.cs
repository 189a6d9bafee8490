using System.Text.Json;
using System.Text.Json.Serialization;
using DeliberationBot.Teams.Cards;

namespace DeliberationBot.Teams.Inbound;

/// <summary>
/// A card action's data and the card's inputs: a free-form map of field to value, with the verb our cards put in their
/// data as its own field. Teams sends input values as strings; numbers and booleans are kept as their text, and
/// nested objects (such as the "msteams" block Teams may add) are not fields and are left out.
/// </summary>
[JsonConverter(typeof(CardDataConverter))]
internal sealed class CardData(IReadOnlyDictionary<string, string> fields)
{
    public static readonly CardData Empty = new(new Dictionary<string, string>());

    public IReadOnlyDictionary<string, string> Fields { get; } = fields;

    public string? Verb => Str(CardVerbs.VerbField);

    public string? Str(string name) => Fields.GetValueOrDefault(name);

    public bool Flag(string name) => string.Equals(Str(name), "true", StringComparison.OrdinalIgnoreCase);

    public Guid? Id(string name) => Guid.TryParse(Str(name), out var id) ? id : null;
}

/// <summary>An Action.Execute as an adaptiveCard/action invoke carries it: { type, verb, data }.</summary>
internal sealed record CardAction(string? Type = null, string? Verb = null, CardData? Data = null);

/// <summary>
/// An activity's value. An adaptiveCard/action invoke sends { action: { type, verb, data }, trigger }; an Action.Submit
/// click sends the action's data merged with the card's inputs, which become <see cref="Inputs"/>.
/// </summary>
[JsonConverter(typeof(ActivityValueConverter))]
internal sealed record ActivityValue(CardAction? Action, CardData Inputs)
{
    public const string ActionField = "action";

    /// <summary>The verb and data of an Action.Execute: its own verb, else the one in its data.</summary>
    public (string? Verb, CardData Data) Invoked() =>
        Action is { } action ? (action.Verb ?? action.Data?.Verb, action.Data ?? CardData.Empty) : (null, CardData.Empty);

    /// <summary>The verb and data of an Action.Submit: both in the merged inputs.</summary>
    public (string? Verb, CardData Data) Submitted() => (Inputs.Verb, Inputs);
}

internal sealed class CardDataConverter : JsonConverter<CardData>
{
    public override CardData Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        CardFieldReader.Start(ref reader);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        while (CardFieldReader.NextName(ref reader) is { } name)
        {
            CardFieldReader.ReadValue(ref reader, name, fields);
        }

        return new CardData(fields);
    }

    public override void Write(Utf8JsonWriter writer, CardData value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        CardFieldReader.WriteEach(writer, value.Fields);
        writer.WriteEndObject();
    }
}

internal sealed class ActivityValueConverter : JsonConverter<ActivityValue>
{
    public override ActivityValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        CardFieldReader.Start(ref reader);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        CardAction? action = null;
        while (CardFieldReader.NextName(ref reader) is { } name)
        {
            if (name == ActivityValue.ActionField)
            {
                // Typed: an action that is not an object is a malformed invoke, not a card field.
                action = JsonSerializer.Deserialize(ref reader, TeamsJson.Default.CardAction);
            }
            else
            {
                CardFieldReader.ReadValue(ref reader, name, fields);
            }
        }

        return new ActivityValue(action, new CardData(fields));
    }

    public override void Write(Utf8JsonWriter writer, ActivityValue value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        if (value.Action is { } action)
        {
            writer.WritePropertyName(ActivityValue.ActionField);
            JsonSerializer.Serialize(writer, action, TeamsJson.Default.CardAction);
        }

        CardFieldReader.WriteEach(writer, value.Inputs.Fields);
        writer.WriteEndObject();
    }
}

/// <summary>What both card converters share: an object of fields whose scalar values are kept as text.</summary>
internal static class CardFieldReader
{
    public static void Start(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("a card's data must be an object");
        }
    }

    /// <summary>The next property's name, with the reader on its value; null at the end of the object.</summary>
    public static string? NextName(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.EndObject)
        {
            return null;
        }

        var name = reader.GetString()!;
        reader.Read();
        return name;
    }

    public static void ReadValue(ref Utf8JsonReader reader, string name, Dictionary<string, string> fields)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                fields[name] = reader.GetString()!;
                break;
            case JsonTokenType.Number:
                fields[name] = reader.HasValueSequence
                    ? System.Text.Encoding.UTF8.GetString(System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence))
                    : System.Text.Encoding.UTF8.GetString(reader.ValueSpan);
                break;
            case JsonTokenType.True or JsonTokenType.False:
                fields[name] = reader.GetBoolean() ? "true" : "false";
                break;
            case JsonTokenType.Null:
                fields.Remove(name);
                break;
            default:
                reader.Skip();
                break;
        }
    }

    public static void WriteEach(Utf8JsonWriter writer, IReadOnlyDictionary<string, string> fields)
    {
        foreach (var (name, text) in fields)
        {
            writer.WriteString(name, text);
        }
    }
}
