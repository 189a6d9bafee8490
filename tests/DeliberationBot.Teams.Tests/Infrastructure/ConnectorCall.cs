using System.Text.Json.Nodes;

namespace DeliberationBot.Teams.Tests.Infrastructure;

/// <summary>One call the bot made to the fake Bot Connector, and the activity id the fake answered with.</summary>
internal sealed record ConnectorCall(string Method, string Path, string RawTarget, JsonObject? Body, int BodyBytes, string? Authorization)
{
    /// <summary>The id the fake gave a posted activity.</summary>
    public string? ResponseId { get; set; }

    /// <summary>The conversation id, decoded, of a /v3/conversations/{id}/… path.</summary>
    public string? ConversationId => Segments.Length >= 3 ? Segments[2] : null;

    public string? ActivityId => Segments.Length >= 5 && Segments[3] == "activities" ? Segments[4] : null;

    public bool IsCreateConversation => Method == "POST" && Segments.Length == 2;

    public bool IsPost => Method == "POST" && Segments.Length >= 4 && Segments[3] == "activities";

    public bool IsUpdate => Method == "PUT";

    /// <summary>The Adaptive Card the activity carries.</summary>
    public JsonObject? Card => Body?["attachments"]?[0]?["content"]?.AsObject();

    /// <summary>All text of the card's TextBlocks and facts, for "what does the person see" checks.</summary>
    public string CardText => Card is null ? "" : Texts.Of(Card);

    private string[] Segments => Path.Trim('/').Split('/').Select(Uri.UnescapeDataString).ToArray();
}
