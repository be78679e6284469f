using System.Globalization;
using Longview.Core.Simulation.ClosedLoop;

namespace Longview.Local.Experiments;

/// <summary>One point of the calibration grid and how far its simulated return days are from the real ones.</summary>
public sealed record CalibrationPoint(double ReturnRateMean, double ReturnRateShape, double ChurnPerSession, double Distance, ReturnDistribution Simulated, double SessionsPerUser);

/// <summary>
/// Fits the return process (<see cref="UserModelOptions.ReturnRateMean"/>, <see cref="UserModelOptions.ReturnRateShape"/>,
/// <see cref="UserModelOptions.ChurnPerSession"/>) by grid search: each point runs the popularity arm (the real
/// service's fallback path) on the same seeded population and compares its exact-day retention D1..D30 with the real
/// dataset's (<see cref="ReturnDistribution.DistanceTo"/>). Everything else of the user model stays as given.
/// </summary>
public sealed class ReturnCalibrator(ExperimentWorld world, UserModelOptions baseModel, TextWriter log)
{
    public static IReadOnlyList<double> RateMeans { get; } = [0.05, 0.1, 0.2, 0.4];

    public static IReadOnlyList<double> RateShapes { get; } = [0.25, 0.5, 1];

    public static IReadOnlyList<double> Churns { get; } = [0.2, 0.4, 0.6];

    public ReturnDistribution Real { get; } = ReturnDistribution.FromActivities(world.RealActivity);

    public async Task<IReadOnlyList<CalibrationPoint>> SearchAsync(ClosedLoopOptions loop, string scratchFolder, CancellationToken cancellationToken)
    {
        var points = new List<CalibrationPoint>();
        var arm = ExperimentArm.Find("popularity")!;
        var total = RateMeans.Count * RateShapes.Count * Churns.Count;
        foreach (var mean in RateMeans)
        {
            foreach (var shape in RateShapes)
            {
                foreach (var churn in Churns)
                {
                    var point = await EvaluateAsync(arm, loop, mean, shape, churn, Path.Combine(scratchFolder, $"point-{points.Count + 1}"), cancellationToken);
                    points.Add(point);
                    await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"[{points.Count}/{total}] rate mean {mean}, shape {shape}, churn {churn}: distance {point.Distance:F4} (D1 {point.Simulated.ExactDayRates[0]:P1}, D7 {point.Simulated.ExactDayRates[6]:P1}, D30 {point.Simulated.ExactDayRates[29]:P1})"));
                }
            }
        }
        return [.. points.OrderBy(p => p.Distance)];
    }

    public async Task<CalibrationPoint> EvaluateAsync(ExperimentArm arm, ClosedLoopOptions loop, double mean, double shape, double churn, string folder, CancellationToken cancellationToken)
    {
        var model = baseModel.Clone();
        model.ReturnRateMean = mean;
        model.ReturnRateShape = shape;
        model.ChurnPerSession = churn;
        try
        {
            var result = await new ArmRunner(world, model, modelFolder: null).RunAsync(arm, loop, folder, progress: null, cancellationToken);
            var simulated = new ReturnDistribution(result.ExactDayRates);
            return new CalibrationPoint(mean, shape, churn, simulated.DistanceTo(Real), simulated, result.SessionsPerUser);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
