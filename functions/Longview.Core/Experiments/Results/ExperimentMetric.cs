namespace Longview.Core.Experiments.Results;

/// <summary>
/// The metrics of a readout, per exposed user. Return and the 7-day metrics count only users whose window has ended
/// (exposure day + N before today). Clicks, impressions and value count since the first exposure.
/// </summary>
public enum ExperimentMetric
{
    /// <summary>Active on the day after the first exposure.</summary>
    ReturnD1,

    /// <summary>Active on at least one of the 7 days after the exposure day.</summary>
    ReturnD7,

    /// <summary>Active on at least one of the 30 days after the exposure day.</summary>
    ReturnD30,

    /// <summary>Active on any day after the exposure day up to yesterday (a win-back campaign's reactivation rate).</summary>
    Reactivated,

    /// <summary>Active days among the 7 days after the exposure day.</summary>
    ActiveDays7d,

    /// <summary>Sessions (30-minute inactivity gaps) in the 7 days after the exposure.</summary>
    Sessions7d,

    /// <summary>Clicks since the exposure.</summary>
    ClicksPerUser,

    /// <summary>Clicks per impression since the exposure (ratio of sums over users, delta-method interval).</summary>
    Ctr,

    /// <summary>Purchase value since the exposure.</summary>
    ValuePerUser,
}
