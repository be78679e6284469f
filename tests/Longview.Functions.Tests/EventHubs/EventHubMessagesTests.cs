using System.Collections.ObjectModel;
using System.Text.Json;
using Google.Protobuf.Collections;
using Longview.Functions.Hosting;

namespace Longview.Functions.Tests.EventHubs;

/// <summary>
/// Message ids from the binding data as the host and worker hand it over (see <see cref="HostBindingData"/>): stable
/// across redeliveries whenever partition and sequence numbers are there, whatever shape they arrive in.
/// </summary>
public sealed class EventHubMessagesTests
{
    private static readonly string[] Three = ["{}", "[]", "x"];

    [Fact]
    public void Sequence_numbers_sent_as_a_typed_collection_name_each_message_by_hub_partition_and_sequence()
    {
        // What the .NET worker receives from today's host: the long[] as a protobuf RepeatedField<long>.
        var data = HostBindingData.For("events", "3", firstSequence: 1200, count: 3);
        Assert.IsType<RepeatedField<long>>(data["SequenceNumberArray"]);

        var messages = EventHubMessages.From(Three, new FunctionContextDouble(data));

        Assert.Equal(["events-p3-1200", "events-p3-1201", "events-p3-1202"], messages.Select(m => m.Id));
        Assert.Equal(Three, messages.Select(m => m.Text));
    }

    [Fact]
    public void Sequence_numbers_sent_as_JSON_text_give_the_same_ids()
    {
        var data = HostBindingData.For("events", "3", firstSequence: 1200, count: 3, typedCollections: false);
        Assert.Equal("[1200,1201,1202]", data["SequenceNumberArray"]);

        Assert.Equal(["events-p3-1200", "events-p3-1201", "events-p3-1202"], EventHubMessages.From(Three, new FunctionContextDouble(data)).Select(m => m.Id));
    }

    [Fact]
    public void Names_are_found_whatever_their_case_even_in_a_dictionary_that_does_not_ignore_it()
    {
        // The casing of the worker samples ("sequenceNumberArray"), in an ordinal dictionary.
        var data = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["partitionContext"] = """{"eventHubName":"events","partitionId":"12"}""",
            ["sequenceNumberArray"] = JsonDocument.Parse("[9007199254740993,9007199254740994,9007199254740995]").RootElement.Clone(),
        };

        Assert.Equal(["events-p12-9007199254740993", "events-p12-9007199254740994", "events-p12-9007199254740995"],
            EventHubMessages.From(Three, new FunctionContextDouble(new ReadOnlyDictionary<string, object?>(data))).Select(m => m.Id));
    }

    [Fact]
    public void Without_the_hub_name_the_partition_and_sequence_still_key_the_message()
    {
        var data = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase)
        {
            ["PartitionContext"] = """{"PartitionId":"0"}""",
            ["SequenceNumberArray"] = new RepeatedField<long> { 5 },
        };

        Assert.Equal("p0-5", Assert.Single(EventHubMessages.From(["{}"], new FunctionContextDouble(data))).Id);
    }

    public static TheoryData<string, object?, object?> Unusable => new()
    {
        { "no partition context", null, new RepeatedField<long> { 1, 2, 3 } },
        { "partition context not JSON", "PartitionContext { PartitionId = 3 }", new RepeatedField<long> { 1, 2, 3 } },
        { "partition id missing", """{"EventHubName":"events"}""", new RepeatedField<long> { 1, 2, 3 } },
        { "fewer sequence numbers than messages", """{"PartitionId":"3"}""", new RepeatedField<long> { 1, 2 } },
        { "sequence numbers not numbers", """{"PartitionId":"3"}""", """["1","2","3"]""" },
        { "no sequence numbers", """{"PartitionId":"3"}""", null },
    };

    [Theory]
    [MemberData(nameof(Unusable))]
    public void Without_usable_metadata_the_invocation_id_and_position_stand_in(string why, object? partitionContext, object? sequenceNumbers)
    {
        var data = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase) { ["PartitionContext"] = partitionContext, ["SequenceNumberArray"] = sequenceNumbers };
        var context = new FunctionContextDouble(data);

        var ids = EventHubMessages.From(Three, context).Select(m => m.Id).ToArray();

        Assert.True(ids.SequenceEqual([$"invocation-{context.InvocationId}-0", $"invocation-{context.InvocationId}-1", $"invocation-{context.InvocationId}-2"]), why);
    }
}
