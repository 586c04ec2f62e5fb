using Prometheus;
using TrunkExporter.Configuration;
using TrunkExporter.Health;
using TrunkExporter.Metrics;
using TrunkExporter.Refresh;
using TrunkExporter.Snapshots;
using TrunkExporter.Tests.Support;

namespace TrunkExporter.Tests.Metrics;

/// <summary>The served registry follows the published state as a diff, and nothing that vanished stays behind.</summary>
public sealed class TrunkPublisherTests
{
    private readonly BranchTarget _target = BranchTarget.From(new RepositoryOptions { Repo = "pytorch/pytorch", Team = "dev-infra" });

    [Fact]
    public async Task A_job_and_a_commit_that_leave_the_state_leave_the_next_scrape()
    {
        var (store, served) = Serve();
        Publish(store, TrunkBuilder.Snapshot(
            [TrunkBuilder.Run("pull", "lint", 'F'), TrunkBuilder.Run("trunk", "build", 'F')],
            [TrunkBuilder.Run("pull", "lint", 'F'), TrunkBuilder.Run("trunk", "build", 'F')],
            [TrunkBuilder.Run("pull", "lint", 'S'), TrunkBuilder.Run("trunk", "build", 'F')]));
        var before = await served.RenderAsync(ExpositionFormat.PrometheusText);

        Publish(store, TrunkBuilder.Snapshot([TrunkBuilder.Run("pull", "lint", 'F')], [TrunkBuilder.Run("pull", "lint", 'S')]));
        var after = await served.RenderAsync(ExpositionFormat.PrometheusText);

        // The first scrape had both, so the second can only pass because the series were removed.
        Assert.Contains("job_name=\"build\"", before, StringComparison.Ordinal);
        Assert.Contains($"sha=\"{TrunkBuilder.Sha(2)}\"", before, StringComparison.Ordinal);
        Assert.DoesNotContain("job_name=\"build\"", after, StringComparison.Ordinal);
        Assert.DoesNotContain($"sha=\"{TrunkBuilder.Sha(2)}\"", after, StringComparison.Ordinal);
        Assert.Contains("trunk_job_failure_streak{repo=\"pytorch/pytorch\",branch=\"main\",workflow=\"pull\",job_name=\"lint\"} 1\n", after, StringComparison.Ordinal);
        Assert.Contains("trunk_window_commits{repo=\"pytorch/pytorch\",branch=\"main\"} 2\n", after, StringComparison.Ordinal);
        Assert.Contains($"trunk_job_culprit_info{{repo=\"pytorch/pytorch\",branch=\"main\",workflow=\"pull\",job_name=\"lint\",sha=\"{TrunkBuilder.Sha(0)}\"}} 1\n", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_streak_that_ends_takes_its_streak_times_and_culprit_along()
    {
        var (store, served) = Serve();
        Publish(store, TrunkBuilder.Timeline("F F"));
        var before = await served.RenderAsync(ExpositionFormat.PrometheusText);

        Publish(store, TrunkBuilder.Timeline("S F F"));
        var after = await served.RenderAsync(ExpositionFormat.PrometheusText);

        Assert.Contains("trunk_job_culprit_info{", before, StringComparison.Ordinal);
        Assert.Contains("trunk_job_failing_since_timestamp_seconds{", before, StringComparison.Ordinal);
        Assert.DoesNotContain("trunk_job_culprit_info{", after, StringComparison.Ordinal);
        Assert.DoesNotContain("trunk_job_failing_since_timestamp_seconds{", after, StringComparison.Ordinal);
        Assert.DoesNotContain("trunk_job_last_failure_timestamp_seconds{", after, StringComparison.Ordinal);
        Assert.Contains($"trunk_job_failure_streak{{repo=\"pytorch/pytorch\",branch=\"main\",workflow=\"pull\",job_name=\"{TrunkBuilder.JobGroup}\"}} 0\n", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rendering_an_unchanged_state_again_gives_the_same_text()
    {
        var (store, served) = Serve();
        Publish(store, TrunkBuilder.Timeline("F F S"));

        var first = await served.RenderAsync(ExpositionFormat.PrometheusText);
        var second = await served.RenderAsync(ExpositionFormat.PrometheusText);

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task The_served_registry_holds_every_catalog_family_in_catalog_order_and_nothing_else()
    {
        var (_, served) = Serve();

        var text = await served.RenderAsync(ExpositionFormat.PrometheusText);

        var families = text.Split('\n').Where(line => line.StartsWith("# TYPE ", StringComparison.Ordinal)).Select(line => line.Split(' ')[2]);
        Assert.Equal(MetricCatalog.All.Select(family => family.Name), families);
    }

    [Fact]
    public async Task The_last_success_appears_only_with_the_state_it_belongs_to()
    {
        // The rule pack reads N only where a last success exists: a scrape that saw a refresh's
        // success before its series would read N = 0 and resolve a firing alert.
        var (store, served) = Serve();
        var refresh = new RefreshMetrics(served, store);

        refresh.Succeeded(_target, TimeSpan.FromSeconds(1));
        var beforePublication = await served.RenderAsync(ExpositionFormat.PrometheusText);

        var at = new DateTimeOffset(2026, 11, 18, 16, 0, 0, TimeSpan.Zero);
        var health = TrunkHealthCalculator.Calculate(TrunkBuilder.Timeline("F F F"), _target.Scope);
        store.Update(_target, state => state with { Health = health, LastSuccess = at });
        var afterPublication = await served.RenderAsync(ExpositionFormat.PrometheusText);

        Assert.DoesNotContain("trunk_exporter_last_success_timestamp_seconds{", beforePublication, StringComparison.Ordinal);
        Assert.Contains($"trunk_exporter_last_success_timestamp_seconds{{repo=\"pytorch/pytorch\",branch=\"main\"}} {at.ToUnixTimeSeconds()}\n", afterPublication, StringComparison.Ordinal);
        Assert.Contains("trunk_job_failure_streak{repo=\"pytorch/pytorch\",branch=\"main\",workflow=\"pull\",", afterPublication, StringComparison.Ordinal);
    }

    private (TrunkStateStore Store, ServedMetrics Served) Serve()
    {
        var store = new TrunkStateStore([_target]);
        var served = new ServedMetrics();
        _ = new TrunkPublisher(store, served);
        return (store, served);
    }

    private void Publish(TrunkStateStore store, TrunkSnapshot snapshot) =>
        store.Update(_target, state => state with { Health = TrunkHealthCalculator.Calculate(snapshot, _target.Scope) });
}
