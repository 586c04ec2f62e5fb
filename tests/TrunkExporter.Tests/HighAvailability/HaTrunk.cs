using TrunkExporter.FakeGitHub;
using TrunkExporter.Snapshots;

namespace TrunkExporter.Tests.HighAvailability;

/// <summary>
/// One repository's trunk in the fake GitHub that both exporter replicas read: ten logical jobs of
/// two shards each; every pushed commit fails the first N jobs (shard 1 of each) and passes the rest.
/// Each scenario has its own repository, so its alert groups are its own.
/// </summary>
internal sealed class HaTrunk(FakeGitHubServer github, string repo)
{
    private const int Jobs = 10;

    private int _pushed;

    public string Repo => repo;

    /// <summary>The trunk before the scenario starts: five green commits, the newest just now.</summary>
    public static TrunkSnapshot Green(string repo, DateTimeOffset now) => new(
        repo,
        "main",
        now,
        [.. Enumerable.Range(0, 5).Select(age => Commit(-1 - age, failingJobs: 0, now.AddMinutes(-10 * age)))]);

    /// <summary>Pushes <paramref name="commits"/> commits on which the first <paramref name="failingJobs"/> jobs fail, all finished.</summary>
    public void Push(int commits, int failingJobs)
    {
        for (var i = 0; i < commits; i++)
        {
            github.Change(repo, (repository, now) => repository.Push(Commit(_pushed++, failingJobs, now), now));
        }
    }

    private static SnapshotCommit Commit(int index, int failingJobs, DateTimeOffset time) => new(
        $"{index + 1000:x4}".PadLeft(40, 'd'),
        time,
        [.. Enumerable.Range(0, Jobs).SelectMany(job => Runs(job, failingJobs))],
        $"Change {index}",
        "octocat",
        6000 + index);

    private static IEnumerable<SnapshotJob> Runs(int job, int failingJobs)
    {
        for (var shard = 1; shard <= 2; shard++)
        {
            var name = $"linux-jammy-py3.10-gcc11-cfg{job} / test (default, {shard}, 2, linux.4xlarge)";
            yield return new SnapshotJob("pull", name, "completed", job < failingJobs && shard == 1 ? "failure" : "success");
        }
    }
}
