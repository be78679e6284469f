using System.Net;
using Longview.Functions.Triggers;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Longview.Functions.Tests.Http;

/// <summary>
/// The Functions trigger given a body that fails while read, as the server reports it (a bad chunk: 400, a body
/// slower than the minimum data rate: 408, a client gone: an I/O error): a precise problem, never an exception.
/// </summary>
public sealed class BrokenBodyTests
{
    public static TheoryData<string, int> Failures => new()
    {
        { "bad chunk", StatusCodes.Status400BadRequest },
        { "too slow", StatusCodes.Status408RequestTimeout },
        { "client gone", StatusCodes.Status400BadRequest },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task A_body_that_fails_while_read_is_a_problem(string failure, int expected)
    {
        await using var functions = FunctionsApi.Start(4_000);
        await using var scope = functions.Services.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Method = "POST";
        context.Request.ContentType = "application/json";
        context.Request.Body = new FailingStream(failure switch
        {
            "bad chunk" => new BadHttpRequestException("Bad chunk size data.", StatusCodes.Status400BadRequest),
            "too slow" => new BadHttpRequestException("Reading the request body timed out due to data arriving too slowly.", StatusCodes.Status408RequestTimeout),
            _ => new IOException("The client reset the request stream."),
        });
        context.Response.Body = new MemoryStream();

        var result = await ActivatorUtilities.CreateInstance<EventsApi>(scope.ServiceProvider).Post(context.Request, CancellationToken.None);
        await result.ExecuteAsync(context);

        context.Response.Body.Position = 0;
        var response = new HttpResponseMessage((HttpStatusCode)context.Response.StatusCode) { Content = new StreamContent(context.Response.Body) };
        response.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(context.Response.ContentType!);
        await ProblemAssert.ReadAsync(response, (HttpStatusCode)expected);
    }

    private sealed class FailingStream(Exception failure) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => 0; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw failure;
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromException<int>(failure);
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
