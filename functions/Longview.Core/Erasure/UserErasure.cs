using Longview.Core.Events;
using Longview.Core.Ports;
using Longview.Core.Privacy;
using Microsoft.Extensions.Logging;

namespace Longview.Core.Erasure;

/// <summary>
/// Right to be forgotten: removes everything the product stores about one user. Today that is the profile (the feature
/// store everything else is derived from) and the dead letters that hold their raw events; popularity counters and
/// retention reports are aggregates without ids. Training snapshots and reports taken before the erasure are handled by
/// the erasure log (<see cref="ErasedUsersFilter"/>). The same record is kept in the profile store before the profile is
/// deleted: ingestion reads it before starting a profile, so nothing from before the erasure (an impression of a list
/// served just before, a late or replayed event) can bring the profile back. Erasure is not a block list: an event
/// after the erasure starts a fresh profile.
/// </summary>
public sealed class UserErasure(
    IProfileStore profiles,
    IDeadLetterEraser deadLetters,
    IErasureLog erasureLog,
    UserIdHash userIdHash,
    TimeProvider time,
    ILogger<UserErasure> logger)
{
    public async Task<ErasureOutcome> EraseAsync(string userId, CancellationToken cancellationToken = default)
    {
        Validate(userId);
        var hash = userIdHash.Of(userId);
        // Logged before deleting: if the process dies half-way, snapshots taken meanwhile are still filtered and the
        // request can be repeated.
        var record = new ErasureRecord(hash, time.GetUtcNow());
        await erasureLog.RecordAsync(record, cancellationToken).ConfigureAwait(false);
        // Before the delete: an ingestion that reads no profile after this point also reads this record.
        await profiles.RecordErasureAsync(record, cancellationToken).ConfigureAwait(false);
        var profileDeleted = await profiles.DeleteAsync(userId, cancellationToken).ConfigureAwait(false);
        var letters = await deadLetters.EraseAsync(userId, cancellationToken).ConfigureAwait(false);
        var outcome = new ErasureOutcome(profileDeleted, letters);
        logger.LogInformation("Erasure of user {UserIdHash}: profile deleted {ProfileDeleted}, {DeadLetters} dead letters deleted",
            hash, profileDeleted, letters);
        return outcome;
    }

    /// <summary>The id rule of the event contract (<see cref="IdRule"/>): every id an event can carry can be erased.</summary>
    public static void Validate(string userId)
    {
        if (IdRule.Problem(userId) is { } problem)
        {
            throw new InvalidUserIdException(problem);
        }
    }
}

/// <summary>A user id that no event could carry (empty, too long, control characters); the hosts answer 400.</summary>
public sealed class InvalidUserIdException(string reason) : ArgumentException($"userId {reason}.", "userId")
{
    public string Reason { get; } = reason;
}
