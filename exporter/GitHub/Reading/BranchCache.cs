namespace TrunkExporter.GitHub.Reading;

/// <summary>
/// Everything the GitHub source remembers about one branch, in memory. It survives failed refreshes,
/// so work already paid for is not paid again; commits that leave the window are forgotten.
/// </summary>
internal sealed class BranchCache : IDisposable
{
    /// <summary>One refresh of a branch at a time (the refresh loop and the record command never overlap on it).</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);

    public CommitListCache CommitList { get; } = new();

    public Dictionary<string, CommitState> Commits { get; } = new(StringComparer.Ordinal);

    public void Dispose() => Gate.Dispose();
}
