using System.Runtime.InteropServices;

namespace Longview.Core.Semantics;

/// <summary>
/// How a model version scores an item it has never seen, from the item's text embedding alone (the training job's
/// <c>text_projection.bin</c>, see training/README.md). The sequence model scores item j as <c>h · E_j</c> and serves
/// only the scores; this holds <c>pinv(E)</c> to recover <c>h</c> from them, and the learned map <c>v = W t + b</c> of a
/// text embedding t into the item space, so a new item scores <c>h · v</c>, on the same scale as the known items.
/// </summary>
public sealed class TextProjection
{
    private readonly float[] _projection;   // [Dimensions, TextDimensions] row-major
    private readonly float[] _bias;         // [Dimensions]
    private readonly float[] _state;        // [Dimensions, Width] row-major; column 0 (padding) is zero

    private TextProjection(string encoder, int textDimensions, int dimensions, int width, float[] projection, float[] bias, float[] state, NewItemScoring scoring)
    {
        Scoring = scoring;
        Encoder = encoder;
        TextDimensions = textDimensions;
        Dimensions = dimensions;
        Width = width;
        _projection = projection;
        _bias = bias;
        _state = state;
    }

    /// <summary>The encoder whose embeddings the projection was trained on; embeddings of another encoder are not scored.</summary>
    public string Encoder { get; }

    public int TextDimensions { get; }

    /// <summary>The model's item space (its embedding size).</summary>
    public int Dimensions { get; }

    /// <summary>Scores per model call: vocabulary + padding.</summary>
    public int Width { get; }

    /// <summary>How a text score becomes the item's served score (<see cref="NewItemScoring.Raw"/> for versions without a combiner).</summary>
    public NewItemScoring Scoring { get; }

    /// <summary>Reads the file (float32 little-endian: W, b, pinv(E)); the reason when its size does not fit the shapes.</summary>
    public static TextProjection Parse(ReadOnlySpan<byte> data, string encoder, int textDimensions, int dimensions, int width, NewItemScoring? scoring = null)
    {
        if (string.IsNullOrWhiteSpace(encoder))
        {
            throw new FormatException("the text projection names no encoder");
        }
        if (textDimensions is < 1 or > 4096 || dimensions is < 1 or > 1024 || width < 2)
        {
            throw new FormatException($"text projection shapes out of range: textDimensions {textDimensions}, dim {dimensions}, width {width}");
        }
        long expected = ((long)dimensions * textDimensions + dimensions + (long)dimensions * width) * sizeof(float);
        if (data.Length != expected)
        {
            throw new FormatException($"text projection has {data.Length} bytes; dim {dimensions} x text {textDimensions} + dim + dim x {width} items need {expected}");
        }
        var values = MemoryMarshal.Cast<byte, float>(data);
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("the text projection file is little-endian float32");
        }
        foreach (var v in values)
        {
            if (!float.IsFinite(v))
            {
                throw new FormatException("text projection holds a non-finite value");
            }
        }
        var w = dimensions * textDimensions;
        var state = values[(w + dimensions)..].ToArray();
        for (var k = 0; k < dimensions; k++)
        {
            state[k * width] = 0; // padding's score is -1e9: it must not enter h
        }
        return new TextProjection(encoder, textDimensions, dimensions, width, values[..w].ToArray(), values[w..(w + dimensions)].ToArray(), state, scoring ?? NewItemScoring.Raw);
    }

    /// <summary><c>W t + b</c>: the item's vector in the model's item space (compute once per item and model).</summary>
    public float[] Project(ReadOnlySpan<float> text)
    {
        if (text.Length != TextDimensions)
        {
            throw new ArgumentException($"a text embedding of {text.Length} values; the projection takes {TextDimensions}", nameof(text));
        }
        var vector = new float[Dimensions];
        for (var k = 0; k < Dimensions; k++)
        {
            vector[k] = VectorMath.Dot(_projection.AsSpan(k * TextDimensions, TextDimensions), text) + _bias[k];
        }
        return vector;
    }

    /// <summary>The user's state <c>h = pinv(E) · scores</c> from one scoring call's output (index 0 ignored).</summary>
    public void RecoverState(ReadOnlySpan<float> scores, Span<float> state)
    {
        if (scores.Length < Width || state.Length < Dimensions)
        {
            throw new ArgumentException($"scores of {scores.Length} (need {Width}) or state of {state.Length} (need {Dimensions}) values");
        }
        for (var k = 0; k < Dimensions; k++)
        {
            // Column 0 is zero, so the padding score (-1e9) contributes nothing; start at 1 to skip it outright.
            state[k] = VectorMath.Dot(_state.AsSpan(k * Width + 1, Width - 1), scores[1..Width]);
        }
    }

    /// <summary>A projected item's text score for a recovered state: what a typical known item with that text would score
    /// (<see cref="Scoring"/> turns it into the served score).</summary>
    public static float Score(ReadOnlySpan<float> state, ReadOnlySpan<float> projected) => VectorMath.Dot(state, projected);
}
