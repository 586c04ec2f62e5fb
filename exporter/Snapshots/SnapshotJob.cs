namespace TrunkExporter.Snapshots;

/// <summary>One run of one job on one commit; status and conclusion are GitHub's own strings.</summary>
internal sealed record SnapshotJob(
    string Workflow,
    string Name,
    string Status,
    string? Conclusion = null,
    int Attempt = 1,
    string? Url = null);
