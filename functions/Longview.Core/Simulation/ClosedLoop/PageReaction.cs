using Longview.Core.Events;

namespace Longview.Core.Simulation.ClosedLoop;

/// <summary>What one user did with one recommended list: the events, in time order, and the counts the return process reads.</summary>
internal sealed record PageReaction(IReadOnlyList<UserEvent> Events, int Shown, int Clicks, int Boring, DateTimeOffset End);
