using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Longview.Api;

/// <summary>A JSON request body read into memory up to a byte limit, or the problem answer that refuses it.</summary>
public readonly record struct RequestBody(ReadOnlyMemory<byte> Content, IResult? Problem)
{
    /// <summary>
    /// 415 unless the body is declared JSON or NDJSON; 413 above <paramref name="maxBytes"/> of content, however the body
    /// is framed (the server's own limit counts chunk framing, so it is lifted here and this read enforces the bound);
    /// 400 or 408 when the body cannot be read (bad chunk, too slow, client gone) — never a 500.
    /// </summary>
    public static async Task<RequestBody> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        if (JsonMediaTypes.Require(request) is { } unsupported)
        {
            return new RequestBody(ReadOnlyMemory<byte>.Empty, unsupported);
        }
        if (request.ContentLength > maxBytes)
        {
            return TooLarge(maxBytes);
        }
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } serverLimit)
        {
            serverLimit.MaxRequestBodySize = null;
        }

        var buffer = new ArrayBufferWriter<byte>((int)Math.Min(request.ContentLength ?? 64 * 1024, maxBytes) + 1);
        try
        {
            while (true)
            {
                var read = await request.Body.ReadAsync(buffer.GetMemory(8 * 1024), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return new RequestBody(buffer.WrittenMemory, null);
                }
                buffer.Advance(read);
                if (buffer.WrittenCount > maxBytes)
                {
                    return TooLarge(maxBytes);
                }
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(maxBytes);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status408RequestTimeout)
        {
            return Refused(Problems.Create(StatusCodes.Status408RequestTimeout, "Body too slow", $"The body arrived too slowly: {e.Message}"));
        }
        catch (BadHttpRequestException e)
        {
            return Refused(Problems.Create(StatusCodes.Status400BadRequest, "Unreadable body", $"The body could not be read: {e.Message}"));
        }
        catch (Exception e) when (e is IOException || (e is OperationCanceledException && request.HttpContext.RequestAborted.IsCancellationRequested))
        {
            // The client went away mid-body: nobody will read this answer, but it must not become a 500 with a stack trace.
            return Refused(Problems.Create(StatusCodes.Status400BadRequest, "Incomplete body", "The connection closed before the whole body arrived."));
        }
    }

    private static RequestBody TooLarge(long maxBytes) => Refused(Problems.TooLarge(maxBytes));

    private static RequestBody Refused(IResult problem) => new(ReadOnlyMemory<byte>.Empty, problem);
}
