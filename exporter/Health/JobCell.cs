namespace TrunkExporter.Health;

/// <summary>One logical job on one commit: the merged outcome (contract section 2) and the log of a run that decided it.</summary>
/// <param name="Url">A failing run's log for a failure, else the log of a run with the merged outcome; null when the source has none.</param>
internal readonly record struct JobCell(JobOutcome Outcome, string? Url);
