namespace TrunkExporter.Samples;

/// <summary>
/// One logical job of the sample trunk and the job runs it expands to on every commit (one per shard).
/// </summary>
/// <param name="LogicalName">The name once shards are folded, as contract section 1.3 computes it.</param>
/// <param name="Flakiness">Chance that the job fails once on an older commit and recovers on the next.</param>
/// <param name="Scheduled">Runs on a schedule (periodic), so only some commits have it.</param>
internal sealed record SampleJobDefinition(
    string Workflow,
    string LogicalName,
    IReadOnlyList<string> RunNames,
    JobPace Pace,
    double Flakiness,
    bool Scheduled = false);
