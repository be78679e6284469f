namespace Longview.Core.Erasure;

/// <summary>Removes the dead letters that hold a user's raw events (they are copies of input, so they carry user ids).</summary>
public interface IDeadLetterEraser
{
    /// <summary>Deletes every letter whose payload concerns <paramref name="userId"/> (see <see cref="DeadLetterUserMatch"/>); returns how many.</summary>
    Task<int> EraseAsync(string userId, CancellationToken cancellationToken = default);
}
