using TrunkExporter.Health;
using TrunkExporter.Tests.Support;

namespace TrunkExporter.Tests.Health;

/// <summary>
/// Issue 14, item 4: the culprit is a range, from the job's last pass (exclusive) to its streak's first
/// failure (inclusive), with every commit between them that has no result for the job.
/// </summary>
public sealed class CulpritRangeTests
{
    [Theory]
    // Timeline newest first; range = commit indexes newest first; green = index of the last pass, -1 when the window ends first.
    // The case: a red commit, two commits without CI, a green commit.
    [InlineData("F - - S", "0 1 2", 3)]
    [InlineData("F S", "0", 1)]
    [InlineData("F F F S", "2", 3)]
    // Pending and cancelled results hide a culprit just as missing CI does.
    [InlineData("F P C S", "0 1 2", 3)]
    // A gap inside the streak is not part of the range; the gap below its first failure is.
    [InlineData("F F - F - S", "3 4", 5)]
    [InlineData("P F - F F - - S F", "4 5 6", 7)]
    // No pass in the window: the range runs to the window's end and may go on.
    [InlineData("F F F", "2", -1)]
    [InlineData("F - -", "0 1 2", -1)]
    public void The_range_runs_from_the_first_failure_down_to_the_last_pass_exclusive(string timeline, string range, int green)
    {
        var health = TrunkHealthCalculator.Calculate(TrunkBuilder.Timeline(timeline), ScopeSettings.Default);

        var job = Assert.Single(health.Jobs);
        var culprits = Assert.IsType<CulpritRange>(job.Culprits);
        Assert.Equal(range.Split(' ').Select(index => TrunkBuilder.Sha(int.Parse(index, System.Globalization.CultureInfo.InvariantCulture))), culprits.Commits.Select(commit => commit.Sha));
        Assert.Equal(green < 0 ? null : TrunkBuilder.Sha(green), culprits.LastGreenSha);
        Assert.Equal(job.CulpritSha, culprits.FirstFailing.Sha);
        Assert.Equal(culprits.Commits.Count == 1 && green >= 0, culprits.IsSingleCommit);
    }

    [Fact]
    public void The_range_carries_each_commits_pr_and_title()
    {
        var health = TrunkHealthCalculator.Calculate(TrunkBuilder.Timeline("F - - S"), ScopeSettings.Default);

        var culprits = Assert.Single(health.Jobs).Culprits!;
        Assert.Equal([1000L, 999L, 998L], culprits.Commits.Select(commit => commit.Pr!.Value));
        Assert.Equal("Commit 1 (#999)", culprits.Commits[1].Title);
    }

    [Theory]
    [InlineData("S F F")]
    [InlineData("P - C")]
    public void A_job_without_a_streak_has_no_range(string timeline)
    {
        var job = Assert.Single(TrunkHealthCalculator.Calculate(TrunkBuilder.Timeline(timeline), ScopeSettings.Default).Jobs);

        Assert.Null(job.Culprits);
    }

    [Fact]
    public void The_newest_failing_run_gives_the_log_link()
    {
        // Commit 0 pending, commit 1 failed on a re-run (attempt 2's log), commit 2 failed on attempt 1.
        var health = TrunkHealthCalculator.Calculate(TrunkBuilder.Timeline("P S>F F"), ScopeSettings.Default);

        Assert.Equal("https://github.com/pytorch/pytorch/actions/runs/1/job/2", Assert.Single(health.Jobs).LastFailureUrl);
    }
}
