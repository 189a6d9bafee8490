using Microsoft.Extensions.Logging;

namespace DeliberationBot.Summaries;

/// <summary>The summaries' log messages (source-generated). Prompts and replies hold answer text, so they go to Debug only.</summary>
internal sealed partial class SummariesLog(ILogger<SummariesLog> logger)
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Summarising deliberation {DeliberationId} with {Deployment}: {Requests} section requests, {Cached} unchanged since the last call")]
    public partial void Summarising(Guid deliberationId, string deployment, int requests, int cached);

    [LoggerMessage(Level = LogLevel.Information, Message = "Summary prompts count tokens with {Method}; section budget {Budget} tokens")]
    public partial void TokenCounting(string method, int budget);

    // The prompt holds people's answers and the reply quotes them: both are logged by size only.
    [LoggerMessage(Level = LogLevel.Debug, Message = "Section {SectionId} part {Part}: sending {Tokens} tokens")]
    public partial void Sending(string sectionId, int part, int tokens);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Section {SectionId} part {Part}: the model replied with {Length} characters")]
    public partial void Replied(string sectionId, int part, int length);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Section {SectionId} part {Part} is unchanged; using the reply from the last call")]
    public partial void CacheHit(string sectionId, int part);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Section {SectionId} part {Part}, attempt {Attempt} of {MaxAttempts}: {Problem}")]
    public partial void AttemptFailed(string sectionId, int part, int attempt, int maxAttempts, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model call {Attempt} of {MaxAttempts} failed: {Problem}; calling again in {Delay}")]
    public partial void CallRetried(int attempt, int maxAttempts, string problem, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deliberation {DeliberationId}: left out {Statements} model statements and {Suggestions} suggested concerns that did not quote the answers they cite or contradicted the record")]
    public partial void Dropped(Guid deliberationId, int statements, int suggestions);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The AI summary of deliberation {DeliberationId} is unavailable ({Reason}); using the offline summary")]
    public partial void FellBack(Guid deliberationId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Summarising deliberation {DeliberationId} with the model failed unexpectedly; using the offline summary")]
    public partial void Crashed(Guid deliberationId, Exception exception);
}
