using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DeliberationBot.Teams.Cards;

/// <summary>
/// A card's content as the pager sees it: a head for the first page, parts kept whole where they can be (a concern
/// with its actions, a question with its answers), a heading for the pages after the first, the card's actions (on
/// the last page) and an optional footer made from the parts on a page (e.g. a choice of the answers shown on it).
/// </summary>
internal sealed record CardLayout(
    IReadOnlyList<JsonNode?> Head,
    IReadOnlyList<IReadOnlyList<JsonNode?>> Parts,
    string ContinuedHeading,
    IReadOnlyList<JsonNode?>? Actions = null,
    Func<IReadOnlyList<int>, CardFooter>? Footer = null);

internal sealed record CardFooter(IReadOnlyList<JsonNode?> Body, IReadOnlyList<JsonNode?> Actions);

/// <summary>
/// Keeps every Teams message within the size Teams accepts by splitting a long card into several, never by leaving
/// anything out. Teams refuses a card message over about 28 KB (413 MessageSizeTooBig; protocols.md B.2 gives ~100 KB
/// of UTF-16 for the whole message, and Adaptive Cards are held to 28 KB): every activity, as serialized and sent,
/// stays within <see cref="MaxActivityBytes"/> of UTF-8, which is also at most 56 KB of UTF-16. Pages are filled
/// with whole parts in order, each measured as it will be serialized; a part too big for a page of its own is split
/// between its elements, and a text too long for one page between its words. Each page of several says "part i of n".
/// </summary>
internal static class CardPager
{
    /// <summary>The most a serialized activity may weigh when sent, conversation, sender and recipient included.</summary>
    public const int MaxActivityBytes = 28 * 1024;

    /// <summary>Room kept for what the sender adds to the activity (conversation, from, recipient, replyToId, summary).</summary>
    public const int EnvelopeReserve = 2 * 1024;

    /// <summary>The node's size serialized as UTF-8 (as <c>ToJsonString</c> writes it), counted as it is written: no string is made.</summary>
    public static int Bytes(JsonNode node)
    {
        using var counter = new ByteCounter();
        using (var writer = new Utf8JsonWriter(counter))
        {
            node.WriteTo(writer);
        }

        return counter.Count;
    }

    /// <summary>The card as one page, whatever its size (what a reader would see if nothing had a limit).</summary>
    public static JsonObject Whole(CardLayout layout)
    {
        var all = Enumerable.Range(0, layout.Parts.Count).ToList();
        return Build(layout, layout.Head, layout.Parts, all, last: true, label: null);
    }

    /// <summary>The layout as one or more cards, each within the size limit once the sender has added its envelope.</summary>
    public static IReadOnlyList<JsonObject> Pages(CardLayout layout)
    {
        var whole = Whole(layout);
        if (Fits(whole))
        {
            return [whole];
        }

        // A footer is made from the parts on its page, so only a layout without one can be filled from part sizes. The
        // sizes added up are exact or a little over; every page is still measured whole before it can be sent.
        if (layout.Footer is null)
        {
            var parts = PartsOf(layout);
            var cards = Assemble(layout, parts, FillBySize(layout, parts));
            if (cards.All(Fits))
            {
                return cards;
            }
        }

        return PagesByBuilding(layout);
    }

    /// <summary>The pages found by building and measuring each candidate page.</summary>
    internal static IReadOnlyList<JsonObject> PagesByBuilding(CardLayout layout)
    {
        var parts = PartsOf(layout);
        return Assemble(layout, parts, FillByBuilding(layout, parts));
    }

    /// <summary>
    /// Fills pages from each part's size, measured once: a page's size is its frame (label, head, actions) plus its
    /// parts' elements, each with the comma before it. Linear in the parts, where building and measuring every candidate
    /// page is quadratic (a digest of ten proposals: 11 ms and 11 MB per reader).
    /// </summary>
    internal static List<List<int>> FillBySize(CardLayout layout, List<IReadOnlyList<JsonNode?>> parts)
    {
        int[] room = [Room(layout, 0), Room(layout, 1)]; // the first page's frame, and every later page's
        var used = 0;
        return Fill(parts, (page, current, i) =>
        {
            used = current.Count == 0 ? 0 : used;
            var size = PartBytes(parts[i]);
            if (used + size > room[Math.Min(page, 1)])
            {
                return false;
            }

            used += size;
            return true;
        });
    }

