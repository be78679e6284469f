using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Longview.Core.Semantics;

namespace Longview.Core.Tests.Semantics;

public sealed class TextProjectionTests
{
    // Item embeddings E (8 items x 4 dims, padding row 0 zero) with orthogonal columns of squared norm 8 (Hadamard):
    // pinv(E) = E^T / 8, which is what the training job exports as stateFromScores.
    private static readonly float[,] E = Hadamard();

    private static float[,] Hadamard()
    {
        var e = new float[9, 4];
        for (var i = 1; i <= 8; i++)
        {
            for (var k = 0; k < 4; k++)
            {
                e[i, k] = (System.Numerics.BitOperations.PopCount((uint)((i - 1) & k)) % 2 == 0) ? 1 : -1;
            }
        }
        return e;
    }

    private static float[,] PseudoInverse()
    {
        var g = new float[4, 9];
        for (var k = 0; k < 4; k++)
        {
            for (var i = 1; i <= 8; i++)
            {
                g[k, i] = E[i, k] / 8f;
            }
        }
        return g;
    }

    private static TextProjection Identity() =>
        TextProjection.Parse(ProjectionFile.Bytes(new float[,] { { 1, 0, 0, 0 }, { 0, 1, 0, 0 }, { 0, 0, 1, 0 }, { 0, 0, 0, 1 } }, [0, 0, 0, 0], PseudoInverse()), "words@1", 4, 4, 9);

    [Property(MaxTest = 200)]
    public Property A_text_scored_item_gets_the_score_the_model_would_give_an_item_with_that_vector() =>
        Prop.ForAll(Gen.Choose(-1000, 1000).Select(v => v / 100f).ArrayOf(4).ToArbitrary(), Gen.Choose(1, 8).ToArbitrary(), (h, twin) =>
        {
            // The model's scores for state h; index 0 is padding (-1e9, as the exported model gives it).
            var scores = new float[9];
            scores[0] = -1e9f;
            for (var i = 1; i <= 8; i++)
            {
                scores[i] = Enumerable.Range(0, 4).Sum(k => E[i, k] * h[k]);
            }
            var projection = Identity();
            Span<float> state = stackalloc float[4];
            projection.RecoverState(scores, state);
            // A new item whose projected vector equals item `twin`'s embedding must score exactly like `twin`.
            var vector = projection.Project([E[twin, 0], E[twin, 1], E[twin, 2], E[twin, 3]]);
            var score = TextProjection.Score(state, vector);
            return (Math.Abs(score - scores[twin]) < 1e-3).Label($"text score {score}, model score {scores[twin]}");
        });

    [Fact]
    public void Projects_with_the_weights_and_the_bias()
    {
        var w = new float[,] { { 2, 0 }, { 0, 1 }, { 1, 1 } };
        var projection = TextProjection.Parse(ProjectionFile.Bytes(w, [0.5f, 0, -1], new float[3, 4]), "e", 2, 3, 4);

        Assert.Equal([2.5f, 3f, 3f], projection.Project([1, 3]));
    }

    [Theory]
    [InlineData(4, 4, 10, "bytes")]
    [InlineData(0, 4, 9, "out of range")]
    public void A_file_that_does_not_fit_its_shapes_is_refused_with_the_sizes(int text, int dim, int width, string reason)
    {
        var bytes = ProjectionFile.Bytes(new float[4, 4], new float[4], PseudoInverse());

        var error = Assert.Throws<FormatException>(() => TextProjection.Parse(bytes, "e", text, dim, width));

        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void A_non_finite_value_is_refused()
    {
        var bias = new[] { 0f, float.NaN, 0, 0 };

        Assert.Throws<FormatException>(() => TextProjection.Parse(ProjectionFile.Bytes(new float[4, 4], bias, PseudoInverse()), "e", 4, 4, 9));
    }
}
