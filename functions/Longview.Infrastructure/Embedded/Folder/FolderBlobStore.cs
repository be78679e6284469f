using System.Buffers;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Longview.Core.Ports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Longview.Infrastructure.Embedded.Folder;

/// <summary>
/// Blobs as files: {root}/{container}/{name}. Every write goes to a temp file that is flushed and renamed over
/// the target, so readers see the old or the new blob, never a torn one. The ETag is a hash of the content:
/// nothing beside the file can fall out of step with it, and an IfMatch write succeeds exactly when the blob
/// still holds the bytes the caller read. Writes and deletes of one blob are serialized by an in-process lock,
/// which makes conditional writes race-free across threads of this process; several processes writing the
/// same folder are out of scope.
/// </summary>
public sealed class FolderBlobStore : IBlobStore, IDisposable
{
    private const int CopyBufferBytes = 1 << 20;

    /// <summary>Beside a blob's staged blocks (hex names): the block list of its last commit.</summary>
    private const string CommittedListFile = "committed";

    private readonly string _root;
    private readonly string _tempFolder;
    private readonly EmbeddedStoreOptions _options;
    private readonly ILogger<FolderBlobStore> _logger;
    private readonly StripedAsyncLock _locks = new(64);

    /// <summary>Temp files older than this were left by a process that died mid-write.</summary>
    private static readonly TimeSpan AbandonedTempAge = TimeSpan.FromHours(1);

    /// <summary>Staged blocks never committed are dropped after this long, as Azure drops uncommitted blocks.</summary>
    private static readonly TimeSpan AbandonedBlockAge = TimeSpan.FromDays(7);

    public FolderBlobStore(IOptions<EmbeddedStoreOptions> options, ILogger<FolderBlobStore> logger, TimeProvider? timeProvider = null)
    {
        _options = options.Value;
        _options.Validate();
        _logger = logger;
        _root = _options.ResolveDataPath(_options.BlobFolder);
        // Container names cannot start with '.', so the temp folder never shows up as a container; it is on the
        // same file system as the blobs, which keeps the final rename atomic.
        _tempFolder = Path.Combine(_root, ".tmp");
        // Owner-only (0700 folders, 0600 files): models, dead letters (raw events) and snapshots carry user data.
        OwnerOnlyFiles.EnsureFolder(_options.ResolveDataPath("."));
        OwnerOnlyFiles.EnsureFolder(_root);
        OwnerOnlyFiles.EnsureFolder(_tempFolder);
        var now = (timeProvider ?? TimeProvider.System).GetUtcNow().UtcDateTime;
        RemoveAbandonedTempFiles(now - AbandonedTempAge);
        RemoveAbandonedBlocks(now - AbandonedBlockAge);
    }

    public async Task<BlobContent?> GetAsync(string container, string name, CancellationToken cancellationToken = default)
    {
        var path = BlobPath(container, name);
        var stream = OpenExisting(path, bufferSize: 1);
        if (stream is null)
        {
            return null;
        }
        await using (stream.ConfigureAwait(false))
        {
            if (stream.Length > _options.MaxInMemoryBlobBytes)
            {
                throw new InvalidOperationException(
                    $"blob {container}/{name} has {stream.Length} bytes, more than the in-memory limit of {_options.MaxInMemoryBlobBytes}; use OpenReadAsync.");
            }
            var content = new byte[stream.Length];
            await stream.ReadExactlyAsync(content, cancellationToken).ConfigureAwait(false);
            return new BlobContent(content, ETagOf(content));
        }
    }

    /// <summary>Hashes the file by streaming it (the ETag is the content's hash), without holding it in memory.</summary>
    public Task<string?> GetETagAsync(string container, string name, CancellationToken cancellationToken = default) =>
        CurrentETagAsync(BlobPath(container, name), cancellationToken);

