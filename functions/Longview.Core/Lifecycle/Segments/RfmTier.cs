namespace Longview.Core.Lifecycle.Segments;

/// <summary>
/// Named RFM tiers from the recency (R) and frequency (F) scores, the grid CRM tools use:
/// champions R 4–5 F 4–5; loyal R 3 F 4–5 (or R 4–5 F 3); new R 5 F 1; promising R 4–5 F 1–2;
/// needs attention R 3 F 1–3; at risk R 1–2 F 3–4; can't lose R 1–2 F 5; hibernating R 1–2 F 1–2.
/// Monetary refines within a tier (ranking by value at risk), it does not move users between tiers.
/// </summary>
public enum RfmTier
{
    Champions,
    Loyal,
    New,
    Promising,
    NeedsAttention,
    AtRisk,
    CantLose,
    Hibernating,
}
