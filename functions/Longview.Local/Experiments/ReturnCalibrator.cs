using System.Globalization;
using Longview.Core.Simulation.ClosedLoop;

namespace Longview.Local.Experiments;

/// <summary>One point of the calibration grid and how far its simulated return days are from the real ones.</summary>
public sealed record CalibrationPoint(ReturnParameters Parameters, double Distance, ReturnDistribution Simulated, double SessionsPerUser);

/// <summary>The return-process parameters calibration searches.</summary>
public sealed record ReturnParameters(double ReturnRateMean, double ReturnRateShape, double ChurnPerSession, double QuickReturnShare)
{
    public static ReturnParameters Of(UserModelOptions options) => new(options.ReturnRateMean, options.ReturnRateShape, options.ChurnPerSession, options.QuickReturnShare);

    public UserModelOptions ApplyTo(UserModelOptions options)
    {
        var model = options.Clone();
        model.ReturnRateMean = ReturnRateMean;
        model.ReturnRateShape = ReturnRateShape;
        model.ChurnPerSession = ChurnPerSession;
        model.QuickReturnShare = QuickReturnShare;
        return model;
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"rate mean {ReturnRateMean}, shape {ReturnRateShape}, churn {ChurnPerSession}, quick share {QuickReturnShare}");
}

/// <summary>
/// Fits the return process (<see cref="UserModelOptions.ReturnRateMean"/>, <see cref="UserModelOptions.ReturnRateShape"/>,
/// <see cref="UserModelOptions.ChurnPerSession"/>, <see cref="UserModelOptions.QuickReturnShare"/>) by grid search: each point runs the popularity arm (the real
/// service's fallback path) on the same seeded population and compares its exact-day retention D1..D30 with the real
/// dataset's (<see cref="ReturnDistribution.DistanceTo"/>). Everything else of the user model stays as given.
/// </summary>
public sealed class ReturnCalibrator(ExperimentWorld world, UserModelOptions baseModel, TextWriter log)
{
    public static IReadOnlyList<double> RateMeans { get; } = [0.015, 0.03, 0.06];

    public static IReadOnlyList<double> RateShapes { get; } = [0.15, 0.25, 0.5];

    public static IReadOnlyList<double> Churns { get; } = [0.05, 0.1, 0.15];

    public static IReadOnlyList<double> QuickShares { get; } = [0.25, 0.3, 0.35];

    public ReturnDistribution Real { get; } = ReturnDistribution.FromActivities(world.RealActivity);

    public async Task<IReadOnlyList<CalibrationPoint>> SearchAsync(ClosedLoopOptions loop, string scratchFolder, CancellationToken cancellationToken)
    {
        var points = new List<CalibrationPoint>();
        var arm = ExperimentArm.Find("popularity")!;
        var total = RateMeans.Count * RateShapes.Count * Churns.Count * QuickShares.Count;
        foreach (var mean in RateMeans)
        {
            foreach (var shape in RateShapes)
            {
                foreach (var churn in Churns)
                {
                    foreach (var quick in QuickShares)
                    {
                        var point = await EvaluateAsync(arm, loop, new ReturnParameters(mean, shape, churn, quick), Path.Combine(scratchFolder, $"point-{points.Count + 1}"), cancellationToken);
                        points.Add(point);
                        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                            $"[{points.Count}/{total}] {point.Parameters}: distance {point.Distance:F4} (D1 {point.Simulated.ExactDayRates[0]:P1}, D7 {point.Simulated.ExactDayRates[6]:P1}, D30 {point.Simulated.ExactDayRates[29]:P1})"));
                    }
                }
            }
        }
        return [.. points.OrderBy(p => p.Distance)];
    }

    public async Task<CalibrationPoint> EvaluateAsync(ExperimentArm arm, ClosedLoopOptions loop, ReturnParameters parameters, string folder, CancellationToken cancellationToken)
    {
        var model = parameters.ApplyTo(baseModel);
        try
        {
            var result = await new ArmRunner(world, model, modelFolder: null).RunAsync(arm, loop, folder, progress: null, cancellationToken);
            var simulated = new ReturnDistribution([.. result.ExactDayRates.Select(r => r ?? throw new InvalidOperationException("calibration needs every cohort to reach day 30: --days must exceed --arrival-days by at least 30"))]);
            return new CalibrationPoint(parameters, simulated.DistanceTo(Real), simulated, result.SessionsPerUser);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