    public async Task<string?> PutAsync(string container, string name, ReadOnlyMemory<byte> content, BlobCondition condition = BlobCondition.None, string? etag = null, CancellationToken cancellationToken = default)
    {
        var path = BlobPath(container, name);
        if (content.Length > _options.MaxInMemoryBlobBytes)
        {
            throw new ArgumentException(
                $"blob {container}/{name}: {content.Length} bytes exceed the in-memory limit of {_options.MaxInMemoryBlobBytes}; use UploadAsync.",
                nameof(content));
        }
        if (condition == BlobCondition.IfMatch && string.IsNullOrEmpty(etag))
        {
            throw new ArgumentException($"blob {container}/{name}: an IfMatch write needs the expected ETag.", nameof(etag));
        }

        var newETag = ETagOf(content.Span);
        var temp = NewTempPath();
        try
        {
            await WriteTempAsync(temp, content, cancellationToken).ConfigureAwait(false);
            using (await _locks.EnterAsync(path, cancellationToken).ConfigureAwait(false))
            {
                if (condition != BlobCondition.None)
                {
                    var current = await CurrentETagAsync(path, cancellationToken).ConfigureAwait(false);
                    var holds = condition == BlobCondition.IfNoneExists ? current is null : current is not null && current == etag;
                    if (!holds)
                    {
                        _logger.LogDebug("Conditional write {Condition} of {Container}/{Blob} refused", condition, container, name);
                        return null;
                    }
                }
                MoveIntoPlace(temp, path);
            }
            return newETag;
        }
        finally
        {
            File.Delete(temp);
        }
    }

