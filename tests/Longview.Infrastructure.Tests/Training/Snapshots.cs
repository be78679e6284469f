using System.IO.Compression;
using System.Text;

namespace Longview.Infrastructure.Tests.Training;

/// <summary>Snapshot blobs for tests: NDJSON lines gzipped as the snapshot writer stores them.</summary>
internal static class Snapshots
{
    public static byte[] Gzip(string text)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }
        return buffer.ToArray();
    }
}
