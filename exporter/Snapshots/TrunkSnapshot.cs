namespace TrunkExporter.Snapshots;

/// <summary>What is known about one branch at one moment (contract section 6). Commits are newest first.</summary>
internal sealed record TrunkSnapshot(
    string Repo,
    string Branch,
    DateTimeOffset CapturedAt,
    IReadOnlyList<SnapshotCommit> Commits)
{
    public const int CurrentVersion = 1;
}
