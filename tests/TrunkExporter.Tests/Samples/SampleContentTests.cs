using System.Text.RegularExpressions;
using TrunkExporter.Snapshots;
using TrunkExporter.Tests.Support;

namespace TrunkExporter.Tests.Samples;

/// <summary>Each committed sample looks like PyTorch's trunk and exercises every rule of the contract's scope.</summary>
public sealed partial class SampleContentTests
{
    public static TheoryData<string> Samples => new() { "trunk-p2.json", "trunk-p1.json" };

    [Theory]
    [MemberData(nameof(Samples))]
    public void It_is_pytorch_main_with_at_least_50_commits_of_at_least_300_job_runs_newest_first_within_a_day(string file)
    {
        var snapshot = Load(file);

        Assert.Equal("pytorch/pytorch", snapshot.Repo);
        Assert.Equal("main", snapshot.Branch);
        Assert.Equal(DateTimeOffset.Parse("2026-11-18T15:09:00Z", System.Globalization.CultureInfo.InvariantCulture), snapshot.CapturedAt);
        Assert.True(snapshot.Commits.Count >= 50, $"{snapshot.Commits.Count} commits");
        Assert.All(snapshot.Commits, commit => Assert.True(commit.Jobs.Count >= 300, $"{commit.Sha} has {commit.Jobs.Count} job runs"));
        Assert.All(snapshot.Commits, commit => Assert.Matches(ShaPattern(), commit.Sha));
        Assert.Equal(snapshot.Commits.Count, snapshot.Commits.Select(commit => commit.Sha).Distinct().Count());
        Assert.True(snapshot.Commits.Zip(snapshot.Commits.Skip(1)).All(pair => pair.First.Time > pair.Second.Time), "commits are not newest first");
        Assert.True(snapshot.Commits[0].Time < snapshot.CapturedAt);
        Assert.True(snapshot.CapturedAt - snapshot.Commits[^1].Time < TimeSpan.FromHours(24));
        Assert.All(snapshot.Commits.Where(commit => commit.Pr is not null), commit => Assert.EndsWith($"(#{commit.Pr})", commit.Title, StringComparison.Ordinal));
        Assert.All(snapshot.Commits, commit => Assert.False(string.IsNullOrEmpty(commit.Author)));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void It_has_the_in_scope_workflows_and_the_out_of_scope_ones(string file)
    {
        var workflows = Load(file).Commits.SelectMany(commit => commit.Jobs).Select(run => run.Workflow).ToHashSet();

        Assert.Superset(new HashSet<string> { "pull", "trunk", "docs-build", "linux-binary-manywheel", "inductor", "periodic", "Lint", "rocm" }, workflows);
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void It_has_sharded_tests_that_fold_into_one_logical_job(string file)
    {
        var names = Load(file).Commits[0].Jobs.Where(run => run.Workflow == "pull").Select(run => run.Name).ToList();

        for (var shard = 1; shard <= 5; shard++)
        {
            Assert.Contains($"linux-jammy-py3.10-gcc11 / test (default, {shard}, 5, linux.4xlarge)", names);
        }
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void It_has_jobs_that_are_out_of_scope_by_name(string file)
    {
        var names = Load(file).Commits.SelectMany(commit => commit.Jobs).Where(run => run.Workflow is "pull" or "trunk").Select(run => run.Name).ToList();

        Assert.Contains(names, name => name.Contains("unstable", StringComparison.Ordinal));
        Assert.Contains(names, name => name.Contains("mem_leak_check", StringComparison.Ordinal));
        Assert.Contains(names, name => name.Contains("rerun_disabled_tests", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void It_has_a_second_attempt_that_passed_after_a_failed_first_attempt_on_the_same_commit(string file)
    {
        var reruns = Load(file).Commits
            .SelectMany(commit => commit.Jobs.Where(run => run.Attempt == 2).Select(run => (commit, run)))
            .ToList();

        Assert.NotEmpty(reruns);
        Assert.All(reruns, pair =>
        {
            Assert.Equal("success", pair.run.Conclusion);
            Assert.Contains(pair.commit.Jobs, run => run.Attempt == 1 && run.Name == pair.run.Name && run.Workflow == pair.run.Workflow && run.Conclusion == "failure");
        });
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void It_has_queued_and_running_jobs_only_on_the_newest_three_commits(string file)
    {
        var commits = Load(file).Commits;
        var pending = commits.Select(commit => commit.Jobs.Where(run => run.Status != "completed").ToList()).ToList();

        Assert.Contains(pending[0], run => run.Status == "queued");
        Assert.Contains(pending[0], run => run.Status == "in_progress");
        Assert.NotEmpty(pending[1]);
        Assert.All(pending.Skip(3), Assert.Empty);
        Assert.All(pending.SelectMany(runs => runs), run => Assert.Null(run.Conclusion));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void It_uses_github_status_and_conclusion_strings_with_cancelled_and_skipped_runs(string file)
    {
        var runs = Load(file).Commits.SelectMany(commit => commit.Jobs).ToList();

        Assert.Subset(new HashSet<string> { "completed", "queued", "in_progress" }, runs.Select(run => run.Status).ToHashSet());
        Assert.Equal(
            new HashSet<string> { "success", "failure", "cancelled", "skipped" },
            runs.Where(run => run.Conclusion is not null).Select(run => run.Conclusion!).ToHashSet());
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Every_failed_run_and_only_a_failed_run_links_to_its_job_on_github(string file)
    {
        var runs = Load(file).Commits.SelectMany(commit => commit.Jobs).ToList();

        Assert.All(runs.Where(run => run.Conclusion == "failure"), run => Assert.Matches(JobUrlPattern(), run.Url));
        Assert.All(runs.Where(run => run.Conclusion != "failure"), run => Assert.Null(run.Url));
    }

    [Fact]
    public void The_shard_streak_mixes_a_failing_shard_with_passing_shards()
    {
        var commit = Load("trunk-p2.json").Commits[2];
        var shards = commit.Jobs.Where(run => run.Workflow == "pull" && run.Name.StartsWith("linux-jammy-py3.10-gcc11 / test (default, ", StringComparison.Ordinal)).ToList();

        Assert.Equal(5, shards.Count);
        Assert.Equal("failure", Assert.Single(shards, run => run.Name.Contains(", 3, 5,", StringComparison.Ordinal)).Conclusion);
        Assert.All(shards.Where(run => !run.Name.Contains(", 3, 5,", StringComparison.Ordinal)), run => Assert.Equal("success", run.Conclusion));
    }

    internal static TrunkSnapshot Load(string file) => SnapshotReader.ReadFile(RepoPaths.InRepo("samples", file));

    [GeneratedRegex("^[0-9a-f]{40}$")]
    private static partial Regex ShaPattern();

    [GeneratedRegex(@"^https://github\.com/pytorch/pytorch/actions/runs/\d{8,}/job/\d{8,}$")]
    private static partial Regex JobUrlPattern();
}
