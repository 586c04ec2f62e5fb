using Prometheus;
using TrunkExporter.Configuration;
using TrunkExporter.Health;
using TrunkExporter.Metrics;
using TrunkExporter.Refresh;
using TrunkExporter.Snapshots;
using TrunkExporter.Tests.Support;

namespace TrunkExporter.Tests.Metrics;

/// <summary>Issue 14: the culprit range and the newest failing log are served, for the notification to name them.</summary>
public sealed class CulpritRangeMetricsTests
{
    private readonly BranchTarget _target = BranchTarget.From(new RepositoryOptions { Repo = "pytorch/pytorch", Team = "dev-infra" });

    [Fact]
    public async Task A_red_commit_two_commits_without_ci_and_a_green_one_make_a_range_of_three_with_its_log()
    {
        var served = Serve(TrunkBuilder.Timeline("F - - S"));

        var text = await served.RenderAsync(ExpositionFormat.PrometheusText);

        var job = $"repo=\"pytorch/pytorch\",branch=\"main\",workflow=\"pull\",job_name=\"{TrunkBuilder.JobGroup}\"";
        Assert.Contains($"trunk_job_culprit_range_commits{{{job},sha=\"{TrunkBuilder.Sha(0)}\",pr=\"1000\",last_green_sha=\"{TrunkBuilder.Sha(3)}\"}} 3\n", text, StringComparison.Ordinal);
        Assert.Contains($"trunk_job_log_info{{{job},url=\"https://github.com/pytorch/pytorch/actions/runs/1/job/1\"}} 1\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_open_range_has_an_empty_last_green_sha_and_a_job_without_pr_or_log_says_so_by_empty_and_absent()
    {
        var snapshot = TrunkBuilder.Snapshot([new SnapshotJob("pull", "lint", "completed", "failure")]);
        snapshot = snapshot with { Commits = [snapshot.Commits[0] with { Pr = null }] };
        var served = Serve(snapshot);

        var text = await served.RenderAsync(ExpositionFormat.PrometheusText);

        Assert.Contains($"trunk_job_culprit_range_commits{{repo=\"pytorch/pytorch\",branch=\"main\",workflow=\"pull\",job_name=\"lint\",sha=\"{TrunkBuilder.Sha(0)}\",pr=\"\",last_green_sha=\"\"}} 1\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("trunk_job_log_info{", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_healthy_job_has_neither_range_nor_log()
    {
        var served = Serve(TrunkBuilder.Timeline("S F F"));

        var text = await served.RenderAsync(ExpositionFormat.PrometheusText);

        Assert.DoesNotContain("trunk_job_culprit_range_commits{", text, StringComparison.Ordinal);
        Assert.DoesNotContain("trunk_job_log_info{", text, StringComparison.Ordinal);
    }

    private ServedMetrics Serve(TrunkSnapshot snapshot)
    {
        var store = new TrunkStateStore([_target]);
        var served = new ServedMetrics();
        _ = new TrunkPublisher(store, served);
        store.Update(_target, state => state with { Health = TrunkHealthCalculator.Calculate(snapshot, _target.Scope) });
        return served;
    }
}
