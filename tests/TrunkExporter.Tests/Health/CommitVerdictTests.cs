using TrunkExporter.Health;
using TrunkExporter.Snapshots;
using TrunkExporter.Tests.Support;

namespace TrunkExporter.Tests.Health;

/// <summary>Contract sections 2 and 4: merging runs, commit verdicts and consecutive broken commits.</summary>
public sealed class CommitVerdictTests
{
    private static IReadOnlyList<SnapshotJob> Jobs(params string[] cells) => cells
        .SelectMany((cell, job) => TrunkBuilder.JobRuns("trunk", $"job{job} / test (default, {{0}}, 3, linux)", cell))
        .ToArray();

    [Theory]
    [InlineData(new[] { "F", "S" }, 1, "Broken")]
    [InlineData(new[] { "FS", "FP", "F>S" }, 3, "Broken")]
    [InlineData(new[] { "F", "P" }, 1, "Broken")]
    [InlineData(new[] { "S", "SS", "S>S" }, 0, "Green")]
    [InlineData(new[] { "S", "P" }, 0, "Unknown")]
    [InlineData(new[] { "S", "SP" }, 0, "Unknown")]
    [InlineData(new[] { "S", "C" }, 0, "Green")]
    [InlineData(new[] { "C", "C" }, 0, "Unknown")]
    [InlineData(new[] { "P" }, 0, "Unknown")]
    [InlineData(new string[0], 0, "Unknown")]
    public void A_commit_is_broken_green_or_unknown(string[] cells, int failingJobs, string verdict)
    {
        var commit = Assert.Single(TrunkHealthCalculator.Calculate(TrunkBuilder.Snapshot(Jobs(cells)), ScopeSettings.Default).Commits);

        Assert.Equal((failingJobs, Enum.Parse<CommitVerdict>(verdict), cells.Length > 0), (commit.FailingJobs, commit.Verdict, commit.HasData));
    }

    [Theory]
    [InlineData("B B B G B", 3)]
    [InlineData("U B U B G B B", 2)]
    [InlineData("G B B", 0)]
    [InlineData("U U", 0)]
    [InlineData("B B B", 3)]
    [InlineData("U B U", 1)]
    public void Consecutive_broken_commits_skip_unknown_ones_and_stop_at_the_first_green(string verdicts, int expected)
    {
        var commits = verdicts.Split(' ').Select(verdict => verdict switch
        {
            "B" => Jobs("F", "S"),
            "G" => Jobs("S", "S"),
            _ => Jobs("S", "P"),
        }).ToArray();

        var health = TrunkHealthCalculator.Calculate(TrunkBuilder.Snapshot(commits), ScopeSettings.Default);

        Assert.Equal(expected, health.ConsecutiveBrokenCommits);
    }

    [Fact]
    public void Commits_keep_the_branch_order_not_their_timestamps()
    {
        var snapshot = TrunkBuilder.Timeline("F S");
        snapshot = snapshot with { Commits = [snapshot.Commits[0] with { Time = TrunkBuilder.Time(5) }, snapshot.Commits[1]] };

        var health = TrunkHealthCalculator.Calculate(snapshot, ScopeSettings.Default);

        Assert.Equal([TrunkBuilder.Sha(0), TrunkBuilder.Sha(1)], health.Commits.Select(commit => commit.Sha));
        Assert.Equal(1, Assert.Single(health.Jobs).Streak);
    }
}
