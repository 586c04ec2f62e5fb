using TrunkExporter.Health;
using TrunkExporter.Samples;
using TrunkExporter.Snapshots;

namespace TrunkExporter.Tests.Samples;

/// <summary>What the alerts see in each sample, through the real engine with the default scope.</summary>
public sealed class SampleStreakTests
{
    private static readonly LogicalJob ShardThreeOfFive = new("pull", "linux-jammy-py3.10-gcc11 / test (default, linux.4xlarge)");
    private static readonly LogicalJob Distributed = new("trunk", "linux-jammy-cuda12.8-py3.10-gcc11 / test (distributed, linux.g4dn.12xlarge.nvidia.gpu)");
    private static readonly LogicalJob StreakOfTwo = new("pull", "linux-jammy-py3.13-clang12 / test (dynamo_wrapped, linux.2xlarge)");

    private static readonly LogicalJob[] RunnerOutage =
    [
        new("pull", "linux-jammy-cuda12.8-py3.10-gcc11-sm86 / test (default, linux.g5.4xlarge.nvidia.gpu)"),
        new("pull", "linux-jammy-cuda12.8-py3.10-gcc11-sm86 / test (dynamo_wrapped, linux.g5.4xlarge.nvidia.gpu)"),
        new("trunk", "linux-jammy-cuda12.8-py3.10-gcc11 / test (default, linux.g5.4xlarge.nvidia.gpu)"),
        new("trunk", "linux-jammy-cuda12.8-py3.10-gcc11 / test (jit_legacy, linux.g5.4xlarge.nvidia.gpu)"),
        new("trunk", "linux-jammy-cuda12.8-py3.10-gcc11-debug / test (default, linux.g5.4xlarge.nvidia.gpu)"),
    ];

    [Fact]
    public void P2_has_exactly_the_two_named_jobs_on_a_streak_of_3_or_more()
    {
        var health = Calculate(SampleContentTests.Load("trunk-p2.json"));

        Assert.Equal(
            new Dictionary<LogicalJob, int> { [ShardThreeOfFive] = 4, [Distributed] = 3 },
            Alerting(health));
        Assert.Equal(2, Streak(health, StreakOfTwo));
    }

    [Fact]
    public void P1_has_exactly_seven_jobs_on_a_streak_of_3_or_more_five_of_them_on_one_runner_type()
    {
        var health = Calculate(SampleContentTests.Load("trunk-p1.json"));

        var expected = RunnerOutage.ToDictionary(job => job, _ => 6);
        expected[ShardThreeOfFive] = 4;
        expected[Distributed] = 3;
        Assert.Equal(expected, Alerting(health));
        Assert.Equal(2, Streak(health, StreakOfTwo));
    }

    [Fact]
    public void The_runner_outage_hits_every_in_scope_job_on_that_runner_and_nothing_else()
    {
        var health = Calculate(SampleContentTests.Load("trunk-p1.json"));

        var onRunner = health.Jobs.Where(job => job.Job.JobName.Contains("linux.g5.4xlarge.nvidia.gpu", StringComparison.Ordinal)).Select(job => job.Job);
        Assert.Equal(RunnerOutage.Order(), onRunner.Order());
    }

    [Theory]
    [InlineData("trunk-p2.json")]
    [InlineData("trunk-p1.json")]
    public void The_distractors_are_failing_but_never_count(string file)
    {
        var snapshot = SampleContentTests.Load(file);
        var health = Calculate(snapshot);
        var failing = snapshot.Commits.Take(10)
            .Select(commit => commit.Jobs.Where(run => run.Conclusion == "failure").Select(run => run.Name).ToList())
            .ToList();

        foreach (var distractor in (string[])["inductor_timm", "unstable", "mem_leak_check", "rerun_disabled_tests"])
        {
            Assert.All(failing.Skip(1), names => Assert.Contains(names, name => name.Contains(distractor, StringComparison.Ordinal)));
            Assert.DoesNotContain(health.Jobs, job => job.Job.JobName.Contains(distractor, StringComparison.Ordinal));
        }

        // Flaky failures on older commits are real failures of in-scope jobs, each one on its own.
        var flaky = health.Jobs.Count(job => job.Streak == 0 && snapshot.Commits.Skip(7).Take(43).Any(commit => FailsOn(commit, job.Job)));
        Assert.True(flaky >= 5, $"only {flaky} in-scope jobs have an isolated older failure");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(42)]
    [InlineData(2026)]
    public void Noise_never_adds_a_streak_whatever_the_seed(int seed)
    {
        var p2 = Calculate(SampleTrunkGenerator.Generate(SampleScenario.P2, seed));
        var p1 = Calculate(SampleTrunkGenerator.Generate(SampleScenario.P1, seed));

        Assert.Equal(new[] { Distributed, ShardThreeOfFive }.Order(), Alerting(p2).Keys.Order());
        Assert.Equal(RunnerOutage.Append(Distributed).Append(ShardThreeOfFive).Order(), Alerting(p1).Keys.Order());
        Assert.Equal([StreakOfTwo], p2.Jobs.Where(job => job.Streak is > 0 and < 3).Select(job => job.Job));
    }

    private static TrunkHealth Calculate(TrunkSnapshot snapshot) => TrunkHealthCalculator.Calculate(snapshot, ScopeSettings.Default);

    private static Dictionary<LogicalJob, int> Alerting(TrunkHealth health) =>
        health.Jobs.Where(job => job.Streak >= 3).ToDictionary(job => job.Job, job => job.Streak);

    private static int Streak(TrunkHealth health, LogicalJob job) => Assert.Single(health.Jobs, streak => streak.Job == job).Streak;

    private static bool FailsOn(SnapshotCommit commit, LogicalJob job)
    {
        var classifier = new JobClassifier(ScopeSettings.Default);
        return commit.Jobs.Any(run => run.Conclusion == "failure" && classifier.Classify(run.Workflow, run.Name) == job);
    }
}
