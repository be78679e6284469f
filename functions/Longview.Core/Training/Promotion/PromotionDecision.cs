namespace Longview.Core.Training.Promotion;

/// <summary>Whether the candidate should replace the champion, and why (the reason goes into the run record).</summary>
public sealed record PromotionDecision(bool Promote, string Reason);
