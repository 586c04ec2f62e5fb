namespace TrunkExporter.Health;

/// <summary>The trunk state of one branch: everything the trunk metrics and the HUD page are rendered from.</summary>
/// <param name="Jobs">Every logical job seen in the window, ordered by workflow then job name.</param>
/// <param name="Commits">Every commit of the window, newest first.</param>
/// <param name="Grid">The merged outcome of every job that failed in the window, on every commit.</param>
internal sealed record TrunkHealth(
    string Repo,
    string Branch,
    int WindowCommits,
    int ConsecutiveBrokenCommits,
    IReadOnlyList<JobStreak> Jobs,
    IReadOnlyList<CommitHealth> Commits,
    JobGrid Grid);
