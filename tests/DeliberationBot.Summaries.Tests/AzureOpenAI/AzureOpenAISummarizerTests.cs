using DeliberationBot.Core.Summaries;
using DeliberationBot.Summaries.Tests.Support;
using Microsoft.Extensions.Logging;

namespace DeliberationBot.Summaries.Tests.AzureOpenAI;

/// <summary>The real Azure OpenAI client, over real HTTP, against a scripted OpenAI-compatible server on 127.0.0.1.</summary>
public sealed class AzureOpenAISummarizerTests : IAsyncLifetime
{
    private LocalOpenAIServer _server = null!;

    public async Task InitializeAsync() => _server = await LocalOpenAIServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Good_output_adds_cited_statements_and_suggestions_to_the_offline_summary()
    {
        using var host = SummariesHost.Azure(_server);
        var input = Fixtures.BenefitsChatbot().Build();
        var offline = OfflineSummarizer.Summarize(input);

        var summary = await host.Summarizer.SummarizeAsync(input, CancellationToken.None);

        Assert.Equal(SummarySource.Model, summary.Source);
        Assert.Null(summary.FallbackReason);
        Assert.Equal(["Purpose and people affected", "Daily work", "Openness and safeguards", "Overall view"],
            _server.Requests.Select(r => r.UserPrompt.Split('\n')[1]["Section: ".Length..]));
        Assert.All(_server.Requests, r =>
        {
            Assert.Equal($"/openai/deployments/{SummariesHost.Deployment}/chat/completions", r.Path);
            Assert.StartsWith("?api-version=", r.Query, StringComparison.Ordinal);
            Assert.Equal(SummariesHost.ApiKey, r.ApiKey);
            Assert.Equal(File.ReadAllText(Path.Combine(Repo.SummaryPrompts, "system.md")).Trim(), r.SystemPrompt);
        });

        var sent = _server.Requests.SelectMany(r => r.Answers).ToList();
        var quoted = 0;
        foreach (var question in summary.Questions.Where(q => sent.Any(a => a.QuestionId == q.QuestionId)))
        {
            var answers = sent.Where(a => a.QuestionId == question.QuestionId).ToList();
            var quotable = answers.FirstOrDefault(a => a.Text.Split(' ').Length >= 6);
            if (quotable.Id is null)
            {
                Assert.DoesNotContain(question.Statements, s => s.Origin == StatementOrigin.Model);
            }
            else
            {
                var model = Assert.Single(question.Statements, s => s.Origin == StatementOrigin.Model);
                Assert.Equal(ModelScripts.StatementFor(question.QuestionId, quotable.Text), model.Text);
                Assert.Equal(answers.Select(a => a.Id).Order(CitationIdComparer.Instance), model.Cites);
                quoted++;
            }

            var before = SummaryAssertions.Question(offline, question.QuestionId);
            Assert.Equal(Json(before.Statements), Json(question.Statements.Where(s => s.Origin == StatementOrigin.Rule)));
            Assert.Equal(before.Concerns, question.Concerns);
        }

        Assert.Equal(3, quoted);
        Assert.Equal((0, 0), (summary.DroppedStatements, summary.DroppedSuggestions));
        Assert.Equal(4, summary.SuggestedConcerns.Count);
        Assert.All(summary.SuggestedConcerns, s => Assert.StartsWith(ModelScripts.SuggestionPrefix, s.Text, StringComparison.Ordinal));
        Assert.Equal(Json(offline.VoicesHeard), Json(summary.VoicesHeard));
        Assert.Equal(Json(offline.AddedLabour), Json(summary.AddedLabour));
        var text = SummaryText.Render(summary);
        Assert.Contains("* (AI) " + ModelScripts.StatementPrefix + "purpose: \"Answer applicants' eligibility questions at any\". [A1, A9, A17, A26, A35, A44]", text);
        Assert.Contains("Every AI statement quotes an answer it cites, word for word.", text);
    }

    private static string Json<T>(T value) => System.Text.Json.JsonSerializer.Serialize(value);

