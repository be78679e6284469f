using System.Runtime.CompilerServices;
using Longview.Core.Erasure;
using Longview.Core.Ports;
using Longview.Core.Privacy;
using Longview.Core.Profiles;
using Longview.Core.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Longview.Core.Tests.Erasure;

public sealed class UserErasureTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);
    private readonly InMemoryProfileStore _profiles = new();
    private readonly FakeDeadLetters _letters = new();
    private readonly MemoryErasureLog _log = new();
    private readonly UserIdHash _hash = new("salt");
    private readonly FixedTimeProvider _time = new(Now);

    private UserErasure Erasure() => new(_profiles, _letters, _log, _hash, _time, NullLogger<UserErasure>.Instance);

    private async Task StoreAsync(string userId) =>
        await _profiles.WriteManyAsync([new ProfileWrite(ProfileAggregator.NewProfile(userId), null)]);

    [Fact]
    public async Task The_profile_and_the_dead_letters_go_and_the_erasure_is_logged_by_hash()
    {
        await StoreAsync("alice");
        await StoreAsync("bob");
        _letters.Letters["alice"] = 3;

        var outcome = await Erasure().EraseAsync("alice");

        Assert.Equal(new ErasureOutcome(true, 3), outcome);
        Assert.True(outcome.Found);
        Assert.Null(await _profiles.GetAsync("alice"));
        Assert.NotNull(await _profiles.GetAsync("bob"));
        Assert.Equal([new ErasureRecord(_hash.Of("alice"), Now)], _log.Records);
    }

    [Fact]
    public async Task Dead_letters_alone_are_enough_to_have_found_the_user()
    {
        _letters.Letters["carol"] = 1;

        Assert.Equal(new ErasureOutcome(false, 1), await Erasure().EraseAsync("carol"));
    }

    [Fact]
    public async Task Nothing_stored_is_not_found()
    {
        var outcome = await Erasure().EraseAsync("nobody");

        Assert.False(outcome.Found);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a\u0001b")]
    [InlineData("a\u0085b")]
    public async Task An_id_no_event_could_carry_is_refused_before_anything_is_touched(string userId)
    {
        var error = await Assert.ThrowsAsync<InvalidUserIdException>(() => Erasure().EraseAsync(userId));

        Assert.Equal("userId", error.ParamName);
        Assert.Empty(_log.Records);
    }

    [Fact]
    public async Task An_id_with_an_unpaired_surrogate_is_refused()
    {
        var error = await Assert.ThrowsAsync<InvalidUserIdException>(() => Erasure().EraseAsync("u\ud800"));

        Assert.Contains("unpaired surrogate", error.Message);
        Assert.Empty(_log.Records);
    }

    [Fact]
    public async Task A_too_long_id_is_refused_with_its_length()
    {
        var error = await Assert.ThrowsAsync<InvalidUserIdException>(() => Erasure().EraseAsync(new string('x', 129)));

        Assert.Contains("129", error.Message);
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("  ")]
    [InlineData("\U0001F600")]
    public async Task Every_id_an_event_can_carry_can_be_erased(string userId)
    {
        Assert.Null(Longview.Core.Events.IdRule.Problem(userId));
        await StoreAsync(userId);

        Assert.True((await Erasure().EraseAsync(userId)).ProfileDeleted);
    }

    [Fact]
    public async Task An_id_of_the_maximum_length_can_be_erased()
    {
        var longId = new string('y', Longview.Core.Events.IdRule.MaxLength);
        await StoreAsync(longId);

        Assert.True((await Erasure().EraseAsync(longId)).ProfileDeleted);
    }

    [Fact]
    public async Task The_filter_drops_users_erased_after_a_capture_and_keeps_everyone_else()
    {
        _log.Records.Add(new ErasureRecord(_hash.Of("early"), Now.AddDays(-2)));
        _log.Records.Add(new ErasureRecord(_hash.Of("late"), Now.AddHours(1)));
        var captured = Now;

        var filter = await ErasedUsersFilter.LoadAsync(_log, _hash, captured);

        Assert.True(filter.IsErased("late"));
        // Erased before the capture: not in it, or back with a new profile that must stay.
        Assert.False(filter.IsErased("early"));
        Assert.False(filter.IsErased("someone"));
        Assert.Equal(1, filter.ErasedCount);
    }

    private sealed class FakeDeadLetters : IDeadLetterEraser
    {
        public Dictionary<string, int> Letters { get; } = new(StringComparer.Ordinal);

        public Task<int> EraseAsync(string userId, CancellationToken cancellationToken = default) =>
            Task.FromResult(Letters.Remove(userId, out var count) ? count : 0);
    }

    private sealed class MemoryErasureLog : IErasureLog
    {
        public List<ErasureRecord> Records { get; } = [];

        public Task RecordAsync(ErasureRecord record, CancellationToken cancellationToken = default)
        {
            Records.Add(record);
            return Task.CompletedTask;
        }

        public async IAsyncEnumerable<ErasureRecord> ListAsync(DateTimeOffset since, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            foreach (var record in Records.Where(r => r.ErasedAt >= since))
            {
                yield return record;
            }
        }
    }
}
