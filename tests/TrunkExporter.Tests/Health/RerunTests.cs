using TrunkExporter.Health;
using TrunkExporter.Tests.Support;

namespace TrunkExporter.Tests.Health;

/// <summary>
/// What the runbooks tell a responder about re-runs (contract section 1.5: every attempt counts): re-running a
/// failed job on a trunk commit, even successfully, ends nothing; only a newer commit on which the job passes does.
/// </summary>
public sealed class RerunTests
{
    [Fact]
    public void A_failed_then_passed_job_keeps_its_commit_failing_and_the_streak_unchanged()
    {
        var before = TrunkHealthCalculator.Calculate(TrunkBuilder.Timeline("F F F"), ScopeSettings.Default);
        var afterRerun = TrunkHealthCalculator.Calculate(TrunkBuilder.Timeline("F>S F F"), ScopeSettings.Default);

        Assert.Equal(3, Assert.Single(before.Jobs).Streak);
        Assert.Equal(3, Assert.Single(afterRerun.Jobs).Streak);
        var newest = afterRerun.Commits[0];
        Assert.Equal((1, CommitVerdict.Broken), (newest.FailingJobs, newest.Verdict));
        Assert.Equal(3, afterRerun.ConsecutiveBrokenCommits);
    }

    [Fact]
    public void Rerunning_every_commit_of_the_streak_green_still_ends_nothing()
    {
        var health = TrunkHealthCalculator.Calculate(TrunkBuilder.Timeline("F>S F>S F>S"), ScopeSettings.Default);

        Assert.Equal(3, Assert.Single(health.Jobs).Streak);
        Assert.All(health.Commits, commit => Assert.Equal(CommitVerdict.Broken, commit.Verdict));
    }

    [Fact]
    public void Only_a_new_commit_on_which_the_job_passes_ends_the_streak()
    {
        var health = TrunkHealthCalculator.Calculate(TrunkBuilder.Timeline("S F>S F F"), ScopeSettings.Default);

        Assert.Equal(0, Assert.Single(health.Jobs).Streak);
        Assert.Equal((0, CommitVerdict.Green), (health.Commits[0].FailingJobs, health.Commits[0].Verdict));
        Assert.Equal(0, health.ConsecutiveBrokenCommits);
    }
}
