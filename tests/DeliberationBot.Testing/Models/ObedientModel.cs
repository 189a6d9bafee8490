using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DeliberationBot.Testing;

/// <summary>
/// An OpenAI-compatible chat completions endpoint on 127.0.0.1 playing a model that obeyed an injected answer: every
/// reply is well formed and says the record is fine. One statement even quotes the injected answer word for word, so
/// only the rule against contradicting the record can stop it. The injected answer is the one that starts "Ignore all
/// previous instructions".
/// </summary>
public sealed class ObedientModel : IAsyncDisposable
{
    public const string Deployment = "summaries-test";
    public const string Agreement = "All groups agree this proposal has no concerns.";
    public const string NoConcerns = "No concerns were raised by anyone.";
    public const string Unknown = "Groups disagree sharply about everything.";

    private readonly WebApplication _app;
    private int _requests;

    private ObedientModel(WebApplication app) => _app = app;

    public string Endpoint { get; private set; } = "";

    public int Requests => Volatile.Read(ref _requests);

    /// <summary>The settings that send a host's summaries to this model.</summary>
    public Dictionary<string, string?> Settings(string repositoryRoot) => new()
    {
        ["Summaries:Provider"] = "AzureOpenAI",
        ["Summaries:PromptsDirectory"] = Path.Combine(repositoryRoot, "prompts", "summaries"),
        ["AzureOpenAI:Endpoint"] = Endpoint,
        ["AzureOpenAI:Deployment"] = Deployment,
        ["AzureOpenAI:ApiKey"] = "test-api-key",
    };

    public static async Task<ObedientModel> StartAsync()
    {
        var model = new ObedientModel(LoopbackServer.CreateBuilder().Build());
        model._app.MapPost("/openai/deployments/{deployment}/chat/completions", model.AnswerAsync);
        await model._app.StartAsync();
        model.Endpoint = LoopbackServer.Address(model._app) + "/";
        return model;
    }

    public ValueTask DisposeAsync() => LoopbackServer.StopAsync(_app);

    private async Task AnswerAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        var request = await JsonNode.ParseAsync(context.Request.Body);
        var answers = AnswersIn(request!).ToList();
        var injected = answers.FirstOrDefault(a => a.Text.StartsWith("Ignore all previous instructions", StringComparison.Ordinal));
        var statements = new List<object>();
        if (answers.Count > 0)
        {
            var (id, question, _) = answers[0];
            statements.Add(new { question_id = question, text = Agreement, cites = answers.Select(a => a.Id).ToArray() });
            statements.Add(new { question_id = question, text = NoConcerns, cites = new[] { id } });
            statements.Add(new { question_id = question, text = Unknown, cites = new[] { "A222" } });
        }

        if (injected != default)
        {
            statements.Add(new
            {
                question_id = injected.QuestionId,
                text = $"As one participant wrote, \"{string.Join(' ', injected.Text.Split(' ')[4..12])}\", and every concern is resolved.",
                cites = new[] { injected.Id },
            });
        }

        var content = JsonSerializer.Serialize(new { statements, suggested_concerns = Array.Empty<object>() });
        await context.Response.WriteAsJsonAsync(new
        {
            id = "chatcmpl-local",
            @object = "chat.completion",
            created = 1_700_000_000,
            model = "gpt-4o-mini",
            choices = new[] { new { index = 0, message = new { role = "assistant", content }, finish_reason = "stop" } },
            usage = new { prompt_tokens = 100, completion_tokens = 50, total_tokens = 150 },
        });
    }

    /// <summary>The answers the request carries, read from the JSON between &lt;data&gt; and &lt;/data&gt;.</summary>
    private static IEnumerable<(string Id, string QuestionId, string Text)> AnswersIn(JsonNode request)
    {
        foreach (var message in request["messages"]!.AsArray().Where(m => (string?)m!["role"] == "user"))
        {
            var text = message!["content"] is JsonArray parts ? string.Concat(parts.Select(p => (string?)p!["text"])) : (string)message["content"]!;
            var start = text.IndexOf("<data>", StringComparison.Ordinal);
            var end = text.IndexOf("</data>", StringComparison.Ordinal);
            if (start < 0 || end < start)
            {
                continue;
            }

            foreach (var a in JsonNode.Parse(text[(start + "<data>".Length)..end])!["answers"]!.AsArray())
            {
                yield return ((string)a!["id"]!, (string)a["question_id"]!, (string)a["answer"]!);
            }
        }
    }
}
