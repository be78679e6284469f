namespace Longview.Local.Hosting;

/// <summary>Which stores back the self-hosted app.</summary>
public enum StoreKind
{
    /// <summary>SQLite profiles and catalogue, a folder for blobs, all under the data folder (the default).</summary>
    Embedded,

    /// <summary>The Cosmos and Blob adapters against the local emulators that <c>./dev run --azure-emulators</c> starts.</summary>
    Emulators,
}
