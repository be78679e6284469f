using Longview.Core.Ports;

namespace Longview.Core.Health;

/// <summary>
/// Unavailable when the profile store cannot answer a point read: without it no event can be applied and no profile
/// served. The read is of an id no event can create twice as a user (a fixed probe id), so it costs one lookup.
/// </summary>
public sealed class ProfileStoreReadinessCheck(IProfileStore profiles) : IReadinessCheck
{
    public const string Name = "store";

    /// <summary>Read on every check; a miss is the expected answer.</summary>
    public const string ProbeUserId = "longview-readiness-probe";

    public string Component => Name;

    public Readiness WhenFailing => Readiness.Unavailable;

    public async Task<ComponentReadiness> CheckAsync(CancellationToken cancellationToken)
    {
        await profiles.GetAsync(ProbeUserId, cancellationToken).ConfigureAwait(false);
        return new ComponentReadiness(Name, Readiness.Ready, "profile store answers");
    }
}
