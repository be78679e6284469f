using Longview.Core.Events;
using Longview.Core.Items;

namespace Longview.Core.Simulation;

/// <summary>
/// A synthetic catalogue and its users' events. <see cref="Events"/> is lazy (user after user, each user's events in
/// time order) so months of activity for many users never sit in memory at once; enumerating it twice gives the same sequence.
/// </summary>
public sealed record SimulatedPopulation(IReadOnlyList<CatalogItem> Items, IEnumerable<UserEvent> Events);
