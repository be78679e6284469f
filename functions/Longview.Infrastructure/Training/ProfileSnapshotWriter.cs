using System.Buffers;
using System.IO.Compression;
using System.IO.Pipelines;
using System.Text.Json;
using Longview.Core.Ports;
using Longview.Core.Serialization;
using Longview.Core.Training.Snapshot;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Longview.Infrastructure.Training;

/// <summary>
/// Streams <see cref="IProfileStore.ScanAsync"/> as gzip NDJSON straight into <see cref="IBlobStore.UploadAsync"/>
/// through a pipe: the scan waits whenever the upload falls <see cref="SnapshotWriterOptions.BufferBytes"/> behind,
/// so memory stays bounded whatever the number of users.
/// </summary>
public sealed class ProfileSnapshotWriter(IProfileStore profiles, IBlobStore blobs, IOptions<SnapshotWriterOptions> options, ILogger<ProfileSnapshotWriter> logger)
    : ITrainingSnapshotWriter
{
    public async Task<SnapshotSummary> WriteAsync(string container, string name, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: settings.BufferBytes, resumeWriterThreshold: settings.BufferBytes / 2, useSynchronizationContext: false));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var produce = ProduceAsync(pipe.Writer, stop.Token);
        try
        {
            await using (var reader = pipe.Reader.AsStream())
            {
                await blobs.UploadAsync(container, name, reader, stop.Token).ConfigureAwait(false);
            }
        }
        catch
        {
            // The upload gave up: stop the scan too, and surface the upload's error rather than the scan's.
            await stop.CancelAsync().ConfigureAwait(false);
            await pipe.Reader.CompleteAsync().ConfigureAwait(false);
            try
            {
                await produce.ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Expected: the scan was cancelled or its writes had nowhere to go.
            }
            throw;
        }
        var (users, events) = await produce.ConfigureAwait(false);
        logger.LogInformation("Snapshot {Container}/{Name}: {Users} users, {Events} events", container, name, users, events);
        return new SnapshotSummary(container, name, users, events);
    }

    /// <summary>Writes the snapshot into <paramref name="destination"/> (a file, for the CLI); the stream is left open.</summary>
    public async Task<(long Users, long Events)> WriteToAsync(Stream destination, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        long users = 0, events = 0;
        await using (var gzip = new GZipStream(destination, CompressionLevel.Fastest, leaveOpen: true))
        {
            var line = new ArrayBufferWriter<byte>(16 * 1024);
            await foreach (var profile in profiles.ScanAsync(cancellationToken).ConfigureAwait(false))
            {
                if (!profile.HasActivity)
                {
                    continue; // only ever served lists (impressions): not a user, nothing to learn from
                }
                if (++users > settings.MaxUsers)
                {
                    throw new InvalidOperationException($"the profile store has more than {settings.MaxUsers} users, the snapshot limit");
                }
                var record = SnapshotMapping.ToRecord(profile);
                events += record.Events.Count;
                line.ResetWrittenCount();
                using (var json = new Utf8JsonWriter(line))
                {
                    JsonSerializer.Serialize(json, record, LongviewJson.Options);
                }
                line.Write("\n"u8);
                await gzip.WriteAsync(line.WrittenMemory, cancellationToken).ConfigureAwait(false);
            }
        }
        return (users, events);
    }

    private async Task<(long Users, long Events)> ProduceAsync(PipeWriter pipeWriter, CancellationToken cancellationToken)
    {
        try
        {
            (long, long) counts;
            await using (var stream = pipeWriter.AsStream(leaveOpen: true))
            {
                counts = await WriteToAsync(stream, cancellationToken).ConfigureAwait(false);
            }
            await pipeWriter.CompleteAsync().ConfigureAwait(false);
            return counts;
        }
        catch (Exception ex)
        {
            await pipeWriter.CompleteAsync(ex).ConfigureAwait(false);
            throw;
        }
    }
}