    internal static List<List<int>> FillByBuilding(CardLayout layout, List<IReadOnlyList<JsonNode?>> parts) =>
        Fill(parts, (page, current, i) => Fits(Build(layout, HeadOf(layout, page), parts, [.. current, i], last: true, label: Placeholder)));

    /// <summary>
    /// Fills pages in order with whole parts, as long as <paramref name="fits"/> says the page (by number) still fits with
    /// part i added to the ones on it; a part too big for a page of its own is split, its pieces placed in its stead.
    /// </summary>
    private static List<List<int>> Fill(List<IReadOnlyList<JsonNode?>> parts, Func<int, List<int>, int, bool> fits)
    {
        var pages = new List<List<int>>();
        var current = new List<int>();
        for (var i = 0; i < parts.Count; i++)
        {
            if (fits(pages.Count, current, i))
            {
                current.Add(i);
                continue;
            }

            if (current.Count > 0)
            {
                pages.Add(current);
                current = [];
                i--; // the same part again, on a fresh page
                continue;
            }

            var pieces = Split(parts[i]) ?? throw new InvalidOperationException("A card element cannot be split to fit a Teams message.");
            parts.RemoveAt(i);
            parts.InsertRange(i, pieces);
            i--;
        }

        pages.Add(current);
        return pages;
    }

    private static List<IReadOnlyList<JsonNode?>> PartsOf(CardLayout layout) =>
        [.. layout.Parts.Select(p => (IReadOnlyList<JsonNode?>)[.. p.Where(n => n is not null)])];

    private static IReadOnlyList<JsonObject> Assemble(CardLayout layout, List<IReadOnlyList<JsonNode?>> parts, List<List<int>> pages) =>
        [.. pages.Select((page, p) => Build(layout, HeadOf(layout, p), parts, page, last: p == pages.Count - 1, label: pages.Count == 1 ? null : Label(p + 1, pages.Count)))];

    /// <summary>What the parts on a page may weigh: the limit less the activity, the envelope and the page's frame.</summary>
    private static int Room(CardLayout layout, int page) =>
        MaxActivityBytes - WrapperBytes - EnvelopeReserve - Bytes(Build(layout, HeadOf(layout, page), [], [], last: true, label: Placeholder));

    private static int PartBytes(IReadOnlyList<JsonNode?> part) => part.Sum(e => e is null ? 0 : Bytes(e) + 1);

    /// <summary>A single card, split by its body elements when it is too big (its first element heads the first page).</summary>
    public static IReadOnlyList<JsonObject> Pages(JsonObject card)
    {
        if (Fits(card))
        {
            return [card];
        }

        var body = card["body"]!.AsArray().Select(n => n?.DeepClone()).ToList();
        var actions = card["actions"]?.AsArray().Select(a => a?.DeepClone()).ToList();
        var heading = body.FirstOrDefault()?["text"]?.GetValue<string>() ?? "";
        return Pages(new CardLayout(body.Take(1).ToList(), [.. body.Skip(1).Select(n => (IReadOnlyList<JsonNode?>)[n])], heading + " (continued)", actions));
    }

    public static bool Fits(JsonObject card) => Bytes(card) + WrapperBytes + EnvelopeReserve <= MaxActivityBytes;

    /// <summary>What the activity around a card weighs (measured on an empty card, which is "{}").</summary>
    private static readonly int WrapperBytes = Bytes(AdaptiveCardRenderer.Activity(new JsonObject())) - 2;

    /// <summary>The longest label, so that a page measured with it still fits once it gets its real one.</summary>
    private static readonly string Placeholder = Label(999, 1000);

