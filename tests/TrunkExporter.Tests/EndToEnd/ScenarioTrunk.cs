using TrunkExporter.FakeGitHub;
using TrunkExporter.Snapshots;

namespace TrunkExporter.Tests.EndToEnd;

/// <summary>
/// The trunk of the end-to-end scenario, served by the fake GitHub: ten logical jobs of two shards
/// each; every pushed commit fails the first N jobs (shard 1 of each) and passes the rest.
/// </summary>
internal sealed class ScenarioTrunk(FakeGitHubServer github)
{
    public const string Repo = "pytorch/pytorch";
    public const int Jobs = 10;

    private int _pushed;

    /// <summary>The trunk before the scenario starts: <paramref name="commits"/> green commits, the newest just now.</summary>
    public static TrunkSnapshot Green(int commits, DateTimeOffset now) => new(
        Repo,
        "main",
        now,
        [.. Enumerable.Range(0, commits).Select(age => Commit(-1 - age, failingJobs: 0, now.AddMinutes(-10 * age)))]);

    /// <summary>Pushes a commit on which the first <paramref name="failingJobs"/> jobs fail, with all of its jobs finished.</summary>
    public void Push(int failingJobs) =>
        github.Change(Repo, (repository, now) => repository.Push(Commit(_pushed++, failingJobs, now), now));

    public void PushMany(int commits, int failingJobs)
    {
        for (var i = 0; i < commits; i++)
        {
            Push(failingJobs);
        }
    }

    private static SnapshotCommit Commit(int index, int failingJobs, DateTimeOffset time) => new(
        $"{index + 1000:x4}".PadLeft(40, 'c'),
        time,
        [.. Enumerable.Range(0, Jobs).SelectMany(job => Runs(job, failingJobs))],
        $"Change {index}",
        "octocat",
        5000 + index);

    private static IEnumerable<SnapshotJob> Runs(int job, int failingJobs)
    {
        for (var shard = 1; shard <= 2; shard++)
        {
            var name = $"linux-jammy-py3.10-gcc11-cfg{job} / test (default, {shard}, 2, linux.4xlarge)";
            yield return new SnapshotJob("pull", name, "completed", job < failingJobs && shard == 1 ? "failure" : "success");
        }
    }
}
