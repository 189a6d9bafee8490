using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DeliberationBot.Summaries.Tests.Support;

/// <summary>What the server does with one request.</summary>
internal sealed record ScriptedReply(int Status, string? Content, bool Hang, IReadOnlyDictionary<string, string> Headers)
{
    /// <summary>A 200 chat completion whose message content is <paramref name="content"/>.</summary>
    public static ScriptedReply Ok(string content) => new(200, content, false, new Dictionary<string, string>());

    public static ScriptedReply Json(object value) => Ok(JsonSerializer.Serialize(value));

    public static ScriptedReply Error(int status, params (string Name, string Value)[] headers) =>
        new(status, null, false, headers.ToDictionary(h => h.Name, h => h.Value));

    /// <summary>Never answers; the request ends only when the client gives up.</summary>
    public static ScriptedReply Never() => new(200, null, true, new Dictionary<string, string>());
}

/// <summary>A request as the server received it.</summary>
internal sealed record RecordedRequest(string Path, string Query, string? ApiKey, string Body, TimeSpan At)
{
    private JsonNode Json => JsonNode.Parse(Body)!;

    public string SystemPrompt => Message("system");

    public string UserPrompt => Message("user");

    public IReadOnlyList<string> UserMessages =>
        [.. Json["messages"]!.AsArray().Where(m => (string?)m!["role"] == "user").Select(m => Content(m!))];

    /// <summary>The text between &lt;data&gt; and &lt;/data&gt; in the first user message.</summary>
    public string DataBlock
    {
        get
        {
            var prompt = UserPrompt;
            var start = prompt.IndexOf("<data>", StringComparison.Ordinal) + "<data>".Length;
            var end = prompt.IndexOf("</data>", start, StringComparison.Ordinal);
            return prompt[start..end];
        }
    }

    /// <summary>The answers sent, as (id, question id, answer text) triples, read from the data block.</summary>
    public IReadOnlyList<(string Id, string QuestionId, string Text)> Answers =>
        [.. JsonNode.Parse(DataBlock)!["answers"]!.AsArray().Select(a => ((string)a!["id"]!, (string)a["question_id"]!, (string)a["answer"]!))];

    private string Message(string role) => Content(Json["messages"]!.AsArray().First(m => (string?)m!["role"] == role)!);

    private static string Content(JsonNode message) => message["content"] is JsonArray parts
        ? string.Concat(parts.Select(p => (string?)p!["text"]))
        : (string)message["content"]!;
}

/// <summary>
/// A small OpenAI-compatible server on 127.0.0.1 for the real Azure OpenAI client to talk to over HTTP: it answers
/// POST /openai/deployments/{deployment}/chat/completions with scripted replies (queued ones first, then
/// <see cref="Otherwise"/>) and records every request.
/// </summary>
internal sealed class LocalOpenAIServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Func<RecordedRequest, ScriptedReply>> _queue = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly SemaphoreSlim _arrived = new(0);

    private LocalOpenAIServer(WebApplication app)
    {
        _app = app;
    }

    public string Endpoint { get; private set; } = "";

    public Func<RecordedRequest, ScriptedReply> Otherwise { get; set; } = ModelScripts.Valid;

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public static async Task<LocalOpenAIServer> StartAsync()
    {
        var builder = LoopbackServer.CreateBuilder();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(1));
        var server = new LocalOpenAIServer(builder.Build());
        server._app.MapPost("/openai/deployments/{deployment}/chat/completions", server.HandleAsync);
        await server._app.StartAsync();
        server.Endpoint = LoopbackServer.Address(server._app) + "/";
        return server;
    }

    public void Enqueue(params ScriptedReply[] replies)
    {
        foreach (var reply in replies)
        {
            _queue.Enqueue(_ => reply);
        }
    }

    public void Enqueue(params Func<RecordedRequest, ScriptedReply>[] replies)
    {
        foreach (var reply in replies)
        {
            _queue.Enqueue(reply);
        }
    }

    public void ClearRequests() => _requests.Clear();

    /// <summary>Returns once <paramref name="count"/> requests have arrived (the test's own timeout only guards a hang).</summary>
    public async Task WaitForRequestsAsync(int count)
    {
        using var hang = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (_requests.Count < count)
        {
            await _arrived.WaitAsync(hang.Token);
        }
    }

    public ValueTask DisposeAsync() => LoopbackServer.StopAsync(_app);

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        var request = new RecordedRequest(context.Request.Path, context.Request.QueryString.Value ?? "", context.Request.Headers["api-key"].FirstOrDefault(), body, _clock.Elapsed);
        _requests.Enqueue(request);
        _arrived.Release();
        var reply = _queue.TryDequeue(out var queued) ? queued(request) : Otherwise(request);
        if (reply.Hang)
        {
            try
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
            }

            return;
        }

        context.Response.StatusCode = reply.Status;
        foreach (var (name, value) in reply.Headers)
        {
            context.Response.Headers[name] = value;
        }

        if (reply.Status != 200)
        {
            await context.Response.WriteAsJsonAsync(new { error = new { code = reply.Status.ToString(), message = "scripted failure" } });
            return;
        }

        await context.Response.WriteAsJsonAsync(new
        {
            id = "chatcmpl-local",
            @object = "chat.completion",
            created = 1_700_000_000,
            model = "gpt-4o-mini",
            choices = new[] { new { index = 0, message = new { role = "assistant", content = reply.Content }, finish_reason = "stop" } },
            usage = new { prompt_tokens = 100, completion_tokens = 50, total_tokens = 150 },
        });
    }
}
