using TrunkExporter.Snapshots;

namespace TrunkExporter.Tests.GitHub;

internal static class SnapshotAssert
{
    /// <summary>Same commits in the same order with the same facts, and the same job runs on each (in any order).</summary>
    public static void Equivalent(TrunkSnapshot expected, TrunkSnapshot actual)
    {
        Assert.Equal(expected.Repo, actual.Repo);
        Assert.Equal(expected.Branch, actual.Branch);
        Assert.Equal(expected.Commits.Select(Describe), actual.Commits.Select(Describe));
        for (var i = 0; i < expected.Commits.Count; i++)
        {
            Assert.Equal(Jobs(expected.Commits[i]), Jobs(actual.Commits[i]));
        }
    }

    private static string Describe(SnapshotCommit commit) => $"{commit.Sha} {commit.Time:O} {commit.Title} {commit.Author} {commit.Pr}";

    private static string[] Jobs(SnapshotCommit commit) =>
        [.. commit.Jobs.Select(job => $"{job.Workflow}|{job.Name}|{job.Status}|{job.Conclusion}|{job.Attempt}").Order(StringComparer.Ordinal)];
}
