using System.Net.Sockets;
using System.Text;
using Longview.Local.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Longview.Functions.Tests.Http;

/// <summary>
/// Bodies that break at the transport, which only a real server produces: written byte for byte on a socket to the
/// self-hosted app on Kestrel. (The Functions side of the same handler is <see cref="BrokenBodyTests"/>.)
/// </summary>
public sealed class KestrelBodyTests
{
    [Fact]
    public async Task A_bad_chunk_size_is_a_400_problem_without_a_stack_trace()
    {
        await AssertProblemAnswerAsync(
            "POST /api/events HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\n[]\r\n0\r\n\r\n",
            400);
    }

    [Fact]
    public async Task A_body_slower_than_the_minimum_data_rate_is_a_408_problem()
    {
        // A declared body that never comes: Kestrel's minimum request body data rate (240 B/s after a 5 s grace) trips.
        await AssertProblemAnswerAsync(
            "POST /api/events HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n[{\"eventId\":",
            408);
    }

    [Fact]
    public async Task A_client_that_leaves_mid_body_is_no_server_error()
    {
        await using var app = await LoggedApp.StartAsync();

        using (var socket = await app.ConnectAsync())
        {
            await socket.GetStream().WriteAsync(Encoding.ASCII.GetBytes(
                "POST /api/events HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n[{\"eventId\":"));
        }
        // The answer has no reader; what matters is that the server treats it as the client's fault, not its own.
        var health = await app.ExchangeAsync("GET /api/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 200", health);
        await app.StopAsync();
        Assert.Empty(app.Errors);
    }

    /// <summary>Sends <paramref name="request"/> to a fresh app: the answer is a <paramref name="status"/> problem without a stack trace, and nothing is logged as a server error.</summary>
    private static async Task AssertProblemAnswerAsync(string request, int status)
    {
        await using var app = await LoggedApp.StartAsync();

        var answer = await app.ExchangeAsync(request);

        Assert.StartsWith($"HTTP/1.1 {status}", answer);
        Assert.Contains("application/problem+json", answer);
        Assert.DoesNotContain("   at ", answer);
        Assert.Empty(app.Errors);
    }

    /// <summary>The self-hosted app with its error-level log lines captured.</summary>
    private sealed class LoggedApp : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly TempFolder _folder;
        private readonly ErrorLog _log;
        private readonly Uri _address;

        private LoggedApp(WebApplication app, TempFolder folder, ErrorLog log, Uri address)
        {
            _app = app;
            _folder = folder;
            _log = log;
            _address = address;
        }

        public IReadOnlyCollection<string> Errors => _log.Lines;

        public static async Task<LoggedApp> StartAsync()
        {
            var folder = new TempFolder();
            var log = new ErrorLog();
            var app = LocalWebApp.Create(
                new LocalHostOptions { Urls = "http://127.0.0.1:0", DataFolder = folder.Path, SeedWhenEmpty = false },
                logging => logging.ClearProviders().AddProvider(log));
            await app.StartAsync();
            var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            return new LoggedApp(app, folder, log, address);
        }

        public async Task<TcpClient> ConnectAsync()
        {
            var client = new TcpClient();
            await client.ConnectAsync(_address.Host, _address.Port);
            return client;
        }

        /// <summary>Writes the request and reads until the server closes or stops sending.</summary>
        public async Task<string> ExchangeAsync(string request)
        {
            using var client = await ConnectAsync();
            var stream = client.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
            var answer = new StringBuilder();
            var buffer = new byte[8192];
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                int read;
                while ((read = await stream.ReadAsync(buffer, timeout.Token)) > 0)
                {
                    answer.Append(Encoding.UTF8.GetString(buffer, 0, read));
                    if (answer.ToString().Contains("\r\n\r\n", StringComparison.Ordinal) && Complete(answer.ToString()))
                    {
                        break;
                    }
                }
            }
            catch (Exception e) when (e is OperationCanceledException or IOException)
            {
            }
            return answer.ToString();
        }

        public Task StopAsync() => _app.StopAsync();

        public async ValueTask DisposeAsync()
        {
            await _app.DisposeAsync();
            _folder.Dispose();
        }

        private static bool Complete(string answer)
        {
            var headerEnd = answer.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            var headers = answer[..headerEnd];
            var length = headers.Split("\r\n").FirstOrDefault(h => h.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
            return length is not null && answer.Length - headerEnd - 4 >= int.Parse(length["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    private sealed class ErrorLog : ILoggerProvider, ILogger
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _lines = new();

        public IReadOnlyCollection<string> Lines => _lines;

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                _lines.Enqueue($"{logLevel}: {formatter(state, exception)} {exception?.GetType().Name}");
            }
        }

        public void Dispose()
        {
        }
    }
}
