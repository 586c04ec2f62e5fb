using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using TrunkExporter.Configuration;
using TrunkExporter.Health;
using TrunkExporter.Snapshots;
using TrunkExporter.Tests.Support;

namespace TrunkExporter.Tests.Docs;

/// <summary>The README's "Semantics at a glance" says what the engine does, and its configuration example works.</summary>
public sealed partial class SemanticsTests
{
    private static readonly string Readme = File.ReadAllText(RepoPaths.InRepo("README.md"));

    [Fact]
    public void By_default_a_job_that_times_out_every_time_never_alerts_and_its_commits_are_green()
    {
        var health = TrunkHealthCalculator.Calculate(TimedOutTrunk(), ScopeSettings.Default);

        Assert.All(health.Jobs, job => Assert.Equal(0, job.Streak));
        Assert.All(health.Commits, commit => Assert.Equal(CommitVerdict.Green, commit.Verdict));
    }

    [Fact]
    public void The_readme_configuration_for_counting_timed_out_as_a_failure_does_so()
    {
        var section = Readme[Readme.IndexOf("## Semantics at a glance", StringComparison.Ordinal)..Readme.IndexOf("## Layout", StringComparison.Ordinal)];
        var flags = Flag().Matches(section).Select(match => match.Value).ToArray();
        Assert.Contains("--TrunkExporter:Repositories:0:Scope:FailureConclusions:1=timed_out", flags);

        var options = new ConfigurationBuilder().AddCommandLine(flags).Build().GetSection(ExporterOptions.SectionName).Get<ExporterOptions>()!;
        Assert.True(new ExporterOptionsValidator().Validate(null, options).Succeeded);
        var scope = BranchTarget.From(Assert.Single(options.Repositories)).Scope;
        var health = TrunkHealthCalculator.Calculate(TimedOutTrunk(), scope);

        Assert.Equal(3, health.Jobs.Single(job => job.Job.JobName.StartsWith("hangs", StringComparison.Ordinal)).Streak);
        Assert.All(health.Commits, commit => Assert.Equal(CommitVerdict.Broken, commit.Verdict));
        Assert.True(scope.FailureConclusions.Contains("failure"), "the example must keep counting failure");
    }

    /// <summary>Three commits on which one job times out and another passes.</summary>
    private static TrunkSnapshot TimedOutTrunk() => TrunkBuilder.Snapshot(
        [.. Enumerable.Range(0, 3).Select(_ => (IReadOnlyList<SnapshotJob>)
        [
            new SnapshotJob("pull", "hangs / test", "completed", "timed_out"),
            new SnapshotJob("pull", "passes / test", "completed", "success"),
        ])]);

    [GeneratedRegex(@"--TrunkExporter:\S+")]
    private static partial Regex Flag();
}
