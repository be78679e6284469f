using Longview.Core.Profiles;

namespace Longview.Core.Ports;

/// <summary>
/// One page of a resumable scan: the profiles, and the opaque token that resumes the scan after them (null at the end).
/// The token is plain text, so it can cross a workflow boundary (a Durable activity's output).
/// </summary>
public sealed record ProfilePage(IReadOnlyList<UserProfile> Profiles, string? Continuation);
