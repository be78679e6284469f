namespace Longview.Core.Training.Jobs;

/// <summary>A blob (or, with a trailing slash, a folder of blobs) in the <c>IBlobStore</c>.</summary>
public sealed record BlobLocation(string Container, string Name)
{
    public override string ToString() => $"{Container}/{Name}";
}
