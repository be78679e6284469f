namespace Longview.Local.Experiments;

/// <summary>One arm on one seeded population: retention from the arm's store (null where no cohort reached that day), and the loop's per-user totals.</summary>
public sealed record ArmSeedResult(
    string Arm,
    int Seed,
    int Users,
    double? D1,
    double? D7,
    double? D30,
    double SessionsPerUser,
    double ItemsConsumedPerUser,
    double DistinctGenresPerUser,
    double ChurnedShare,
    long Events,
    double Seconds,
    string DataFolder,
    IReadOnlyList<double?> ExactDayRates,
    IReadOnlyList<string> Retrainings);
