namespace Longview.Local.Import;

/// <summary>Where an import stands: lines read so far of the current file and what ingestion made of them.</summary>
public sealed record ImportProgress(string Stage, long Lines, long TotalBytes, long BytesRead, long Accepted, long Duplicates, long Rejected);
