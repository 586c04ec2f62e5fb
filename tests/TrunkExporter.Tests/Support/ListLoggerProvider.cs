using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace TrunkExporter.Tests.Support;

/// <summary>Keeps every log line, formatted, for tests that check what an operator would read.</summary>
internal sealed class ListLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<LogLine> _lines = new();

    public IReadOnlyList<LogLine> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new ListLogger(categoryName, _lines);

    public void Clear() => _lines.Clear();

    public void Dispose()
    {
    }

    private sealed class ListLogger(string category, ConcurrentQueue<LogLine> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue(new LogLine(logLevel, category, formatter(state, exception)));
    }
}

internal sealed record LogLine(LogLevel Level, string Category, string Message);
