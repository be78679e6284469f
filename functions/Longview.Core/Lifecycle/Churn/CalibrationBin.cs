namespace Longview.Core.Lifecycle.Churn;

/// <summary>One bin of a calibration table: how many users, their mean predicted risk, and the share that churned.</summary>
public sealed record CalibrationBin(int Users, double MeanPredicted, double ObservedRate);
