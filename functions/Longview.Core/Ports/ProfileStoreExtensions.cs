using Longview.Core.Profiles;

namespace Longview.Core.Ports;

public static class ProfileStoreExtensions
{
    /// <summary>
    /// The profile of a user, or null when there is none or it holds no activity: a profile built only from impressions
    /// (lists served to an id that never did anything) is not a user (<see cref="UserProfile.HasActivity"/>). For the
    /// profile routes; serving reads the stored profile itself, impressions included (fatigue).
    /// </summary>
    public static async Task<StoredProfile?> GetUserAsync(this IProfileStore store, string userId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var stored = await store.GetAsync(userId, cancellationToken).ConfigureAwait(false);
        return stored is { Profile.HasActivity: true } ? stored : null;
    }
}
