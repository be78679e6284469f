using Microsoft.AspNetCore.Http.Features;

namespace Longview.Local.Api;

/// <summary>Reads a whole request body into memory, refusing it once it passes the size limit.</summary>
internal static class RequestBody
{
    /// <summary>The body, or null when it is larger than the limit.</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var limit = request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize ?? long.MaxValue;
        if (request.ContentLength > limit)
        {
            return null;
        }
        var initial = (int)Math.Min(request.ContentLength ?? 64 * 1024, Math.Min(limit, int.MaxValue));
        using var buffer = new MemoryStream(initial);
        try
        {
            await request.Body.CopyToAsync(buffer, cancellationToken);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
        return buffer.Length > limit ? null : buffer.ToArray();
    }
}
