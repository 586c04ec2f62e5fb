using System.Collections.Frozen;
using TrunkExporter.Health;
using TrunkExporter.Snapshots;
using TrunkExporter.Tests.Support;

namespace TrunkExporter.Tests.Health;

/// <summary>Contract section 1: which runs count and how shards fold.</summary>
public sealed class ScopeTests
{
    [Theory]
    [InlineData("pull", true)]
    [InlineData("trunk", true)]
    [InlineData("docs-build", true)]
    [InlineData("linux-binary-manywheel", true)]
    [InlineData("linux-binary-libtorch-release", true)]
    [InlineData("pull-request", false)]
    [InlineData("Pull", false)]
    [InlineData("inductor", false)]
    [InlineData("periodic", false)]
    [InlineData("my-trunk", false)]
    [InlineData("windows-binary-wheel", false)]
    public void The_default_workflow_filter_is_the_reference_alerts(string workflow, bool inScope)
    {
        Assert.Equal(inScope, new JobClassifier(ScopeSettings.Default).Classify(workflow, "x / build") is not null);
    }

    [Theory]
    [InlineData("linux-jammy-py3.10-gcc11 / test (rerun_disabled_tests, 1, 2, linux.2xlarge)")]
    [InlineData("linux-jammy-py3.10-gcc11 / test (default, 1, 3, linux.2xlarge, unstable)")]
    [InlineData("linux-jammy-py3.10-gcc11 / test (mem_leak_check, 2, 4, linux.4xlarge)")]
    public void Jobs_named_with_an_excluded_part_are_out_of_scope(string name)
    {
        Assert.Null(new JobClassifier(ScopeSettings.Default).Classify("pull", name));
    }

    [Theory]
    [InlineData("linux-jammy-py3.10-gcc11 / test (default, 1, 5, linux.4xlarge)", "linux-jammy-py3.10-gcc11 / test (default, linux.4xlarge)")]
    [InlineData("linux-jammy-py3.10-gcc11 / test (default, 5, 5, linux.4xlarge)", "linux-jammy-py3.10-gcc11 / test (default, linux.4xlarge)")]
    [InlineData("win-vs2022-cpu-py3 / test (default,2 ,  3, windows.4xlarge.nonephemeral)", "win-vs2022-cpu-py3 / test (default, windows.4xlarge.nonephemeral)")]
    [InlineData("linux-jammy-py3.10-gcc11 / build", "linux-jammy-py3.10-gcc11 / build")]
    [InlineData("docs (python, 1, 1)", "docs (python)")]
    [InlineData("a (x, 1, 2) / b (y, 3, 4, z)", "a (x) / b (y, z)")]
    public void Shards_fold_into_one_job_group(string name, string group)
    {
        Assert.Equal(new LogicalJob("trunk", group), new JobClassifier(ScopeSettings.Default).Classify("trunk", name));
    }

    /// <summary>
    /// The default pattern itself, case by case: each row fails for a plausible slip in it (\d for \d+, a literal space
    /// for \s*, a missing leading comma, folding one number or three).
    /// </summary>
    [Theory]
    [InlineData("x / test (default, 10, 12, linux.4xlarge)", "x / test (default, linux.4xlarge)")]
    [InlineData("x / test (default, 01, 05, linux.4xlarge)", "x / test (default, linux.4xlarge)")]
    [InlineData("x / test (default,1,5,linux)", "x / test (default,linux)")]
    [InlineData("x / test (default,  1,\t2, linux)", "x / test (default, linux)")]
    [InlineData("x / test (default, 1, 5)", "x / test (default)")]
    [InlineData("x / test (default, 1, 2, 3, linux)", "x / test (default, 3, linux)")]
    [InlineData("x / test (1, 5)", "x / test (1, 5)")]
    [InlineData("x / test (default, 1, linux.4xlarge)", "x / test (default, 1, linux.4xlarge)")]
    [InlineData("x / build (py3.10, 3.11)", "x / build (py3.10, 3.11)")]
    [InlineData("x / test (default, a, b, linux)", "x / test (default, a, b, linux)")]
    [InlineData("linux-jammy-cuda12.8-py3.10-gcc11 / test (default, 3, 5, lf.linux.g6.4xlarge.experimental.nvidia.gpu)", "linux-jammy-cuda12.8-py3.10-gcc11 / test (default, lf.linux.g6.4xlarge.experimental.nvidia.gpu)")]
    [InlineData("a (x, 1, 2) / b (y, 3, 4, z) / c (w, 5, 6)", "a (x) / b (y, z) / c (w)")]
    public void The_default_shard_pattern_removes_exactly_the_shard_numbers(string name, string folded) =>
        Assert.Equal(folded, ScopeSettings.Compile(ScopeSettings.DefaultShardPattern).Replace(name, string.Empty));

