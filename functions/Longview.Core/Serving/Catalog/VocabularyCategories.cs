using Longview.Core.Serving.Models;

namespace Longview.Core.Serving.Catalog;

/// <summary>
/// The catalogue categories of every item in one model's vocabulary, by vocabulary index, for one catalogue snapshot:
/// exactly <see cref="CatalogSnapshot.CategoriesOf"/> of <see cref="IModelLease.ItemAt"/>. Serving looked them up by
/// item id for each of a request's ~50 model candidates (and for the whole vocabulary with <c>category=</c>): string
/// hashing and scattered dictionary reads that were about a seventh of <c>Recommend</c>'s own CPU (perf, issue 18).
/// Built once per model version and snapshot (a snapshot lives a minute), then read by index.
/// </summary>
public sealed class VocabularyCategories
{
    private readonly string _version;
    private readonly CatalogSnapshot _catalogue;
    private readonly IReadOnlyList<string>[] _byIndex;

    private VocabularyCategories(string version, CatalogSnapshot catalogue, IReadOnlyList<string>[] byIndex)
    {
        _version = version;
        _catalogue = catalogue;
        _byIndex = byIndex;
    }

    public static VocabularyCategories Build(IModelLease lease, CatalogSnapshot catalogue)
    {
        var byIndex = new IReadOnlyList<string>[lease.ItemCount + 1];
        byIndex[0] = [];
        for (var i = 1; i < byIndex.Length; i++)
        {
            byIndex[i] = catalogue.CategoriesOf(lease.ItemAt(i));
        }
        return new VocabularyCategories(lease.Version, catalogue, byIndex);
    }

    /// <summary>Whether this was built for that model (version and vocabulary size) and that snapshot instance.</summary>
    public bool IsFor(IModelLease lease, CatalogSnapshot catalogue) =>
        ReferenceEquals(_catalogue, catalogue) && _byIndex.Length == lease.ItemCount + 1 && string.Equals(_version, lease.Version, StringComparison.Ordinal);

    /// <summary>The categories of the item at vocabulary index <paramref name="index"/> (1..ItemCount); empty when the catalogue lacks it.</summary>
    public IReadOnlyList<string> At(int index) => _byIndex[index];

    /// <summary><see cref="CatalogSnapshot.IsIn"/> for the item at <paramref name="index"/> (case-insensitive, as there).</summary>
    public bool IsIn(int index, string category)
    {
        foreach (var c in _byIndex[index])
        {
            if (string.Equals(c, category, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }
}
