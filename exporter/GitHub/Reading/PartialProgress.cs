using TrunkExporter.Snapshots;

namespace TrunkExporter.GitHub.Reading;

/// <summary>
/// Which commits of a parallel read are complete, and the one partial state it publishes: the newest
/// commits without a gap, once there are at least <see cref="GitHubTrunkReader.PartialCommits"/> of
/// them and the read is still going (a refresh that reads only a few commits publishes no partial
/// state). A streak in it is a lower bound: older commits may extend it.
/// </summary>
internal sealed class PartialProgress(string repo, string branch, SnapshotCommit?[] commits, Action<TrunkSnapshot>? partial, TimeProvider time)
{
    private readonly Lock _lock = new();
    private int _complete;
    private bool _published;
    private bool _reading;

    /// <summary>A commit is being read from GitHub (not only from the cache).</summary>
    public void Reading() => Volatile.Write(ref _reading, true);

    public void Complete(int index, SnapshotCommit commit)
    {
        TrunkSnapshot? first = null;
        lock (_lock)
        {
            commits[index] = commit;
            while (_complete < commits.Length && commits[_complete] is not null)
            {
                _complete++;
            }

            if (partial is not null && !_published && _reading && _complete >= GitHubTrunkReader.PartialCommits && _complete < commits.Length)
            {
                _published = true;
                first = new TrunkSnapshot(repo, branch, time.GetUtcNow(), [.. commits.Take(_complete).Select(item => item!)]);
            }
        }

        if (first is not null)
        {
            partial!(first);
        }
    }
}
