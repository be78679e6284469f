using System.Numerics;
using System.Runtime.InteropServices;

namespace Longview.Core.Semantics;

/// <summary>Float dot products and cosines over spans, SIMD-wide (System.Numerics.Tensors is not a Core dependency).</summary>
public static class VectorMath
{
    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException($"vectors of {a.Length} and {b.Length} values");
        }
        var sum = Vector<float>.Zero;
        var i = 0;
        if (Vector.IsHardwareAccelerated && a.Length >= Vector<float>.Count)
        {
            var wideA = MemoryMarshal.Cast<float, Vector<float>>(a);
            var wideB = MemoryMarshal.Cast<float, Vector<float>>(b);
            for (var w = 0; w < wideA.Length; w++)
            {
                sum += wideA[w] * wideB[w];
            }
            i = wideA.Length * Vector<float>.Count;
        }
        var total = Vector.Dot(sum, Vector<float>.One);
        for (; i < a.Length; i++)
        {
            total += a[i] * b[i];
        }
        return total;
    }
}
