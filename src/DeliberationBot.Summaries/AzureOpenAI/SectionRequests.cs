using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Stakeholders;
using DeliberationBot.Core.Summaries;
using DeliberationBot.Summaries.Prompts;
using DeliberationBot.Summaries.Tokens;

namespace DeliberationBot.Summaries.AzureOpenAI;

/// <summary>
/// One model call: a section of the flow, or a part of one when its answers exceed the token budget. Carries a cache
/// key that changes exactly when the prompt does.
/// </summary>
internal sealed record SectionRequest(string SectionId, string SectionTitle, int Part, int Parts, string Prompt, int Tokens, string CacheKey);

/// <summary>
/// Builds the section requests. Only shown answers that are not skips are sent (a withheld answer must not reach a model
/// whose sentences might reveal it), with group labels and per-section pseudonyms ("P1", "P2"…) in place of any
/// participant reference. Answers are JSON-encoded inside the data block, with &lt; and &gt; escaped, so no answer can
/// close the block or pose as instructions.
/// </summary>
internal sealed class SectionRequestBuilder(SummaryPrompts prompts, ITokenCounter tokens)
{
    private const int MinAnswerTokens = 32;

    /// <summary>Escapes &lt;, &gt;, &amp; and quotes (the default encoder always does), but keeps other letters readable.</summary>
    internal static readonly JsonSerializerOptions Json = new()
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public IReadOnlyList<SectionRequest> Build(SummaryAnswerSet set, int tokenBudget, string cacheSalt)
    {
        var requests = new List<SectionRequest>();
        foreach (var section in set.Flow.Sections)
        {
            var answers = section.Questions.SelectMany(q => set.ShownFor(q.Id).Select(a => (Question: q, Answer: a))).ToList();
            if (answers.Count == 0)
            {
                continue;
            }

            var pseudonyms = answers.Select(x => x.Answer.ParticipantRef).Distinct(StringComparer.Ordinal)
                .Select((r, i) => (r, $"P{i + 1}")).ToDictionary(x => x.r, x => x.Item2, StringComparer.Ordinal);
            var entries = answers.Select(x => Entry(x.Question, x.Answer, set.QuotableText(x.Question, x.Answer), pseudonyms)).ToList();
            var chunks = Pack(set, section, entries, tokenBudget);
            requests.AddRange(chunks.Select((chunk, i) => Request(set, section, chunk, i + 1, chunks.Count, cacheSalt)));
        }

        return requests;
    }

    private List<List<AnswerEntry>> Pack(SummaryAnswerSet set, Section section, List<AnswerEntry> entries, int tokenBudget)
    {
        var overhead = tokens.Count(Fill(set, section, section.Questions, [], " (part 10 of 10)"));
        var room = Math.Max(MinAnswerTokens * 2, tokenBudget - overhead);
        var chunks = new List<List<AnswerEntry>> { new() };
        var used = 0;
        foreach (var original in entries)
        {
            var entry = Fit(original, room);
            var size = tokens.Count(JsonSerializer.Serialize(entry, Json)) + 2;
            if (used + size > room && chunks[^1].Count > 0)
            {
                chunks.Add([]);
                used = 0;
            }

            chunks[^1].Add(entry);
            used += size;
        }

        return chunks;
    }

    /// <summary>An answer longer than a whole request may hold is cut, and marked as cut.</summary>
    private AnswerEntry Fit(AnswerEntry entry, int room)
    {
        var size = tokens.Count(JsonSerializer.Serialize(entry, Json));
        if (size <= room)
        {
            return entry;
        }

        var rest = tokens.Count(JsonSerializer.Serialize(entry with { Answer = "" }, Json)) + 8;
        return entry with { Answer = tokens.Truncate(entry.Answer, Math.Max(MinAnswerTokens, room - rest)) + " […]", Truncated = true };
    }

    private SectionRequest Request(SummaryAnswerSet set, Section section, List<AnswerEntry> chunk, int part, int parts, string cacheSalt)
    {
        var questionIds = chunk.Select(e => e.QuestionId).ToHashSet(StringComparer.Ordinal);
        var prompt = Fill(set, section, section.Questions.Where(q => questionIds.Contains(q.Id)), chunk, parts > 1 ? $" (part {part} of {parts})" : "");
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{cacheSalt}\n{prompts.System}\n{prompt}")));
        return new SectionRequest(section.Id, section.Title, part, parts, prompt, tokens.Count(prompt), key);
    }

    private string Fill(SummaryAnswerSet set, Section section, IEnumerable<Question> questions, IReadOnlyList<AnswerEntry> answers, string part)
    {
        var questionJson = JsonSerializer.Serialize(questions.Select(q => new QuestionEntry(
            q.Id, q.Text, KindName(q.Kind), q.Unit,
            q.EffectiveOptions.Count > 0 && q.Kind != AnswerKind.Scale ? [.. q.EffectiveOptions.Select(o => o.Label)] : null,
            q.Kind == AnswerKind.Scale ? AnswerKinds.ScaleLegend(q.LowLabel, q.HighLabel) : null)), Json);
        var data = JsonSerializer.Serialize(new DataBlock(set.Input.Title, answers), Json);
        return prompts.SectionTemplate
            .Replace("{{flow_title}}", set.Flow.Title, StringComparison.Ordinal)
            .Replace("{{section_title}}", section.Title, StringComparison.Ordinal)
            .Replace("{{part}}", part, StringComparison.Ordinal)
            .Replace("{{questions}}", questionJson, StringComparison.Ordinal)
            .Replace("{{data}}", data, StringComparison.Ordinal);
    }

    private static AnswerEntry Entry(Question question, SummaryAnswer answer, string text, Dictionary<string, string> pseudonyms) => new(
        answer.Id,
        question.Id,
        answer.Group.Label(),
        pseudonyms[answer.ParticipantRef],
        text,
        answer.FlaggedConcern,
        question.RaisesConcern(answer.Value),
        null);

    private static string KindName(AnswerKind kind) => kind switch
    {
        AnswerKind.FreeText => "free_text",
        AnswerKind.SingleChoice => "single_choice",
        AnswerKind.MultipleChoice => "multiple_choice",
        AnswerKind.YesNoUnsure => "yes_no_unsure",
        AnswerKind.Scale => "scale",
        _ => "number",
    };

    private sealed record QuestionEntry(
        [property: JsonPropertyName("id")] string Id,
        [property: JsonPropertyName("text")] string Text,
        [property: JsonPropertyName("kind")] string Kind,
        [property: JsonPropertyName("unit")] string? Unit,
        [property: JsonPropertyName("options")] IReadOnlyList<string>? Options,
        [property: JsonPropertyName("scale")] string? Scale);

    private sealed record DataBlock(
        [property: JsonPropertyName("deliberation_title")] string Title,
        [property: JsonPropertyName("answers")] IReadOnlyList<AnswerEntry> Answers);

    internal sealed record AnswerEntry(
        [property: JsonPropertyName("id")] string Id,
        [property: JsonPropertyName("question_id")] string QuestionId,
        [property: JsonPropertyName("group")] string Group,
        [property: JsonPropertyName("participant")] string Participant,
        [property: JsonPropertyName("answer")] string Answer,
        [property: JsonPropertyName("flagged_concern")] bool FlaggedConcern,
        [property: JsonPropertyName("meets_concern_rule")] bool MeetsConcernRule,
        [property: JsonPropertyName("truncated")] bool? Truncated);
}
