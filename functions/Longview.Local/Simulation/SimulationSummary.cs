namespace Longview.Local.Simulation;

/// <summary>What a simulation run produced and, when ingested, what ingestion made of it.</summary>
public sealed record SimulationSummary(int Items, long Events, long Accepted, long Duplicates, long Rejected, TimeSpan Elapsed);
