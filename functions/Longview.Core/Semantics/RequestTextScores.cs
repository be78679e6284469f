using System.Buffers;

namespace Longview.Core.Semantics;

/// <summary>
/// One request's served scores of the text-scored items (<see cref="TextScoredItems.Score"/>, computed once per request):
/// the model pool takes those above its floor, the new-item exploration slots order new items by them. Empty until
/// the model scores the request (a cold-start user has none). Returns its buffer to the pool on dispose.
/// </summary>
public sealed class RequestTextScores : IDisposable
{
    private TextScoredItems? _items;
    private float[]? _scores;

    /// <summary>Room for every item's score, kept for <see cref="Of"/>; call once per request.</summary>
    public Span<float> For(TextScoredItems items)
    {
        if (_scores is not null)
        {
            throw new InvalidOperationException("the request's text scores are already computed");
        }
        _items = items;
        _scores = ArrayPool<float>.Shared.Rent(Math.Max(items.Count, 1));
        // A pooled buffer holds another request's numbers until scoring overwrites them (a failed model leaves NaN).
        var span = _scores.AsSpan(0, items.Count);
        span.Fill(float.NaN);
        return span;
    }

    /// <summary>The item's served score for this request; null when the model did not score it from its text.</summary>
    public float? Of(string itemId)
    {
        if (_items is null || _scores is null)
        {
            return null;
        }
        var index = _items.IndexOf(itemId);
        return index >= 0 && float.IsFinite(_scores[index]) ? _scores[index] : null;
    }

    public void Dispose()
    {
        if (_scores is not null)
        {
            ArrayPool<float>.Shared.Return(_scores);
            _scores = null;
            _items = null;
        }
    }
}
