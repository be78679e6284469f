namespace Longview.Core.Erasure;

/// <summary>
/// Durable list of erasures (the <c>erasures</c> container: Blob in Azure, a folder in self-hosted mode). Consumers of
/// data captured before an erasure (a training snapshot, a stored report) read it through <see cref="ErasedUsersFilter"/>.
/// </summary>
public interface IErasureLog
{
    Task RecordAsync(ErasureRecord record, CancellationToken cancellationToken = default);

    /// <summary>Every erasure at or after <paramref name="since"/> (all of them with <see cref="DateTimeOffset.MinValue"/>).</summary>
    IAsyncEnumerable<ErasureRecord> ListAsync(DateTimeOffset since, CancellationToken cancellationToken = default);
}
