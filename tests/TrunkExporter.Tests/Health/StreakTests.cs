using TrunkExporter.Health;
using TrunkExporter.Snapshots;
using TrunkExporter.Tests.Support;

namespace TrunkExporter.Tests.Health;

/// <summary>Contract section 3: every worked example, then the edge cases.</summary>
public sealed class StreakTests
{
    [Theory]
    // The contract's worked examples, newest first.
    [InlineData("F F F", 3)]
    [InlineData("F F S F F F", 2)]
    [InlineData("F P F F", 3)]
    [InlineData("F - F F", 3)]
    [InlineData("C F F", 2)]
    [InlineData("FS F F", 3)]
    [InlineData("F>S F F", 3)]
    [InlineData("S F F F", 0)]
    // Edge cases.
    [InlineData("P P P", 0)]
    [InlineData("C C C", 0)]
    [InlineData("P F F F S", 3)]
    [InlineData("SF F F", 3)]
    [InlineData("PS F F", 2)]
    [InlineData("SP F F F", 3)]
    [InlineData("PF F", 2)]
    [InlineData("S>F S", 1)]
    [InlineData("- - F F F", 3)]
    [InlineData("F C P - F", 2)]
    public void Streak_follows_the_contract(string timeline, int expected)
    {
        var health = TrunkHealthCalculator.Calculate(TrunkBuilder.Timeline(timeline), ScopeSettings.Default);

        var job = Assert.Single(health.Jobs);
        Assert.Equal(new LogicalJob(TrunkBuilder.Workflow, TrunkBuilder.JobGroup), job.Job);
        Assert.Equal(expected, job.Streak);
    }

    [Fact]
    public void A_streak_reports_its_oldest_commit_as_failing_since_and_culprit_and_its_newest_as_last_failure()
    {
        // Commits 0..4: pending, F, no data, F, F, then S.
        var health = TrunkHealthCalculator.Calculate(TrunkBuilder.Timeline("P F - F F S"), ScopeSettings.Default);

        var job = Assert.Single(health.Jobs);
        Assert.Equal(3, job.Streak);
        Assert.Equal(TrunkBuilder.Time(4), job.FailingSince);
        Assert.Equal(TrunkBuilder.Time(1), job.LastFailure);
        Assert.Equal(TrunkBuilder.Sha(4), job.CulpritSha);
        Assert.Equal(996, job.CulpritPr);
    }

    [Fact]
    public void A_healthy_job_has_no_times_and_no_culprit()
    {
        var job = Assert.Single(TrunkHealthCalculator.Calculate(TrunkBuilder.Timeline("S F F"), ScopeSettings.Default).Jobs);

        Assert.Equal(new JobStreak(job.Job, 0), job);
    }

    [Fact]
    public void An_empty_window_has_no_jobs_no_commits_and_no_broken_commits()
    {
        var health = TrunkHealthCalculator.Calculate(TrunkBuilder.Snapshot(), ScopeSettings.Default);

        Assert.Empty(health.Jobs);
        Assert.Empty(health.Commits);
        Assert.Equal(0, health.WindowCommits);
        Assert.Equal(0, health.ConsecutiveBrokenCommits);
    }

    [Fact]
    public void A_job_seen_only_in_older_commits_still_has_a_series_and_a_streak()
    {
        var health = TrunkHealthCalculator.Calculate(TrunkBuilder.Timeline("- - - F F F F S"), ScopeSettings.Default);

        var job = Assert.Single(health.Jobs);
        Assert.Equal(4, job.Streak);
        Assert.Equal(TrunkBuilder.Time(3), job.LastFailure);
        Assert.Equal(TrunkBuilder.Time(6), job.FailingSince);
    }

    [Fact]
    public void The_window_cuts_the_walk_so_a_streak_is_never_longer_than_the_window()
    {
        var health = TrunkHealthCalculator.Calculate(TrunkBuilder.Timeline("F F F F F F"), ScopeSettings.Default with { Window = 4 });

        Assert.Equal(4, health.WindowCommits);
        Assert.Equal(4, Assert.Single(health.Jobs).Streak);
        Assert.Equal(4, health.Commits.Count);
    }

    [Theory]
    [InlineData("weird_new_conclusion")]
    [InlineData("timed_out")]
    [InlineData("startup_failure")]
    [InlineData("action_required")]
    [InlineData("neutral")]
    [InlineData("stale")]
    [InlineData("skipped")]
    public void Other_conclusions_are_no_data_and_neither_extend_nor_break_a_streak(string conclusion)
    {
        var snapshot = TrunkBuilder.Timeline("F F F");
        var odd = new SnapshotJob(TrunkBuilder.Workflow, "linux-jammy-py3.10-gcc11 / test (default, 1, 5, linux.4xlarge)", "completed", conclusion);
        snapshot = snapshot with { Commits = [snapshot.Commits[0] with { Jobs = [odd] }, .. snapshot.Commits.Skip(1)] };

        var job = Assert.Single(TrunkHealthCalculator.Calculate(snapshot, ScopeSettings.Default).Jobs);

        Assert.Equal(2, job.Streak);
    }

    [Fact]
    public void A_completed_run_without_a_conclusion_is_no_data()
    {
        var snapshot = TrunkBuilder.Snapshot([new SnapshotJob("pull", "a / build", "completed")], [TrunkBuilder.Run("pull", "a / build", 'F')]);

        Assert.Equal(1, Assert.Single(TrunkHealthCalculator.Calculate(snapshot, ScopeSettings.Default).Jobs).Streak);
    }

    [Theory]
    [InlineData("queued")]
    [InlineData("in_progress")]
    [InlineData("waiting")]
    [InlineData("requested")]
    [InlineData("pending")]
    [InlineData("some_future_status")]
    public void Any_status_other_than_completed_is_pending(string status)
    {
        var snapshot = TrunkBuilder.Snapshot(
            [new SnapshotJob("pull", "a / build", status, "failure")],
            [TrunkBuilder.Run("pull", "a / build", 'S')]);

        var health = TrunkHealthCalculator.Calculate(snapshot, ScopeSettings.Default);

        Assert.Equal(0, Assert.Single(health.Jobs).Streak);
        Assert.Equal(CommitVerdict.Unknown, health.Commits[0].Verdict);
    }
}