    [Fact]
    public void Only_out_of_scope_jobs_make_no_series_and_unknown_commits()
    {
        var snapshot = TrunkBuilder.Snapshot(
            [TrunkBuilder.Run("inductor", "cuda / test (inductor, 1, 2, linux.g5)", 'F'), TrunkBuilder.Run("pull", "x / test (unstable, 1, 1, l)", 'F')],
            [TrunkBuilder.Run("periodic", "y / build", 'F')]);

        var health = TrunkHealthCalculator.Calculate(snapshot, ScopeSettings.Default);

        Assert.Empty(health.Jobs);
        Assert.All(health.Commits, commit => Assert.Equal(new { HasData = false, FailingJobs = 0, Verdict = CommitVerdict.Unknown }, new { commit.HasData, commit.FailingJobs, commit.Verdict }));
        Assert.Equal(0, health.ConsecutiveBrokenCommits);
    }

    [Fact]
    public void The_same_job_name_in_two_workflows_is_two_logical_jobs()
    {
        var snapshot = TrunkBuilder.Snapshot([TrunkBuilder.Run("pull", "x / build", 'F'), TrunkBuilder.Run("trunk", "x / build", 'S')]);

        var jobs = TrunkHealthCalculator.Calculate(snapshot, ScopeSettings.Default).Jobs;

        Assert.Equal([("pull", 1), ("trunk", 0)], jobs.Select(job => (job.Job.Workflow, job.Streak)));
    }

    [Fact]
    public void Conclusion_sets_are_configurable_per_repository()
    {
        var scope = ScopeSettings.Default with
        {
            FailureConclusions = new[] { "failure", "timed_out" }.ToFrozenSet(),
            SuccessConclusions = new[] { "success", "skipped" }.ToFrozenSet(),
        };
        var snapshot = TrunkBuilder.Snapshot(
            [new SnapshotJob("pull", "x / build", "completed", "timed_out")],
            [new SnapshotJob("pull", "x / build", "completed", "failure")],
            [new SnapshotJob("pull", "x / build", "completed", "skipped")]);

        Assert.Equal(2, Assert.Single(TrunkHealthCalculator.Calculate(snapshot, scope).Jobs).Streak);
        Assert.Equal(1, Assert.Single(TrunkHealthCalculator.Calculate(snapshot, ScopeSettings.Default).Jobs).Streak);
    }

    [Fact]
    public void Workflow_pattern_exclusions_and_shard_pattern_are_configurable()
    {
        var scope = ScopeSettings.Default with
        {
            WorkflowPattern = ScopeSettings.Compile("^ci$"),
            ExcludedNameParts = ["flaky"],
            ShardPattern = ScopeSettings.Compile(@"\s*\[\d+/\d+\]"),
        };
        var snapshot = TrunkBuilder.Snapshot(
            [TrunkBuilder.Run("ci", "tests [1/2]", 'F'), TrunkBuilder.Run("ci", "tests [2/2]", 'S'), TrunkBuilder.Run("ci", "flaky tests", 'F'), TrunkBuilder.Run("pull", "tests", 'F')]);

        var job = Assert.Single(TrunkHealthCalculator.Calculate(snapshot, scope).Jobs);

        Assert.Equal((new LogicalJob("ci", "tests"), 1), (job.Job, job.Streak));
    }
}
