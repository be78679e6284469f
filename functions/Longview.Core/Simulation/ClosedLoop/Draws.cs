namespace Longview.Core.Simulation.ClosedLoop;

/// <summary>The continuous draws the user model needs, from the user's own generator.</summary>
internal static class Draws
{
    public static double Exponential(Random random, double rate) => -Math.Log(1 - random.NextDouble()) / rate;

    public static double Normal(Random random)
    {
        var u1 = 1 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>Gamma(shape, scale 1) by Marsaglia and Tsang; shapes below 1 by the usual U^(1/shape) boost.</summary>
    public static double Gamma(Random random, double shape)
    {
        if (shape < 1)
        {
            return Gamma(random, shape + 1) * Math.Pow(1 - random.NextDouble(), 1 / shape);
        }
        var d = shape - (1.0 / 3);
        var c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double x, v;
            do
            {
                x = Normal(random);
                v = 1 + (c * x);
            }
            while (v <= 0);
            v = v * v * v;
            var u = 1 - random.NextDouble();
            if (Math.Log(u) < (0.5 * x * x) + (d * (1 - v + Math.Log(v))))
            {
                return d * v;
            }
        }
    }

    public static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));
}
