using System.Buffers;
using System.IO.Compression;
using System.IO.Pipelines;
using System.Text.Json;
using Longview.Core.Ports;
using Longview.Core.Profiles;
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

    /// <summary>
    /// One gzip member of at most <see cref="SnapshotPartRequest.MaxUsers"/> profiles (one page of the store's resumable
    /// scan), staged as the part's block. The part is compressed in memory: it is bounded by its page, which the store
    /// already holds in memory, and a block must be re-sendable on a retry.
    /// </summary>
    public async Task<SnapshotPart> WritePartAsync(string container, string name, SnapshotPartRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var page = await profiles.ScanPageAsync(request.Continuation, request.MaxUsers, cancellationToken).ConfigureAwait(false);
        var maxUsers = options.Value.MaxUsers;
        long users = 0, events = 0;
        using var part = new MemoryStream();
        await using (var gzip = new GZipStream(part, CompressionLevel.Fastest, leaveOpen: true))
        {
            var line = new ArrayBufferWriter<byte>(16 * 1024);
            foreach (var profile in page.Profiles)
            {
                if (!profile.HasActivity)
                {
                    continue; // only ever served lists (impressions): not a user, nothing to learn from
                }
                if (request.UsersBefore + ++users > maxUsers)
                {
                    throw new InvalidOperationException($"the profile store has more than {maxUsers} users, the snapshot limit");
                }
                events += await WriteLineAsync(gzip, line, profile, cancellationToken).ConfigureAwait(false);
            }
        }
        part.Position = 0;
        await blobs.StageBlockAsync(container, name, SnapshotBlockIds.For(request.Part), part, cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Snapshot {Container}/{Name} part {Part}: {Users} users, {Events} events, {Bytes} bytes",
            container, name, request.Part, users, events, part.Length);
        return new SnapshotPart(users, events, page.Continuation);
    }

    public async Task CommitAsync(string container, string name, int parts, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parts, 1);
        await blobs.CommitBlocksAsync(container, name, SnapshotBlockIds.ForParts(parts), cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Snapshot {Container}/{Name} committed from {Parts} parts", container, name, parts);
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
                events += await WriteLineAsync(gzip, line, profile, cancellationToken).ConfigureAwait(false);
            }
        }
        return (users, events);
    }

    /// <summary>Writes the profile's snapshot line; returns its event count.</summary>
    private static async Task<int> WriteLineAsync(GZipStream gzip, ArrayBufferWriter<byte> line, UserProfile profile, CancellationToken cancellationToken)
    {
        var record = SnapshotMapping.ToRecord(profile);
        line.ResetWrittenCount();
        using (var json = new Utf8JsonWriter(line))
        {
            JsonSerializer.Serialize(json, record, LongviewJson.Options);
        }
        line.Write("\n"u8);
        await gzip.WriteAsync(line.WrittenMemory, cancellationToken).ConfigureAwait(false);
        return record.Events.Count;
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
