using System.Globalization;
using Longview.Core.Events;

namespace Longview.Core.Simulation;

/// <summary>Builds one user's events with deterministic ids (<c>sim-{seed}-{user}-{n}</c>) so a repeated simulation is idempotent.</summary>
internal sealed class SessionWriter(int seed, string userId, int userIndex)
{
    private int _sequence;
    private int _recommendations;

    public UserEvent SessionStart(DateTimeOffset at) => new(NextEventId(), userId, null, EventType.SessionStart, at);

    public UserEvent Item(EventType type, int item, DateTimeOffset at, double? value, string? recommendationId) =>
        Item(type, SimulatedCatalog.ItemId(item), at, value, recommendationId);

    public UserEvent Item(EventType type, string itemId, DateTimeOffset at, double? value, string? recommendationId) =>
        new(NextEventId(), userId, itemId, type, at, value, recommendationId);

    public string NextRecommendationId() =>
        string.Create(CultureInfo.InvariantCulture, $"sim-rec-{seed}-{userIndex + 1}-{++_recommendations}");

    private string NextEventId() =>
        string.Create(CultureInfo.InvariantCulture, $"sim-{seed}-{userIndex + 1}-{++_sequence}");
}
