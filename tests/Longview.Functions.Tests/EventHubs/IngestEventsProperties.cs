using FsCheck.Xunit;
using Longview.Core.Streaming;
using static Longview.Functions.Tests.EventHubs.StreamEvents;

namespace Longview.Functions.Tests.EventHubs;

/// <summary>
/// For random batches (good, duplicate, poison and store-refused events in single-event and NDJSON messages) and random
/// failure schedules of both stores (throttled before the call, or the answer lost after the write landed), and
/// sometimes a cancelled invocation: no event is lost or doubled.
/// </summary>
public sealed class IngestEventsProperties
{
    private const int MaxElements = 60;
    private const int MaxFaults = 24;

    /// <summary>What one element of the generated batch is, and where it lands in the messages.</summary>
    private sealed record Element(string Kind, string EventId, string UserId, string Text, string Key);

    /// <summary>
    /// When the function returns, every element ended as exactly one of applied (once), duplicate (of an event applied
    /// once) or dead-lettered (one letter at its partition/sequence key, with its reason). When it was cancelled, every
    /// element is applied or has a letter (possibly both: a write whose answer was lost), and a redelivery of the batch
    /// leaves every good event applied exactly once with no second letter.
    /// </summary>
    [Property(MaxTest = 50)]
    public bool Every_message_ends_applied_duplicate_or_dead_lettered_and_nothing_is_lost_or_doubled(
        byte[] batch, byte[] profileFaults, byte[] letterFaults, byte cancellation)
    {
        using var app = new IngestEventsHarness();
        var (messages, elements) = Build(batch ?? []);
        app.Profiles.RefusedUserId = "u-refused";
        app.Profiles.Plan = new FaultPlan([.. (profileFaults ?? []).Take(MaxFaults).Select(b => (Fault)(b % 3))]);
        app.Blobs.Plan = new FaultPlan([.. (letterFaults ?? []).Take(MaxFaults).Select(b => (Fault)(b % 3))]);
        using var invocation = new CancellationTokenSource();
        if (cancellation % 3 == 0)
        {
            var cancelAtCall = cancellation / 3 % 8 + 1;
            app.Profiles.Plan.OnCall = call =>
            {
                if (call == cancelAtCall)
                {
                    invocation.Cancel();
                }
            };
        }

        var cancelled = false;
        try
        {
            app.RunAsync(messages, firstSequence: 5000, cancellationToken: invocation.Token).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            cancelled = true;
        }

        var letters = app.LettersAsync().GetAwaiter().GetResult();
        var applied = elements.Select(e => e.UserId).Distinct()
            .ToDictionary(u => u, u => app.AppliedEventIdsAsync(u).GetAwaiter().GetResult());
        int AppliedCount(Element e) => applied[e.UserId].GetValueOrDefault(e.EventId);

        // Never doubled: no event is applied twice, whatever happened.
        if (applied.Values.Any(ids => ids.Values.Any(count => count > 1)))
        {
            return false;
        }
        // Letters only at element keys; poison and refused elements never applied and always lettered with a reason.
        var keys = elements.Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
        if (!letters.Keys.All(keys.Contains))
        {
            return false;
        }
        foreach (var e in elements.Where(e => e.Kind is "poison" or "refused"))
        {
            if (!letters.TryGetValue(e.Key, out var letter) || AppliedCount(e) != 0 || string.IsNullOrEmpty(letter.Reason))
            {
                return false;
            }
            if (!cancelled && e.Kind == "refused" && !letter.Reason.Contains("permanent failure", StringComparison.Ordinal))
            {
                return false;
            }
        }

        var good = elements.Where(e => e.Kind is "good" or "duplicate").ToArray();
        if (!cancelled)
        {
            // Exactly one outcome: applied once, no letter.
            return good.All(e => AppliedCount(e) == 1 && !letters.ContainsKey(e.Key))
                && letters.Values.All(l => l.Reason != EventStreamIngestion.CancelledReason);
        }

        // Cancelled: nothing lost now (applied or lettered, with the cancellation reason when not applied) ...
        if (!good.All(e => AppliedCount(e) == 1 || letters.TryGetValue(e.Key, out var l) && l.Reason == EventStreamIngestion.CancelledReason))
        {
            return false;
        }
        // ... and a redelivery (the newer extensions do not checkpoint a cancelled batch) applies each event once, writing no new letter.
        app.Profiles.Plan = new FaultPlan();
        app.Blobs.Plan = new FaultPlan();
        app.RunAsync(messages, firstSequence: 5000).GetAwaiter().GetResult();
        var lettersAfter = app.LettersAsync().GetAwaiter().GetResult();
        return good.All(e => app.AppliedEventIdsAsync(e.UserId).GetAwaiter().GetResult().GetValueOrDefault(e.EventId) == 1)
            && lettersAfter.Count == letters.Count;
    }

    /// <summary>
    /// One element per byte: b % 8 is the kind (0-4 good, 5 a duplicate of an earlier good event, 6 poison, 7 an event
    /// for the user the store refuses), b % 3 the user, b / 8 % 3 whether the next elements share its NDJSON message.
    /// </summary>
    private static (string[] Messages, Element[] Elements) Build(byte[] plan)
    {
        var elements = new List<Element>();
        var messages = new List<string>();
        var current = new List<string>();
        var goods = new List<(string EventId, string UserId, string Text)>();
        var sequence = 5000L;

        void Flush()
        {
            if (current.Count > 0)
            {
                // A message none of whose lines is a complete JSON value is unreadable as a whole (BatchFraming: it is not
                // NDJSON), so it gets one letter, at its first position, for all of its elements.
                if (current.Count > 1 && current.All(text => text == Malformed))
                {
                    var first = elements.Count - current.Count;
                    for (var i = first; i < elements.Count; i++)
                    {
                        elements[i] = elements[i] with { Key = elements[first].Key };
                    }
                }
                messages.Add(string.Join("\n", current));
                current.Clear();
                sequence++;
            }
        }

        for (var i = 0; i < Math.Min(plan.Length, MaxElements); i++)
        {
            var b = plan[i];
            var key = $"{IngestEventsHarness.Hub}-p3-{sequence}-{current.Count}";
            var user = $"u{b % 3}";
            var kind = (b % 8) switch
            {
                <= 4 => "good",
                5 => goods.Count > 0 ? "duplicate" : "good",
                6 => "poison",
                _ => "refused",
            };
            Element element = kind switch
            {
                "good" => new Element(kind, $"g{i}", user, Good($"g{i}", user, $"i{i}", i), key),
                "duplicate" => goods[b % goods.Count] is var (id, owner, text) ? new Element(kind, id, owner, text, key) : throw new InvalidOperationException(),
                "poison" => (b / 8 % 4) switch
                {
                    0 => new Element(kind, $"p{i}", "u-poison", UnknownType($"p{i}"), key),
                    1 => new Element(kind, $"p{i}", "u-poison", NoUserId($"p{i}"), key),
                    2 => new Element(kind, $"p{i}", "u-poison", NoOffset($"p{i}"), key),
                    _ => new Element(kind, $"p{i}", "u-poison", Malformed, key),
                },
                _ => new Element(kind, $"r{i}", "u-refused", Good($"r{i}", "u-refused", $"i{i}", i), key),
            };
            if (kind == "good")
            {
                goods.Add((element.EventId, element.UserId, element.Text));
            }
            elements.Add(element);
            current.Add(element.Text);
            if (b / 8 % 3 == 0 || current.Count == 4)
            {
                Flush();
            }
        }
        Flush();
        return ([.. messages], [.. elements]);
    }
}
