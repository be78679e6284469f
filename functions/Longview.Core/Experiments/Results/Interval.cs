namespace Longview.Core.Experiments.Results;

/// <summary>A difference (treatment minus control) with its standard error and 95% confidence interval.</summary>
public sealed record Interval(double Difference, double StandardError, double Lower, double Upper)
{
    /// <summary>True when the interval excludes zero.</summary>
    public bool Significant => Lower > 0 || Upper < 0;
}
