using Longview.Core.Events;
using Longview.Local.Evaluation;

namespace Longview.Local.Tests.Serving;

public sealed class EvaluationTests
{
    private static UserEvent Event(string item, int second, EventType type = EventType.Rating) =>
        new($"e-{item}-{second}-{type}", "u", item, type, DateTimeOffset.FromUnixTimeSeconds(1_000_000 + second));

    [Fact]
    public void Leave_one_out_holds_out_the_last_sequence_event_by_time_then_item_id()
    {
        // Out of order on purpose; "b" and "c" tie on time, so the item id decides (as the training job does).
        var events = new List<UserEvent> { Event("c", 5), Event("a", 1), Event("b", 5), Event("x", 9, EventType.Impression), Event("d", 3) };

        var split = LeaveOneOut.Split("u", events)!;

        Assert.Equal("c", split.HeldOut.ItemId);
        Assert.Equal(["a", "d", "b", "x"], split.History.Select(e => e.ItemId));
    }

    [Fact]
    public void Users_with_fewer_than_three_sequence_events_are_not_evaluated()
    {
        var events = new List<UserEvent> { Event("a", 1), Event("b", 2), Event("c", 3, EventType.Impression), Event("d", 4, EventType.Dislike) };

        Assert.Null(LeaveOneOut.Split("u", events));
    }

    [Fact]
    public void List_quality_follows_the_training_jobs_definitions()
    {
        var categories = new Dictionary<string, IReadOnlyList<string>>
        {
            ["a"] = ["drama"], ["b"] = ["drama"], ["c"] = ["comedy"], ["d"] = ["comedy", "drama"],
        };
        var usersPerItem = new Dictionary<string, int> { ["a"] = 4, ["b"] = 2, ["c"] = 1 };
        var quality = new ListQualityAccumulator(2, catalogueSize: 10, usersPerItem, trainingUsers: 4, id => categories[id]);

        quality.Add(["a", "b", "c"], heldOut: "b");   // hit at rank 2 within k = 2; "c" is beyond k
        quality.Add(["c", "d"], heldOut: "a");        // miss
        var result = quality.Result();

        Assert.Equal(2, result.Users);
        Assert.Equal(1 / Math.Log2(3) / 2, result.NdcgAt10, 12);
        Assert.Equal(0.5, result.RecallAt10, 12);
        Assert.Equal(4 / 10.0, result.CoverageAt10, 12);
        // a,b share drama: distance 0; c,d: Jaccard 1/2, distance 1/2.
        Assert.Equal((0 + 0.5) / 2, result.IntraListDiversity, 12);
        // -log2(4/4), -log2(2/4), -log2(1/4), and d unseen counts as one user: -log2(1/4).
        Assert.Equal((0 + 1 + 2 + 2) / 4.0, result.Novelty, 12);
    }
}
