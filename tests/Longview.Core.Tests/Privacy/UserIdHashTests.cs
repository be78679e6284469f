using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Longview.Core.Privacy;
using Microsoft.Extensions.Options;

namespace Longview.Core.Tests.Privacy;

public sealed class UserIdHashTests
{
    [Fact]
    public void The_hash_is_hmac_sha256_of_the_id_keyed_by_the_salt_truncated_to_lowercase_hex()
    {
        var hash = new UserIdHash("deployment-salt", hexLength: 16);

        var expected = Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData("deployment-salt"u8, "alice"u8))[..16];
        Assert.Equal(expected, hash.Of("alice"));
        Assert.Matches("^[0-9a-f]{16}$", hash.Of("alice"));
        Assert.True(hash.IsSalted);
    }

    [Fact]
    public void The_same_salt_gives_the_same_hash_and_another_salt_another()
    {
        Assert.Equal(new UserIdHash("s1").Of("alice"), new UserIdHash("s1").Of("alice"));
        Assert.NotEqual(new UserIdHash("s1").Of("alice"), new UserIdHash("s2").Of("alice"));
        Assert.NotEqual(new UserIdHash("s1").Of("alice"), new UserIdHash(salt: null).Of("alice"));
    }

    [Fact]
    public void Without_a_salt_the_public_key_is_used_and_says_so()
    {
        var unsalted = new UserIdHash(Options.Create(new UserIdHashOptions()));

        Assert.False(unsalted.IsSalted);
        Assert.Equal(new UserIdHash(UserIdHash.UnsaltedKey).Of("alice"), unsalted.Of("alice"));
    }

    [Theory]
    [InlineData(7)]
    [InlineData(65)]
    public void A_length_outside_8_to_64_is_refused_naming_the_setting(int length)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new UserIdHash("s", length));
        Assert.Contains("HashHexLength", error.Message);
    }

    [Property]
    public Property Distinct_ids_get_distinct_hashes_that_never_contain_the_id(NonEmptyString a, NonEmptyString b)
    {
        var hash = new UserIdHash("salt", 32);
        var (x, y) = (a.Get, b.Get);
        var distinct = x == y || hash.Of(x) != hash.Of(y);
        // A long enough id cannot hide inside 32 hex characters unless the hash leaked it.
        var hidden = x.Length < 6 || !hash.Of(x).Contains(x, StringComparison.Ordinal);
        return (distinct && hidden).Label($"{x} -> {hash.Of(x)}, {y} -> {hash.Of(y)}");
    }
}
