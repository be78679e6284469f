using System.Buffers;
using Microsoft.AspNetCore.Http;

namespace Longview.Functions.Http;

/// <summary>A request body read into memory only up to a byte limit, so an oversized upload costs at most the limit.</summary>
public readonly record struct BoundedBody(ReadOnlyMemory<byte> Content, bool TooLarge)
{
    public static async Task<BoundedBody> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return new BoundedBody(ReadOnlyMemory<byte>.Empty, TooLarge: true);
        }

        var buffer = new ArrayBufferWriter<byte>((int)Math.Min(request.ContentLength ?? 64 * 1024, maxBytes) + 1);
        while (true)
        {
            var span = buffer.GetMemory(8 * 1024);
            var read = await request.Body.ReadAsync(span, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return new BoundedBody(buffer.WrittenMemory, TooLarge: false);
            }
            buffer.Advance(read);
            if (buffer.WrittenCount > maxBytes)
            {
                return new BoundedBody(ReadOnlyMemory<byte>.Empty, TooLarge: true);
            }
        }
    }
}
