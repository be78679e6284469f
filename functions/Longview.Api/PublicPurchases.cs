namespace Longview.Api;

/// <summary>The user's purchases: how many, money spent (the deployment's currency), first and last, and on how many UTC days.</summary>
public sealed record PublicPurchases(long Count, double Total, DateTimeOffset? First, DateTimeOffset? Last, int PurchaseDays);
