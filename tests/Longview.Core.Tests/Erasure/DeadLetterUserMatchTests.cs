using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Longview.Core.Erasure;

namespace Longview.Core.Tests.Erasure;

public sealed class DeadLetterUserMatchTests
{
    private static string Event(string user, string type = "hover") =>
        JsonSerializer.Serialize(new { eventId = "e1", userId = user, itemId = "i1", type, timestamp = "2025-03-01T10:00:00Z" });

    [Theory]
    [InlineData("""{"eventId":"e1","userId":"alice","type":"hover"}""", true)]
    [InlineData("""{"eventId":"e1","userId":"bob","type":"hover","context":{"friend":"alice"}}""", false)]
    [InlineData("""{"eventId":"e1","userId":"alice2","type":"hover"}""", false)]
    [InlineData("""[{"userId":"bob"},{"userId":"alice"}]""", true)]
    [InlineData("""[{"userId":"bob"},42]""", false)]
    [InlineData("""{"userId":["alice"]}""", false)]
    [InlineData("\"{\\\"userId\\\":\\\"alice\\\"}\"", true)]
    // NDJSON and cut payloads are not one JSON document: the quoted id decides, erring towards erasing.
    [InlineData("{\"userId\":\"bob\"}\n{\"userId\":\"alice\"}", true)]
    [InlineData("{\"userId\":\"bob\"}\n{\"userId\":\"bobby\"}", false)]
    [InlineData("{\"eventId\":\"e1\",\"userId\":\"alice\",\"ty", true)]
    [InlineData("garbage", false)]
    public void A_letter_concerns_the_user_when_an_event_in_it_is_theirs(string raw, bool expected) =>
        Assert.Equal(expected, DeadLetterUserMatch.Concerns(raw, "alice"));

    [Fact]
    public void Escaped_ids_are_matched_in_readable_and_unreadable_letters()
    {
        const string user = "o'brien \"the\" \u00e9";
        Assert.True(DeadLetterUserMatch.Concerns(Event(user), user));
        Assert.True(DeadLetterUserMatch.Concerns(Event(user) + "\n{", user));
    }

    [Property]
    public Property Any_event_of_the_user_matches_and_one_of_another_user_does_not(NonEmptyString user, NonEmptyString other)
    {
        var (u, o) = (user.Get, other.Get);
        var own = DeadLetterUserMatch.Concerns(Event(u), u) && DeadLetterUserMatch.Concerns("[" + Event(o) + "," + Event(u) + "]", u);
        var foreign = u == o || !DeadLetterUserMatch.Concerns(Event(o), u);
        return (own && foreign).Label($"user {u}, other {o}");
    }
}
