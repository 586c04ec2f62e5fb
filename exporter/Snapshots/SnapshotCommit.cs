namespace TrunkExporter.Snapshots;

internal sealed record SnapshotCommit(
    string Sha,
    DateTimeOffset Time,
    IReadOnlyList<SnapshotJob> Jobs,
    string? Title = null,
    string? Author = null,
    long? Pr = null);
