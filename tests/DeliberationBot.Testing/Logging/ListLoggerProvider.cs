using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace DeliberationBot.Testing;

/// <summary>One log line: <see cref="Message"/> as formatted; <see cref="Text"/> with the exception, whole, after it.</summary>
public sealed record LogEntry(string Category, LogLevel Level, string Message, Exception? Exception)
{
    public string Text => Exception is null ? Message : Message + " | " + Exception;
}

/// <summary>Keeps every log line at or above <c>minimum</c>, so tests can check what an operator would see.</summary>
public sealed class ListLoggerProvider(LogLevel minimum = LogLevel.Trace) : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    public IReadOnlyList<LogEntry> Entries => [.. _entries];

    /// <summary>The exceptions logged, e.g. why start-up failed, whatever a factory then throws.</summary>
    public IEnumerable<Exception> Exceptions => _entries.Select(e => e.Exception).OfType<Exception>();

    /// <summary>Whether a line of <paramref name="level"/> says <paramref name="fragment"/> (exception included), ignoring case.</summary>
    public bool Contains(LogLevel level, string fragment) =>
        _entries.Any(e => e.Level == level && e.Text.Contains(fragment, StringComparison.OrdinalIgnoreCase));

    public ILogger CreateLogger(string categoryName) => new ListLogger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class ListLogger(ListLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= owner.Minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                owner._entries.Enqueue(new LogEntry(category, logLevel, formatter(state, exception), exception));
            }
        }
    }

    private LogLevel Minimum => minimum;
}
