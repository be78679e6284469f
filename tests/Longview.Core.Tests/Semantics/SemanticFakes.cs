using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Longview.Core.Semantics;

namespace Longview.Core.Tests.Semantics;

/// <summary>An encoder that maps a text to a fixed vector by its words, counting every text it is asked to encode.</summary>
internal sealed class WordEncoder(int dimensions = 8) : ITextEncoder
{
    public List<int> BatchSizes { get; } = [];

    public List<string> Encoded { get; } = [];

    public string Id => "words@1";

    public int Dimensions => dimensions;

    public Func<int, float[][]>? Override { get; set; }

    public float[][] Encode(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        BatchSizes.Add(texts.Count);
        Encoded.AddRange(texts);
        if (Override is not null)
        {
            return Override(texts.Count);
        }
        return [.. texts.Select(text =>
        {
            var vector = new float[dimensions];
            foreach (var word in text.Split(' ', '.', ','))
            {
                if (word.Length > 0)
                {
                    vector[(int)((uint)string.GetHashCode(word, StringComparison.Ordinal) % (uint)dimensions)] += 1;
                }
            }
            var norm = MathF.Sqrt(vector.Sum(v => v * v));
            return norm > 0 ? vector.Select(v => v / norm).ToArray() : vector;
        })];
    }
}

internal sealed class MemoryEmbeddings : IItemEmbeddingStore
{
    private readonly Dictionary<(string Encoder, string ItemId), ItemEmbedding> _rows = [];

    public int Writes { get; private set; }

    public Task UpsertManyAsync(IReadOnlyList<ItemEmbedding> embeddings, CancellationToken cancellationToken = default)
    {
        foreach (var e in embeddings)
        {
            _rows[(e.Encoder, e.ItemId)] = e;
            Writes++;
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyDictionary<string, ItemEmbedding>> GetManyAsync(string encoder, IReadOnlyCollection<string> itemIds, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyDictionary<string, ItemEmbedding>>(itemIds.Distinct()
            .Where(id => _rows.ContainsKey((encoder, id))).ToDictionary(id => id, id => _rows[(encoder, id)]));

    public async IAsyncEnumerable<ItemEmbedding> ScanAsync(string encoder, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        foreach (var row in _rows.Values.Where(r => r.Encoder == encoder).OrderBy(r => r.ItemId, StringComparer.Ordinal).ToList())
        {
            yield return row;
        }
    }
}

internal static class ProjectionFile
{
    /// <summary>The training job's layout: W [dim, text], b [dim], stateFromScores [dim, width], float32 little-endian.</summary>
    public static byte[] Bytes(float[,] w, float[] b, float[,] state)
    {
        var values = new List<float>();
        values.AddRange(w.Cast<float>());
        values.AddRange(b);
        values.AddRange(state.Cast<float>());
        return MemoryMarshal.AsBytes(values.ToArray().AsSpan()).ToArray();
    }
}
