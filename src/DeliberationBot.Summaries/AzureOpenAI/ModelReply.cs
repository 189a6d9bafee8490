using System.Text.Json;
using DeliberationBot.Core.Summaries;

namespace DeliberationBot.Summaries.AzureOpenAI;

/// <summary>A reply for one section request, read but not yet checked against the record.</summary>
internal sealed record SectionReply(IReadOnlyList<ProposedStatement> Statements, IReadOnlyList<ProposedSuggestion> SuggestedConcerns);

/// <summary>
/// Reads a model's reply: one JSON object with a "statements" array and an optional "suggested_concerns" array of
/// objects. Only a reply of the wrong shape is refused (and retried with a note saying why); the content of each item is
/// checked against the record by <see cref="ModelAdditions"/>, which drops and counts what fails. Problems are described
/// without quoting the reply, so they can be logged and sent back to the model.
/// </summary>
internal static class ModelReply
{
    public const int MaxItems = 60;

    public static bool TryRead(string? text, SectionRequest request, out SectionReply reply, out string problem)
    {
        reply = new SectionReply([], []);
        problem = "";
        if (string.IsNullOrWhiteSpace(text))
        {
            problem = "the reply was empty";
            return false;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(StripFence(text));
        }
        catch (JsonException e)
        {
            problem = $"the reply is not valid JSON ({e.Message})";
            return false;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problem = "the reply must be one JSON object";
                return false;
            }

            if (!root.TryGetProperty("statements", out var statementsJson) || statementsJson.ValueKind != JsonValueKind.Array)
            {
                problem = "the reply has no \"statements\" array";
                return false;
            }

            if (!ReadItems(statementsJson, "statement", out var statements, out problem))
            {
                return false;
            }

            var suggestions = new List<Item>();
            if (root.TryGetProperty("suggested_concerns", out var suggestedJson) && suggestedJson.ValueKind != JsonValueKind.Null)
            {
                if (suggestedJson.ValueKind != JsonValueKind.Array)
                {
                    problem = "\"suggested_concerns\" must be an array";
                    return false;
                }

                if (!ReadItems(suggestedJson, "suggested concern", out suggestions, out problem))
                {
                    return false;
                }
            }

            reply = new SectionReply(
                [.. statements.Select(i => new ProposedStatement(i.QuestionId, i.Text, i.Cites))],
                [.. suggestions.Select(i => new ProposedSuggestion(request.SectionId, i.QuestionId, i.Text, i.Cites))]);
            return true;
        }
    }

    /// <summary>Missing or mistyped fields read as empty, so the item is dropped and counted rather than the reply refused.</summary>
    private static bool ReadItems(JsonElement array, string what, out List<Item> items, out string problem)
    {
        items = [];
        problem = "";
        if (array.GetArrayLength() > MaxItems)
        {
            problem = $"more than {MaxItems} {what}s";
            return false;
        }

        var n = 0;
        foreach (var element in array.EnumerateArray())
        {
            n++;
            if (element.ValueKind != JsonValueKind.Object)
            {
                problem = $"{what} {n} is not an object";
                return false;
            }

            var cites = element.TryGetProperty("cites", out var citesJson) && citesJson.ValueKind == JsonValueKind.Array
                ? citesJson.EnumerateArray().Select(c => c.ValueKind == JsonValueKind.String ? c.GetString()! : "").ToList()
                : [];
            items.Add(new Item(StringOf(element, "question_id"), StringOf(element, "text") ?? "", cites));
        }

        return true;
    }

    private static string? StringOf(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>Some models wrap JSON in a Markdown code fence even when asked not to.</summary>
    private static string StripFence(string text)
    {
        var trimmed = text.Trim();
        if (!trimmed.StartsWith("```", StringComparison.Ordinal))
        {
            return trimmed;
        }

        var firstLine = trimmed.IndexOf('\n', StringComparison.Ordinal);
        var end = trimmed.LastIndexOf("```", StringComparison.Ordinal);
        return firstLine > 0 && end > firstLine ? trimmed[(firstLine + 1)..end] : trimmed;
    }

    private sealed record Item(string? QuestionId, string Text, IReadOnlyList<string> Cites);
}
