namespace Longview.Core.Ingestion;

/// <summary>Durable home for rejected events (Blob in Azure, a folder in self-hosted mode).</summary>
public interface IDeadLetterSink
{
    /// <summary>
    /// Stores every letter; writing the same (batch, index) again keeps the first copy, so redelivered batches do
    /// not duplicate letters. Returns how many letters were newly written.
    /// </summary>
    Task<int> WriteAsync(IReadOnlyList<DeadLetter> letters, CancellationToken cancellationToken = default);
}
