namespace Longview.Infrastructure.Training;

public sealed class SnapshotWriterOptions
{
    /// <summary>The snapshot refuses to grow past this many users (the job's own limit is 5,000,000).</summary>
    public long MaxUsers { get; set; } = 5_000_000;

    /// <summary>Compressed bytes the writer may run ahead of the upload before it waits: the memory bound.</summary>
    public int BufferBytes { get; set; } = 256 * 1024;
}