    public async Task<string> UploadAsync(string container, string name, Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var path = BlobPath(container, name);
        var temp = NewTempPath();
        try
        {
            var etag = await CopyToTempAsync(temp, [content], $"blob {container}/{name}", cancellationToken).ConfigureAwait(false);
            using (await _locks.EnterAsync(path, cancellationToken).ConfigureAwait(false))
            {
                MoveIntoPlace(temp, path);
            }
            return etag;
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>
    /// A staged block is a file under <c>{root}/.blocks/{container}/{hash of the name}/</c> (outside every container, so
    /// never listed), written through a temp file like any blob: a re-staged block replaces the old one whole.
    /// </summary>
    public async Task StageBlockAsync(string container, string name, string blockId, Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var target = BlobPath(container, name);
        var block = BlockPath(container, name, blockId);
        var temp = NewTempPath();
        try
        {
            await CopyToTempAsync(temp, [content], $"blob {container}/{name} block {blockId}", cancellationToken).ConfigureAwait(false);
            using (await _locks.EnterAsync(target, cancellationToken).ConfigureAwait(false))
            {
                OwnerOnlyFiles.CreateFolder(Path.GetDirectoryName(block)!);
                File.Move(temp, block, overwrite: true);
            }
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>
    /// Joins the staged blocks into a temp file and renames it over the blob (readers see the old blob or the whole new
    /// one), then removes the staged blocks.
    /// </summary>
    public async Task<string> CommitBlocksAsync(string container, string name, IReadOnlyList<string> blockIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(blockIds);
        var path = BlobPath(container, name);
        var temp = NewTempPath();
        try
        {
            using (await _locks.EnterAsync(path, cancellationToken).ConfigureAwait(false))
            {
                var folder = BlockFolder(container, name);
                var record = Path.Combine(folder, CommittedListFile);
                var list = string.Join('\n', blockIds);
                var blocks = blockIds.Select(id => (Id: id, Path: BlockPath(container, name, id))).ToList();
                if (blocks.FirstOrDefault(b => !File.Exists(b.Path)) is { Path: not null } missing)
                {
                    // The same commit again (a re-executed activity): as in Azure, committed blocks commit again.
                    if (File.Exists(record) && await File.ReadAllTextAsync(record, cancellationToken).ConfigureAwait(false) == list
                        && await CurrentETagAsync(path, cancellationToken).ConfigureAwait(false) is { } current)
                    {
                        return current;
                    }
                    throw new InvalidOperationException($"blob {container}/{name}: block {missing.Id} was never staged");
                }
                var etag = await CopyToTempAsync(temp, OpenAll(blocks.Select(b => b.Path)), $"blob {container}/{name}", cancellationToken).ConfigureAwait(false);
                MoveIntoPlace(temp, path);
                // The staged blocks go (uncommitted ones too, as in Azure); the list stays, to recognise the same commit.
                OwnerOnlyFiles.CreateFolder(folder);
                foreach (var file in Directory.EnumerateFiles(folder))
                {
                    File.Delete(file);
                }
                var written = new FileStream(record, OwnerOnlyFiles.NewFile()); // every file of the folder was just deleted
                await using (written.ConfigureAwait(false))
                {
                    await written.WriteAsync(System.Text.Encoding.UTF8.GetBytes(list), cancellationToken).ConfigureAwait(false);
                }
                return etag;
            }
        }
        finally
        {
            File.Delete(temp);
        }
    }

    public Task<Stream?> OpenReadAsync(string container, string name, CancellationToken cancellationToken = default)
    {
        var path = BlobPath(container, name);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<Stream?>(OpenExisting(path, bufferSize: 81_920));
    }

    /// <summary>Names in ordinal order (as Azure lists them), streamed while walking the container's folders.</summary>
    public async IAsyncEnumerable<string> ListAsync(string container, string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        BlobNames.ValidateContainer(container);
        BlobNames.ValidatePrefix(prefix);
        var containerPath = Path.Combine(_root, container);
        foreach (var name in Walk(containerPath, "", prefix))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return name;
        }
        await Task.CompletedTask.ConfigureAwait(false);
    }

    public async Task<bool> DeleteAsync(string container, string name, CancellationToken cancellationToken = default)
    {
        var path = BlobPath(container, name);
        using (await _locks.EnterAsync(path, cancellationToken).ConfigureAwait(false))
        {
            if (!File.Exists(path))
            {
                return false;
            }
            // Empty folders are left in place: removing them would race with a writer about to create a blob there.
            File.Delete(path);
            return true;
        }
    }

    public void Dispose() => _locks.Dispose();

    private static IEnumerable<string> Walk(string folder, string relative, string prefix)
    {
        FileSystemInfo[] entries;
        try
        {
            entries = new DirectoryInfo(folder).GetFileSystemInfos();
        }
        catch (DirectoryNotFoundException)
        {
            yield break;
        }

        // A folder sorts as its name followed by '/', which is where its blobs fall in a flat ordinal listing.
        var keyed = entries
            .Select(e => (Entry: e, Key: relative + e.Name + (e is DirectoryInfo ? "/" : "")))
            .Where(k => k.Key.StartsWith(prefix, StringComparison.Ordinal)
                || (k.Entry is DirectoryInfo && prefix.StartsWith(k.Key, StringComparison.Ordinal)))
            .OrderBy(k => k.Key, StringComparer.Ordinal);
        foreach (var (entry, key) in keyed)
        {
            if (entry is DirectoryInfo)
            {
                foreach (var name in Walk(entry.FullName, key, prefix))
                {
                    yield return name;
                }
            }
            else
            {
                yield return key;
            }
        }
    }

    private string BlobPath(string container, string name)
    {
        BlobNames.ValidateContainer(container);
        BlobNames.ValidateName(name);
        var containerPath = Path.Combine(_root, container);
        var path = Path.GetFullPath(Path.Combine(containerPath, name));
        // Defence in depth: the name rules already keep every path inside its container.
        if (!path.StartsWith(containerPath + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException($"blob name '{name}' resolves outside container '{container}'.", nameof(name));
        }
        return path;
    }

    private void RemoveAbandonedTempFiles(DateTime olderThanUtc)
    {
        var removed = 0;
        foreach (var file in new DirectoryInfo(_tempFolder).EnumerateFiles())
        {
            if (file.LastWriteTimeUtc < olderThanUtc)
            {
                file.Delete();
                removed++;
            }
        }
        if (removed > 0)
        {
            _logger.LogWarning("Removed {Count} temp files abandoned by interrupted blob writes in {TempFolder}", removed, _tempFolder);
        }
    }

    /// <summary>Copies the streams, one after the other, into a new, flushed temp file within the size limit; returns the content's ETag.</summary>
    private async Task<string> CopyToTempAsync(string temp, IEnumerable<Stream> contents, string what, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(CopyBufferBytes);
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var file = new FileStream(temp, OwnerOnlyFiles.NewFile());
            await using (file.ConfigureAwait(false))
            {
                long total = 0;
                foreach (var content in contents)
                {
                    int read;
                    while ((read = await content.ReadAsync(buffer.AsMemory(0, CopyBufferBytes), cancellationToken).ConfigureAwait(false)) > 0)
                    {
                        total += read;
                        if (total > _options.MaxBlobBytes)
                        {
                            throw new ArgumentException($"{what}: the upload exceeds the limit of {_options.MaxBlobBytes} bytes.", nameof(contents));
                        }
                        hash.AppendData(buffer, 0, read);
                        await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    }
                }
                file.Flush(flushToDisk: true);
            }
            return FormatETag(hash.GetHashAndReset());
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Where a blob's staged blocks live: its name hashed (any length, any depth), outside every container.</summary>
    private string BlockFolder(string container, string name) =>
        Path.Combine(_root, ".blocks", container, Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name))));

    private string BlockPath(string container, string name, string blockId)
    {
        ArgumentException.ThrowIfNullOrEmpty(blockId);
        return Path.Combine(BlockFolder(container, name), Convert.ToHexStringLower(System.Text.Encoding.UTF8.GetBytes(blockId)));
    }

    /// <summary>Opens each file in turn, closing it before the next one opens.</summary>
    private static IEnumerable<Stream> OpenAll(IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, useAsync: true);
            yield return stream;
        }
    }

