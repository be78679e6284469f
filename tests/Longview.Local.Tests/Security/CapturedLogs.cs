using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Longview.Local.Tests.Security;

/// <summary>A logger provider that keeps every entry: level, category, formatted message and each structured value.</summary>
internal sealed class CapturedLogs : ILoggerProvider
{
    public sealed record Entry(LogLevel Level, string Category, string Message, IReadOnlyList<string> Values, string? Exception);

    private readonly ConcurrentQueue<Entry> _entries = new();

    public IReadOnlyCollection<Entry> Entries => _entries.ToArray();

    public ILogger CreateLogger(string categoryName) => new Sink(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class Sink(string category, ConcurrentQueue<Entry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? pairs.Select(p => p.Value?.ToString() ?? "").ToArray()
                : [];
            entries.Enqueue(new Entry(logLevel, category, formatter(state, exception), values, exception?.ToString()));
        }
    }
}
