namespace Longview.Core.Batches;

/// <summary>
/// Why a request body was refused as a whole (never because of one bad element): 400 when it cannot be read,
/// 413 when it is too large. Hosts turn it into problem+json.
/// </summary>
public sealed record BatchFailure(int Status, string Title, string Detail)
{
    public static BatchFailure Unreadable(string detail) => new(400, "Unreadable body", detail);

    public static BatchFailure TooLarge(string detail) => new(413, "Body too large", detail);
}
