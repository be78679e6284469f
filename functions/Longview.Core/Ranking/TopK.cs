using System.Numerics;
using System.Runtime.Intrinsics;
using System.Runtime.CompilerServices;

namespace Longview.Core.Ranking;

/// <summary>
/// Top-k indices of a score vector with a fixed-size min-heap: O(n log k), no allocation, never sorts the whole
/// catalogue. Ties rank the lower index first so the result is deterministic.
/// </summary>
public static class TopK
{
    /// <summary>
    /// Writes the best indices (highest score first) into <paramref name="destination"/> and returns how many it wrote.
    /// Indices where <paramref name="blocked"/> is true, and index 0 (padding), are never selected; NaN scores neither.
    /// </summary>
    public static int Select(ReadOnlySpan<float> scores, ReadOnlySpan<bool> blocked, Span<int> destination)
    {
        var k = destination.Length;
        if (k == 0)
        {
            return 0;
        }
        var size = 0;
        // Score of the weakest kept item once the heap is full: most of a catalogue loses to it, so the common case
        // is one comparison against a local (reading the heap root through an index each time cost 3x the loop).
        var threshold = float.NegativeInfinity;
        var i = 1;
        for (; i < scores.Length && size < k; i++)
        {
            Offer(scores, blocked, destination, i, k, ref size, ref threshold);
        }
        // Once the heap is full, four scores are compared with the weakest kept one at once, and only the lanes that reach
        // it are offered (a comparison with NaN is false, as in the scalar test). Offering every lane of a vector with
        // any such lane (the skip this replaced) offered most of a catalogue one by one: with a pool of 50 of 3,700
        // items, early vectors nearly always hold one. Offer checks each lane again as the threshold rises within the
        // vector. 128 bits: every x64 and Arm64 server accelerates them, so this one path is the one the tests run.
        if (Vector128.IsHardwareAccelerated)
        {
            for (; i + Vector128<float>.Count <= scores.Length; i += Vector128<float>.Count)
            {
                var reaching = Vector128.GreaterThanOrEqual(Vector128.Create(scores.Slice(i, Vector128<float>.Count)), Vector128.Create(threshold));
                OfferLanes(scores, blocked, destination, i, reaching.ExtractMostSignificantBits(), k, ref size, ref threshold);
            }
        }
        for (; i < scores.Length; i++)
        {
            Offer(scores, blocked, destination, i, k, ref size, ref threshold);
        }
        // Heap sort in place: repeatedly move the worst to the end, leaving best-first order.
        for (var end = size - 1; end > 0; end--)
        {
            (destination[0], destination[end]) = (destination[end], destination[0]);
            SiftDown(scores, destination, 0, end);
        }
        return size;
    }

    /// <summary>Offers the items of a vector starting at <paramref name="start"/> whose bit is set in <paramref name="lanes"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void OfferLanes(ReadOnlySpan<float> scores, ReadOnlySpan<bool> blocked, Span<int> destination, int start, uint lanes, int k, ref int size, ref float threshold)
    {
        while (lanes != 0)
        {
            Offer(scores, blocked, destination, start + BitOperations.TrailingZeroCount(lanes), k, ref size, ref threshold);
            lanes &= lanes - 1;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Offer(ReadOnlySpan<float> scores, ReadOnlySpan<bool> blocked, Span<int> destination, int i, int k, ref int size, ref float threshold)
    {
        var s = scores[i];
        if (size == k && !(s >= threshold))
        {
            return; // below the weakest kept score, or NaN
        }
        if (float.IsNaN(s) || ((uint)i < (uint)blocked.Length && blocked[i]))
        {
            return;
        }
        if (size < k)
        {
            destination[size] = i;
            SiftUp(scores, destination, size);
            size++;
            if (size == k)
            {
                threshold = scores[destination[0]];
            }
        }
        else if (Better(scores, i, destination[0]))
        {
            destination[0] = i;
            SiftDown(scores, destination, 0, size);
            threshold = scores[destination[0]];
        }
    }

    private static bool Better(ReadOnlySpan<float> scores, int a, int b) =>
        scores[a] > scores[b] || (scores[a] == scores[b] && a < b);

    // Min-heap on "worse first": the root is the weakest of the kept items.
    private static void SiftUp(ReadOnlySpan<float> scores, Span<int> heap, int child)
    {
        while (child > 0)
        {
            var parent = (child - 1) / 2;
            if (!Better(scores, heap[parent], heap[child]))
            {
                break;
            }
            (heap[parent], heap[child]) = (heap[child], heap[parent]);
            child = parent;
        }
    }

    private static void SiftDown(ReadOnlySpan<float> scores, Span<int> heap, int parent, int size)
    {
        while (true)
        {
            var left = 2 * parent + 1;
            if (left >= size)
            {
                return;
            }
            var worst = left;
            var right = left + 1;
            if (right < size && Better(scores, heap[left], heap[right]))
            {
                worst = right;
            }
            if (!Better(scores, heap[parent], heap[worst]))
            {
                return;
            }
            (heap[parent], heap[worst]) = (heap[worst], heap[parent]);
            parent = worst;
        }
    }
}
