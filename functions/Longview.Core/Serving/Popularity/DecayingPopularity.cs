using Longview.Core.Events;
using Longview.Core.Profiles;
using Microsoft.Extensions.Options;

namespace Longview.Core.Serving.Popularity;

public sealed class PopularityOptions
{
    /// <summary>An engagement counts half as much after this long: "recent" popularity.</summary>
    public TimeSpan HalfLife { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often <see cref="DecayingPopularity.Current"/> republishes its table.</summary>
    public TimeSpan PublishInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Items tracked at most; the weakest are dropped beyond it.</summary>
    public int MaxItems { get; set; } = 200_000;
}

/// <summary>
/// The popularity table the service keeps: exponentially decayed counts of engagement events, fed by ingestion
/// (<see cref="Record"/>) and seeded at start-up from stored profiles (<see cref="RecordProfile"/>). Chosen over the
/// model manifest because it follows the catalogue between trainings and exists before the first model.
/// </summary>
public sealed class DecayingPopularity(TimeProvider time, IOptions<PopularityOptions> options) : IPopularitySource
{
    private readonly Lock _gate = new();
    // Weights are stored scaled to a fixed epoch (grow by 2^(t/halfLife)) so recording never rewrites old entries.
    private readonly Dictionary<string, double> _scaled = new(StringComparer.Ordinal);
    private readonly DateTimeOffset _epoch = time.GetUtcNow();
    private PopularityTable _published = PopularityTable.Empty;
    private DateTimeOffset _publishedAt = DateTimeOffset.MinValue;
    private bool _dirty;

    public PopularityTable Current
    {
        get
        {
            var now = time.GetUtcNow();
            lock (_gate)
            {
                if (_dirty && now - _publishedAt >= options.Value.PublishInterval)
                {
                    var scale = Scale(now);
                    _published = new PopularityTable(_scaled.Select(p => KeyValuePair.Create(p.Key, p.Value / scale)));
                    _publishedAt = now;
                    _dirty = false;
                }
                return _published;
            }
        }
    }

    public void Record(IEnumerable<UserEvent> events)
    {
        lock (_gate)
        {
            foreach (var e in events)
            {
                if (e.ItemId is not null && (e.Type.IsEngagement() || e.Type == EventType.View))
                {
                    AddLocked(e.ItemId, e.Timestamp);
                }
            }
        }
    }

    public void RecordProfile(UserProfile profile)
    {
        lock (_gate)
        {
            foreach (var e in profile.Recent)
            {
                if (e.Type.IsEngagement() || e.Type == EventType.View)
                {
                    AddLocked(e.ItemId, e.Timestamp);
                }
            }
        }
    }

    private void AddLocked(string itemId, DateTimeOffset at)
    {
        var weight = Scale(at);
        if (!double.IsFinite(weight))
        {
            return;
        }
        _scaled[itemId] = _scaled.GetValueOrDefault(itemId) + weight;
        _dirty = true;
        if (_scaled.Count > options.Value.MaxItems)
        {
            foreach (var weakest in _scaled.OrderBy(p => p.Value).Take(_scaled.Count - options.Value.MaxItems * 9 / 10).Select(p => p.Key).ToList())
            {
                _scaled.Remove(weakest);
            }
        }
    }

    private double Scale(DateTimeOffset at) => Math.Pow(2, (at - _epoch) / options.Value.HalfLife);
}