    /// <summary>Block folders (and their committed lists) untouched for <see cref="AbandonedBlockAge"/>: a run that never committed.</summary>
    private void RemoveAbandonedBlocks(DateTime olderThanUtc)
    {
        var blocks = new DirectoryInfo(Path.Combine(_root, ".blocks"));
        if (!blocks.Exists)
        {
            return;
        }
        var removed = 0;
        // .blocks/{container}/{blob's hash}: the blob folders are the second level.
        foreach (var folder in blocks.EnumerateDirectories().SelectMany(container => container.EnumerateDirectories()).ToList())
        {
            if (folder.EnumerateFiles().All(f => f.LastWriteTimeUtc < olderThanUtc))
            {
                folder.Delete(recursive: true);
                removed++;
            }
        }
        if (removed > 0)
        {
            _logger.LogWarning("Removed the staged blocks of {Count} blobs never committed within {Age}", removed, AbandonedBlockAge);
        }
    }

    private string NewTempPath() => Path.Combine(_tempFolder, Guid.NewGuid().ToString("N"));

    private static async Task WriteTempAsync(string temp, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var file = new FileStream(temp, OwnerOnlyFiles.NewFile());
        await using (file.ConfigureAwait(false))
        {
            await file.WriteAsync(content, cancellationToken).ConfigureAwait(false);
            // Flushed before the rename so that after a crash the name points at complete content.
            file.Flush(flushToDisk: true);
        }
    }

    /// <summary>
    /// Azure can hold both "a" and "a/b"; a folder cannot hold a file and a sub-folder of one name, so such a
    /// pair is refused here with a clear error instead of an obscure IOException.
    /// </summary>
    private void MoveIntoPlace(string temp, string path)
    {
        try
        {
            OwnerOnlyFiles.CreateFolder(Path.GetDirectoryName(path)!);
            if (Directory.Exists(path))
            {
                throw new IOException("a folder of the same name exists");
            }
            File.Move(temp, path, overwrite: true);
        }
        catch (IOException e)
        {
            var name = Path.GetRelativePath(_root, path).Replace(Path.DirectorySeparatorChar, '/');
            throw new InvalidOperationException(
                $"blob {name} cannot be stored: the folder blob store cannot hold both a blob and blobs below it under one name ({e.Message}).", e);
        }
    }

    private static async Task<string?> CurrentETagAsync(string path, CancellationToken cancellationToken)
    {
        var stream = OpenExisting(path, bufferSize: 1);
        if (stream is null)
        {
            return null;
        }
        await using (stream.ConfigureAwait(false))
        {
            return FormatETag(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
        }
    }

    private static FileStream? OpenExisting(string path, int bufferSize)
    {
        try
        {
            // FileShare.Delete: a blob replaced or deleted while being read keeps serving the reader its old content.
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize, useAsync: true);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (UnauthorizedAccessException) when (Directory.Exists(path))
        {
            // The name is a folder holding other blobs ("a" when "a/b" exists): no blob of that name.
            return null;
        }
    }

    private static string ETagOf(ReadOnlySpan<byte> content) => FormatETag(SHA256.HashData(content));

    private static string FormatETag(byte[] hash) => "\"" + Convert.ToHexStringLower(hash.AsSpan(0, 16)) + "\"";
}
