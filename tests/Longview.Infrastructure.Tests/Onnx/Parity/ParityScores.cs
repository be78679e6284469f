namespace Longview.Infrastructure.Tests.Onnx.Parity;

/// <summary>Item scores per parity sequence (index 0 is the padding) and churn probabilities per parity row.</summary>
public sealed record ParityScores(float[][] Scores, float[] Churn);
