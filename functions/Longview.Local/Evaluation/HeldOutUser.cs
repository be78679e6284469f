using Longview.Core.Events;

namespace Longview.Local.Evaluation;

/// <summary>One evaluated user: every event but the held-out one (oldest first) and the held-out event itself.</summary>
public sealed record HeldOutUser(string UserId, IReadOnlyList<UserEvent> History, UserEvent HeldOut);