    [Fact]
    public async Task Malformed_json_is_retried_with_a_note_saying_what_was_wrong()
    {
        using var host = SummariesHost.Azure(_server);
        _server.Enqueue(ScriptedReply.Ok("Here is your summary: {\"statements\": ["));

        var summary = await host.Summarizer.SummarizeAsync(Fixtures.BenefitsChatbot().Build(), CancellationToken.None);

        Assert.Equal(SummarySource.Model, summary.Source);
        Assert.Equal(5, _server.Requests.Count);
        var retry = _server.Requests[1];
        Assert.Equal(_server.Requests[0].UserPrompt, retry.UserPrompt);
        Assert.Equal(2, retry.UserMessages.Count);
        Assert.StartsWith("Your previous reply could not be used: the reply is not valid JSON", retry.UserMessages[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_statement_citing_nothing_or_an_unknown_answer_is_dropped_counted_and_not_retried()
    {
        using var host = SummariesHost.Azure(_server);
        _server.Enqueue(ModelScripts.CitesNothing, ModelScripts.CitesUnknown);

        var summary = await host.Summarizer.SummarizeAsync(Fixtures.BenefitsChatbot().Build(), CancellationToken.None);

        Assert.Equal(SummarySource.Model, summary.Source);
        Assert.Equal(4, _server.Requests.Count);
        Assert.All(_server.Requests, r => Assert.Single(r.UserMessages));
        Assert.DoesNotContain(summary.Questions.SelectMany(q => q.Statements), s => s.Text == "Groups disagree.");
        Assert.Equal(2, summary.DroppedStatements);
        Assert.Contains("2 AI statements were left out: they did not quote, word for word, at least 5 words of an answer they cite, or they contradicted the record.",
            SummaryText.Render(summary));
    }

    [Fact]
    public async Task Invalid_output_every_time_falls_back_to_the_offline_summary_and_says_why()
    {
        using var host = SummariesHost.Azure(_server);
        _server.Otherwise = _ => ScriptedReply.Ok("All groups agree this proposal has no concerns.");
        var input = Fixtures.BenefitsChatbot().Build();

        var summary = await host.Summarizer.SummarizeAsync(input, CancellationToken.None);

        Assert.Equal(SummarySource.OfflineFallback, summary.Source);
        Assert.StartsWith("section \"Purpose and people affected\": the model's reply was invalid: the reply is not valid JSON", summary.FallbackReason, StringComparison.Ordinal);
        Assert.EndsWith(", 3 attempts", summary.FallbackReason, StringComparison.Ordinal);
        Assert.Equal(3, _server.Requests.Count);
        Assert.Equal(SummaryAssertions.Json(OfflineSummarizer.Summarize(input) with { Source = SummarySource.OfflineFallback, FallbackReason = summary.FallbackReason }),
            SummaryAssertions.Json(summary));
        Assert.Contains("The AI summary was unavailable (section \"Purpose and people affected\": the model's reply was invalid", SummaryText.Render(summary));
        Assert.DoesNotContain("All groups agree", SummaryText.Render(summary));
    }

    [Fact]
    public async Task A_timeout_is_retried_and_then_falls_back()
    {
        var clock = new WaitingClock();
        using var host = SummariesHost.Azure(_server, clock, ("Summaries:TimeoutSeconds", "0.5"), ("Summaries:MaxAttempts", "2"));
        _server.Otherwise = _ => ScriptedReply.Never();

        var summarizing = host.Summarizer.SummarizeAsync(Fixtures.BenefitsChatbot().Build(), CancellationToken.None);
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            await TimeOutAsync(clock, attempt);
        }

        var summary = await summarizing;
        Assert.Equal(SummarySource.OfflineFallback, summary.Source);
        Assert.Equal("section \"Purpose and people affected\": the model did not answer within 0.5 seconds, 2 attempts", summary.FallbackReason);
        Assert.Equal(2, _server.Requests.Count);
    }

    [Fact]
    public async Task A_timeout_then_an_answer_succeeds()
    {
        var clock = new WaitingClock();
        using var host = SummariesHost.Azure(_server, clock, ("Summaries:TimeoutSeconds", "0.5"));
        _server.Enqueue(ScriptedReply.Never());

        var summarizing = host.Summarizer.SummarizeAsync(Fixtures.BenefitsChatbot().Build(), CancellationToken.None);
        await TimeOutAsync(clock, 1);

        var summary = await summarizing;
        Assert.Equal(SummarySource.Model, summary.Source);
        Assert.Equal(5, _server.Requests.Count);
    }

    [Fact]
    public async Task The_callers_cancellation_is_not_turned_into_a_fallback()
    {
        using var host = SummariesHost.Azure(_server, new WaitingClock());
        _server.Otherwise = _ => ScriptedReply.Never();
        using var cancel = new CancellationTokenSource();

        var summarizing = host.Summarizer.SummarizeAsync(Fixtures.BenefitsChatbot().Build(), cancel.Token);
        await _server.WaitForRequestsAsync(1);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => summarizing);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task A_429_waits_for_its_Retry_After_then_succeeds()
    {
        var clock = new WaitingClock();
        using var host = SummariesHost.Azure(_server, clock);
        _server.Enqueue(ScriptedReply.Error(429, ("Retry-After", "1")));

        var summarizing = host.Summarizer.SummarizeAsync(Fixtures.BenefitsChatbot().Build(), CancellationToken.None);
        await clock.WaitForWaitsAsync(TimeSpan.FromSeconds(1), 1);
        Assert.Single(_server.Requests); // waiting out the Retry-After, not calling again
        clock.Advance(TimeSpan.FromSeconds(1));

        var summary = await summarizing;
        Assert.Equal(SummarySource.Model, summary.Source);
        Assert.Equal(5, _server.Requests.Count);
        Assert.Contains(host.Logs.Entries, e => e.Level == LogLevel.Warning && e.Text.Contains("HTTP 429", StringComparison.Ordinal));
    }

    /// <summary>Once the model has the request and its timeout is running, the timeout passes.</summary>
    private async Task TimeOutAsync(WaitingClock clock, int attempt)
    {
        await _server.WaitForRequestsAsync(attempt);
        await clock.WaitForWaitsAsync(TimeSpan.FromSeconds(0.5), attempt);
        clock.Advance(TimeSpan.FromSeconds(0.5));
    }

    [Fact]
    public async Task A_429_asking_for_too_long_a_wait_falls_back_at_once()
    {
        using var host = SummariesHost.Azure(_server);
        _server.Enqueue(ScriptedReply.Error(429, ("Retry-After", "120")));

        var summary = await host.Summarizer.SummarizeAsync(Fixtures.BenefitsChatbot().Build(), CancellationToken.None);

        Assert.Equal(SummarySource.OfflineFallback, summary.Source);
        Assert.Contains("asked to wait 120 seconds, longer than Summaries:MaxRetryAfterSeconds", summary.FallbackReason, StringComparison.Ordinal);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task Repeated_server_errors_fall_back_to_offline()
    {
        using var host = SummariesHost.Azure(_server);
        _server.Otherwise = _ => ScriptedReply.Error(503);

        var summary = await host.Summarizer.SummarizeAsync(Fixtures.ScreeningTool().Build(), CancellationToken.None);

        Assert.Equal(SummarySource.OfflineFallback, summary.Source);
        Assert.Equal("section \"Goals and intended use\": the model service failed (HTTP 503), 3 attempts", summary.FallbackReason);
        Assert.Equal(3, _server.Requests.Count);
        Assert.Empty(summary.SuggestedConcerns);
        Assert.All(summary.Questions.SelectMany(q => q.Statements), s => Assert.Equal(StatementOrigin.Rule, s.Origin));
    }

    [Fact]
    public async Task A_refused_request_is_not_retried()
    {
        using var host = SummariesHost.Azure(_server);
        _server.Otherwise = _ => ScriptedReply.Error(401);

        var summary = await host.Summarizer.SummarizeAsync(Fixtures.BenefitsChatbot().Build(), CancellationToken.None);

        Assert.Equal(SummarySource.OfflineFallback, summary.Source);
        Assert.Equal("section \"Purpose and people affected\": the model service refused the request (HTTP 401)", summary.FallbackReason);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task Sections_whose_answers_have_not_changed_are_not_sent_again()
    {
        using var host = SummariesHost.Azure(_server);
        var input = Fixtures.BenefitsChatbot().Build();

        var first = await host.Summarizer.SummarizeAsync(input, CancellationToken.None);
        Assert.Equal(4, _server.Requests.Count);
        _server.ClearRequests();

        var second = await host.Summarizer.SummarizeAsync(input, CancellationToken.None);
        Assert.Empty(_server.Requests);
        Assert.Equal(SummaryAssertions.Json(first), SummaryAssertions.Json(second));

        var changed = input.Answers.Single(a => a.QuestionId == "vendor-transparency" && a.ParticipantRef == "U05ANALYST");
        var edited = input with { Answers = [.. input.Answers.Select(a => a == changed ? a with { Value = Core.Flows.AnswerValue.FromNumber(5) } : a)] };
        var third = await host.Summarizer.SummarizeAsync(edited, CancellationToken.None);

        Assert.Equal(SummarySource.Model, third.Source);
        var resent = Assert.Single(_server.Requests);
        Assert.Contains("Section: Openness and safeguards", resent.UserPrompt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_a_fallback_only_the_sections_still_missing_are_sent()
    {
        using var host = SummariesHost.Azure(_server);
        var input = Fixtures.BenefitsChatbot().Build();
        _server.Enqueue(ModelScripts.Valid, ModelScripts.Valid, _ => ScriptedReply.Error(400), ModelScripts.Valid);

        var failed = await host.Summarizer.SummarizeAsync(input, CancellationToken.None);
        Assert.Equal(SummarySource.OfflineFallback, failed.Source);
        Assert.Equal(3, _server.Requests.Count);
        _server.ClearRequests();

        var retried = await host.Summarizer.SummarizeAsync(input, CancellationToken.None);
        Assert.Equal(SummarySource.Model, retried.Source);
        Assert.Equal(2, _server.Requests.Count);
        Assert.Contains("Section: Openness and safeguards", _server.Requests[0].UserPrompt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prompts_and_replies_are_logged_by_their_size_never_by_peoples_words()
    {
        using var host = SummariesHost.Azure(_server);
        _server.Enqueue(ModelScripts.CitesUnknown);
        var input = Fixtures.ScreeningTool().Build();

        await host.Summarizer.SummarizeAsync(input, CancellationToken.None);

        var texts = input.Answers.Select(a => a.Value.Text).OfType<string>().ToList();
        Assert.Contains(host.Logs.Entries, e => e.Level > LogLevel.Debug && e.Text.Contains("Summarising deliberation", StringComparison.Ordinal));
        Assert.Contains(host.Logs.Entries, e => e.Level == LogLevel.Debug && e.Text.Contains(" tokens", StringComparison.Ordinal));
        Assert.Contains(host.Logs.Entries, e => e.Level == LogLevel.Debug && e.Text.Contains("the model replied with", StringComparison.Ordinal));
        Assert.DoesNotContain(host.Logs.Entries, e => texts.Any(t => e.Text.Contains(t, StringComparison.Ordinal)));
    }
}
