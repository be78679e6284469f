using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Longview.Core.Tests.Fuzzing;

/// <summary>
/// Every log line written through its loggers, as the sinks would see it: the formatted message, every structured
/// value, and the exception with its stack (a console or Application Insights sink writes all three).
/// </summary>
internal sealed class CapturingLogs
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public ILogger<T> For<T>() => new Logger<T>(_lines);

    /// <summary>The first captured line that contains one of <paramref name="ids"/>, or null.</summary>
    public string? LineContainingAny(IEnumerable<string> ids)
    {
        foreach (var line in _lines)
        {
            foreach (var id in ids)
            {
                if (line.Contains(id, StringComparison.Ordinal))
                {
                    return line;
                }
            }
        }

        return null;
    }

    private sealed class Logger<T>(ConcurrentQueue<string> lines) : ILogger<T>
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" | ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            lines.Enqueue($"{logLevel}: {formatter(state, exception)} [{values}] {exception}");
        }
    }
}
