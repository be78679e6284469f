using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Longview.Core.Erasure;
using Longview.Core.Ports;
using Longview.Core.Serialization;
using Microsoft.Extensions.Options;

namespace Longview.Infrastructure.Erasure;

/// <summary>
/// The erasure log as blobs: <c>{container}/{yyyy-MM-dd}/{userIdHash}-{ticks}.json</c> (UTC day of the erasure), so a
/// reader that only needs erasures since a capture lists the days from then on instead of the whole log.
/// </summary>
public sealed class BlobErasureLog(IBlobStore blobs, IOptions<ErasureStoreOptions> options) : IErasureLog
{
    private readonly ErasureStoreOptions _options = options.Value;

    public async Task RecordAsync(ErasureRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var name = $"{record.ErasedAt.UtcDateTime:yyyy-MM-dd}/{record.UserIdHash}-{record.ErasedAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}.json";
        await blobs.PutAsync(_options.Container, name, JsonSerializer.SerializeToUtf8Bytes(record, LongviewJson.Options), cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    public async IAsyncEnumerable<ErasureRecord> ListAsync(DateTimeOffset since, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var firstDay = since.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await foreach (var name in blobs.ListAsync(_options.Container, "", cancellationToken).ConfigureAwait(false))
        {
            // Names start with the day, which sorts as text: skip whole days before the capture without reading them.
            if (string.CompareOrdinal(name, 0, firstDay, 0, firstDay.Length) < 0)
            {
                continue;
            }
            var blob = await blobs.GetAsync(_options.Container, name, cancellationToken).ConfigureAwait(false);
            if (blob is null)
            {
                continue;
            }
            var record = JsonSerializer.Deserialize<ErasureRecord>(blob.Content.Span, LongviewJson.Options)
                         ?? throw new InvalidDataException($"erasure log entry {_options.Container}/{name} is empty");
            if (record.ErasedAt >= since)
            {
                yield return record;
            }
        }
    }
}
