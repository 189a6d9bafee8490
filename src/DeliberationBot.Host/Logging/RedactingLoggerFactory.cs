using Microsoft.Extensions.Options;

namespace DeliberationBot.Host.Logging;

/// <summary>
/// The service's logger factory: the framework's own, whose loggers pass everything through <see cref="LogRedaction"/>
/// before any provider (console, Application Insights, a test's recorder) sees it. Framework categories are covered
/// too, e.g. ASP.NET Core's request lines, which carry the query string of an export link.
/// </summary>
internal sealed class RedactingLoggerFactory(
    IEnumerable<ILoggerProvider> providers,
    IOptionsMonitor<LoggerFilterOptions> filters,
    IOptions<LoggerFactoryOptions> options,
    IExternalScopeProvider? scopes = null) : ILoggerFactory
{
    private readonly LoggerFactory _inner = new(providers, filters, options, scopes);

    public ILogger CreateLogger(string categoryName) => new RedactingLogger(_inner.CreateLogger(categoryName));

    public void AddProvider(ILoggerProvider provider) => _inner.AddProvider(provider);

    public void Dispose() => _inner.Dispose();

    private sealed class RedactingLogger(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!inner.IsEnabled(logLevel))
            {
                return;
            }

            var message = LogRedaction.Redact(formatter(state, exception));
            var values = state as IEnumerable<KeyValuePair<string, object?>>;
            var redacted = new RedactedState(message, values is null ? [] : [.. values.Select(Redact)]);
            inner.Log(logLevel, eventId, redacted, Redact(exception), static (s, _) => s.Message);
        }

        /// <summary>An exception is replaced only when its text holds a secret, so its type still reaches those that check it.</summary>
        private static Exception? Redact(Exception? exception)
        {
            if (exception is null)
            {
                return null;
            }

            var text = exception.ToString();
            return LogRedaction.Redact(text) == text ? exception : new RedactedException(exception);
        }

        private static KeyValuePair<string, object?> Redact(KeyValuePair<string, object?> pair) =>
            pair.Value is string or Uri ? new(pair.Key, LogRedaction.Redact(pair.Value.ToString()!)) : pair;
    }

    /// <summary>The message and structured values, redacted; providers that read values see the same as those that read text.</summary>
    private sealed class RedactedState(string message, IReadOnlyList<KeyValuePair<string, object?>> values) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public string Message => message;

        public int Count => values.Count;

        public KeyValuePair<string, object?> this[int index] => values[index];

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => values.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => message;
    }
}

/// <summary>An exception as logged: its type and stack, with secrets taken out of its message and inner messages.</summary>
internal sealed class RedactedException(Exception original)
    : Exception(LogRedaction.Redact(original.Message), original.InnerException is null ? null : new RedactedException(original.InnerException))
{
    public Exception Original => original;

    public override string? StackTrace => original.StackTrace;

    public override string ToString() => LogRedaction.Redact(original.ToString());
}
