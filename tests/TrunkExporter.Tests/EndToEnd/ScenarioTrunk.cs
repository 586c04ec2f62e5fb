using TrunkExporter.Snapshots;

namespace TrunkExporter.Tests.EndToEnd;

/// <summary>
/// A trunk that grows commit by commit, as the end-to-end scenario scripts it: ten logical jobs of
/// two shards each; a new commit fails the jobs it names. Older commits keep their shas.
/// </summary>
internal sealed class ScenarioTrunk(string file)
{
    public const int Jobs = 10;

    private readonly List<int> _failingPerCommit = [];

    public static string JobName(int job) => $"linux-jammy-py3.10-gcc11-cfg{job} / test (default, linux.4xlarge)";

    /// <summary>Adds a commit on which the first <paramref name="failingJobs"/> jobs fail, and publishes the file.</summary>
    public void Push(int failingJobs)
    {
        _failingPerCommit.Add(failingJobs);
        Write();
    }

    public void PushMany(int commits, int failingJobs)
    {
        for (var i = 0; i < commits; i++)
        {
            _failingPerCommit.Add(failingJobs);
        }

        Write();
    }

    private void Write()
    {
        var newest = new DateTimeOffset(2026, 11, 18, 12, 0, 0, TimeSpan.Zero);
        var commits = _failingPerCommit
            .Select((failing, index) => (failing, index))
            .Reverse()
            .Select((commit, age) => new SnapshotCommit(
                $"{commit.index:x4}".PadLeft(40, 'c'),
                newest.AddMinutes(-10 * age),
                [.. Enumerable.Range(0, Jobs).SelectMany(job => Runs(job, commit.failing))],
                $"Change {commit.index} (#{5000 + commit.index})",
                "octocat",
                5000 + commit.index))
            .ToArray();
        SnapshotWriter.WriteFile(new TrunkSnapshot("pytorch/pytorch", "main", newest, commits), file);

        // The exporter re-reads on a change of size or modification time; make the change visible at once.
        File.SetLastWriteTimeUtc(file, DateTime.UtcNow);
    }

    private static IEnumerable<SnapshotJob> Runs(int job, int failing)
    {
        for (var shard = 1; shard <= 2; shard++)
        {
            var name = $"linux-jammy-py3.10-gcc11-cfg{job} / test (default, {shard}, 2, linux.4xlarge)";
            yield return new SnapshotJob("pull", name, "completed", job < failing && shard == 1 ? "failure" : "success");
        }
    }
}
