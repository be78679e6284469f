namespace Longview.Api;

/// <summary>The 202 answer of POST /api/retention/runs.</summary>
public sealed record RetentionRunAccepted(string InstanceId);
