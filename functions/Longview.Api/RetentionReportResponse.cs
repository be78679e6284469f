namespace Longview.Api;

/// <summary>
/// The JSON answer of GET /api/retention/{kind}, as <see cref="RetentionEndpoint"/> writes it (it splices the stored
/// rows in as they are, so this type only describes the shape for the OpenAPI document): the report's kind, as-of
/// day, whether it was stored or computed on demand, when it was computed, and the kind's rows.
/// </summary>
public sealed record RetentionReportResponse<TRow>(string Kind, DateOnly AsOf, string Source, DateTimeOffset ComputedAt, IReadOnlyList<TRow> Rows);
