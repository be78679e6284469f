using Longview.Core.Items;

namespace Longview.Core.Semantics;

/// <summary>
/// Told about items once they are stored, so their text can be encoded off the request path (the self-hosted host
/// queues them; Azure's timer finds them by scanning).
/// </summary>
public interface IItemTextObserver
{
    /// <summary>Must be cheap and must not throw: it runs on the ingestion path after the writes succeeded.</summary>
    void OnStored(IReadOnlyList<CatalogItem> items);
}
