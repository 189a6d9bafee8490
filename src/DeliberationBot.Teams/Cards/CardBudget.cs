using System.Text;
using System.Text.Json.Nodes;

namespace DeliberationBot.Teams.Cards;

/// <summary>
/// Keeps long cards (a summary, a digest) within what Teams accepts: a message of about 28 KB, activity and card
/// included. The head always goes in; then whole parts in order while they fit, measured as the activity will be
/// serialized; when a part does not fit, the card ends with a marker that says so, and nothing after it is added
/// (a reader should never miss a middle part without being told).
/// </summary>
internal static class CardBudget
{
    /// <summary>The serialized activity stays under this, a little below Teams' ~28 KB for what the connector adds.</summary>
    public const int MaxActivityBytes = 26 * 1024;

    public static int Bytes(JsonNode node) => Encoding.UTF8.GetByteCount(node.ToJsonString());

    public static JsonObject Fit(IEnumerable<JsonNode?> head, IEnumerable<IReadOnlyList<JsonNode?>> parts, JsonNode marker, int maxBytes = MaxActivityBytes)
    {
        var body = head.Where(n => n is not null).ToList();
        // The activity with the head and the marker, so that the marker always fits when it is needed.
        var used = Bytes(AdaptiveCardRenderer.Activity(Card.New([.. body.Select(n => n!.DeepClone()), marker.DeepClone()])));
        foreach (var part in parts)
        {
            var items = part.Where(n => n is not null).ToList();
            var size = items.Sum(n => Bytes(n!) + 1); // +1: the comma before each element
            if (used + size > maxBytes)
            {
                body.Add(marker);
                return Card.New(body);
            }

            used += size;
            body.AddRange(items);
        }

        return Card.New(body);
    }

    /// <summary>The marker: where the card stops and what to do to see the rest.</summary>
    public static JsonObject CutMarker(string what, string seeAll) =>
        Card.Separator(Card.Text($"**✂ The {what} is cut here**: the rest does not fit in one Teams message. {seeAll}", color: "Warning", spacing: "Large"));
}
