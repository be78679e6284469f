namespace Longview.Core.Import;

/// <summary>One user's tag on one item, as a dataset's tag file holds it: the tag's text, or its id in the dataset's tag vocabulary.</summary>
public sealed record ItemTag(string ItemId, string Tag);