    private static string Label(int page, int of) => page == of ? $"Part {page} of {of}" : $"Part {page} of {of} · continued in the next message";

    private static IReadOnlyList<JsonNode?> HeadOf(CardLayout layout, int page) =>
        page == 0 ? layout.Head : [Card.Text(layout.ContinuedHeading, weight: "Bolder")];

    private static JsonObject Build(CardLayout layout, IReadOnlyList<JsonNode?> head, IReadOnlyList<IReadOnlyList<JsonNode?>> parts, IReadOnlyList<int> onPage, bool last, string? label)
    {
        var body = new List<JsonNode?>();
        if (label is not null)
        {
            body.Add(Card.Text(label, subtle: true, spacing: "None"));
        }

        body.AddRange(head.Select(Clone));
        foreach (var i in onPage)
        {
            body.AddRange(parts[i].Select(Clone));
        }

        var actions = new List<JsonNode?>();
        if (layout.Footer is { } footer)
        {
            var made = footer(onPage);
            body.AddRange(made.Body.Select(Clone));
            actions.AddRange(made.Actions.Select(Clone));
        }

        if (last)
        {
            actions.AddRange((layout.Actions ?? []).Select(Clone));
        }

        return Card.New(body, actions);
    }

    private static JsonNode? Clone(JsonNode? node) => node?.DeepClone();

    /// <summary>Smaller pieces of a part: its elements; a lone text block halved between words; a fact set halved.</summary>
    private static List<IReadOnlyList<JsonNode?>>? Split(IReadOnlyList<JsonNode?> part)
    {
        if (part.Count > 1)
        {
            return [.. part.Select(n => (IReadOnlyList<JsonNode?>)[n])];
        }

        var element = part.Count == 1 ? part[0]!.AsObject() : null;
        if (element?["type"]?.GetValue<string>() == "TextBlock" && element["text"]?.GetValue<string>() is { Length: > 1 } text)
        {
            var cut = CutPoint(text);
            var first = element.DeepClone().AsObject();
            first["text"] = text[..cut];
            var second = element.DeepClone().AsObject();
            second["text"] = text[cut..];
            second.Remove("separator");
            second["spacing"] = "None";
            return [[first], [second]];
        }

        if (element?["type"]?.GetValue<string>() == "FactSet" && element["facts"]!.AsArray() is { Count: > 1 } facts)
        {
            var half = facts.Count / 2;
            JsonObject Set(IEnumerable<JsonNode?> f) => new() { ["type"] = "FactSet", ["facts"] = new JsonArray([.. f.Select(Clone)]) };
            return [[Set(facts.Take(half))], [Set(facts.Skip(half))]];
        }

        return null;
    }

    /// <summary>Near the middle, after a space or line break (never inside a backslash escape).</summary>
    private static int CutPoint(string text)
    {
        var middle = text.Length / 2;
        for (var d = 0; d < middle; d++)
        {
            foreach (var i in (int[])[middle + d, middle - d])
            {
                if (i > 0 && i < text.Length && char.IsWhiteSpace(text[i - 1]))
                {
                    return i;
                }
            }
        }

        // One unbroken word: cut anywhere but between a backslash and what it escapes.
        return text[middle - 1] == '\\' ? middle + 1 : middle;
    }

    /// <summary>Takes bytes written and keeps only their count, in one pooled buffer that every write reuses.</summary>
    private sealed class ByteCounter : IBufferWriter<byte>, IDisposable
    {
        private byte[] _buffer = ArrayPool<byte>.Shared.Rent(4096);

        public int Count { get; private set; }

        public void Advance(int count) => Count += count;

        public Memory<byte> GetMemory(int sizeHint = 0) => Room(sizeHint);

        public Span<byte> GetSpan(int sizeHint = 0) => Room(sizeHint);

        public void Dispose() => ArrayPool<byte>.Shared.Return(_buffer);

        private byte[] Room(int sizeHint)
        {
            if (sizeHint > _buffer.Length)
            {
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = ArrayPool<byte>.Shared.Rent(sizeHint);
            }

            return _buffer;
        }
    }
}
