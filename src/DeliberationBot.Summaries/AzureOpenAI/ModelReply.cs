using System.Text.Json;
using DeliberationBot.Core.Summaries;

namespace DeliberationBot.Summaries.AzureOpenAI;

/// <summary>A model's statement about one question, before it is merged into the summary.</summary>
internal sealed record ModelStatement(string QuestionId, string Text, IReadOnlyList<string> Cites);

/// <summary>A validated reply for one section request.</summary>
internal sealed record SectionReply(IReadOnlyList<ModelStatement> Statements, IReadOnlyList<SuggestedConcern> SuggestedConcerns);

/// <summary>
/// Reads a model's reply and checks it against the request: one JSON object; every statement names a question of the
/// request and cites at least one answer id of the request, and nothing else. Problems are described without quoting the
/// reply, so they can be logged and sent back to the model.
/// </summary>
internal static class ModelReply
{
    public const int MaxItems = 60;
    public const int MaxTextLength = 1000;

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

            var statements = new List<ModelStatement>();
            if (!ReadItems(statementsJson, "statement", request, questionRequired: true, out var items, out problem))
            {
                return false;
            }

            statements.AddRange(items.Select(i => new ModelStatement(i.QuestionId!, i.Text, i.Cites)));

            var suggestions = new List<SuggestedConcern>();
            if (root.TryGetProperty("suggested_concerns", out var suggestedJson) && suggestedJson.ValueKind != JsonValueKind.Null)
            {
                if (suggestedJson.ValueKind != JsonValueKind.Array)
                {
                    problem = "\"suggested_concerns\" must be an array";
                    return false;
                }

                if (!ReadItems(suggestedJson, "suggested concern", request, questionRequired: false, out var suggested, out problem))
                {
                    return false;
                }

                suggestions.AddRange(suggested.Select(i => new SuggestedConcern(i.Text, request.SectionId, i.QuestionId, i.Cites)));
            }

            reply = new SectionReply(statements, suggestions);
            return true;
        }
    }

    private static bool ReadItems(JsonElement array, string what, SectionRequest request, bool questionRequired, out List<Item> items, out string problem)
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

            var questionId = element.TryGetProperty("question_id", out var q) && q.ValueKind == JsonValueKind.String ? q.GetString() : null;
            if (questionId is null ? questionRequired : !request.QuestionIds.Contains(questionId))
            {
                problem = questionId is null
                    ? $"{what} {n} has no \"question_id\""
                    : $"{what} {n} names question {Short(questionId)}, which is not a question of this request";
                return false;
            }

            var text = element.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()!.Trim() : "";
            if (text.Length is 0 or > MaxTextLength)
            {
                problem = $"{what} {n} needs a \"text\" of 1 to {MaxTextLength} characters";
                return false;
            }

            if (!element.TryGetProperty("cites", out var citesJson) || citesJson.ValueKind != JsonValueKind.Array || citesJson.GetArrayLength() == 0)
            {
                problem = $"{what} {n} cites no answers; every {what} needs a non-empty \"cites\" list";
                return false;
            }

            var cites = new List<string>();
            foreach (var cite in citesJson.EnumerateArray())
            {
                var id = cite.ValueKind == JsonValueKind.String ? cite.GetString() : null;
                if (id is null || !request.AnswerIds.Contains(id))
                {
                    problem = $"{what} {n} cites {Short(id ?? "")}, which is not an answer id of this request";
                    return false;
                }

                cites.Add(id);
            }

            items.Add(new Item(questionId, text, [.. cites.Distinct(StringComparer.Ordinal).Order(CitationIdComparer.Instance)]));
        }

        return true;
    }

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

    /// <summary>Problems are logged above Debug, so they repeat an id only when it looks like one, never free text.</summary>
    private static string Short(string text) =>
        text.Length is > 0 and <= 40 && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') ? text : "(not an id)";

    private sealed record Item(string? QuestionId, string Text, IReadOnlyList<string> Cites);
}
