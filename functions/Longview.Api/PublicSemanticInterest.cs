using Longview.Core.Semantics;
using Longview.Core.Serving.Catalog;

namespace Longview.Api;

/// <summary>
/// One of the user's interests in words (<see cref="SemanticInterest"/>): its most typical items with their titles, the
/// tags and categories its items share most, how many of the user's recent items it holds and their share.
/// </summary>
public sealed record PublicSemanticInterest(IReadOnlyList<PublicInterestItem> Typical, IReadOnlyList<string> Labels, int Items, double Share)
{
    public static IReadOnlyList<PublicSemanticInterest>? From(IReadOnlyList<SemanticInterest> interests, CatalogSnapshot catalogue) =>
        interests.Count == 0
            ? null
            : [.. interests.Select(i => new PublicSemanticInterest(
                [.. i.Typical.Select(id => new PublicInterestItem(id, catalogue.DisplayName(id)))], i.Labels, i.Items.Count, i.Share))];
}

/// <summary>An item that labels an interest: its id and title.</summary>
public sealed record PublicInterestItem(string ItemId, string Title);
