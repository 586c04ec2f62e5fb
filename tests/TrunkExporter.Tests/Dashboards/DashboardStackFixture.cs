using TrunkExporter.Tests.Support;

namespace TrunkExporter.Tests.Dashboards;

/// <summary>
/// One live stack for every dashboard query test: the built exporter replaying the bundled P2 sample
/// and a real Prometheus scraping it every second with the shipped rule pack, waited on until the
/// dashboards have something to show (a few scrapes, N recorded, the trunk alert active).
/// </summary>
public sealed class DashboardStackFixture : IAsyncLifetime
{
    public const string Repo = "pytorch/pytorch";
    public const string Branch = "main";
    public const string Team = "dev-infra";

    private ExporterProcess? _exporter;
    private PrometheusServer? _prometheus;

    internal ExporterProcess Exporter => _exporter ?? throw new InvalidOperationException("The stack is not started.");

    internal PrometheusServer Prometheus => _prometheus ?? throw new InvalidOperationException("The stack is not started.");

    /// <summary>Whether the exporter serves GitHub client metrics at all (a replay-only exporter makes no GitHub requests).</summary>
    internal bool ExposesGitHubMetrics { get; private set; }

    public static string SampleFile => RepoPaths.InRepo("samples", "trunk-p2.json");

    public async Task InitializeAsync()
    {
        try
        {
            if (!File.Exists(SampleFile))
            {
                throw new FileNotFoundException($"{SampleFile} is missing: the dashboard query tests replay the bundled P2 sample.");
            }

            var rules = PrometheusSetup.ShippedRuleFiles();
            _exporter = await ExporterProcess.StartAsync([new ExporterRepository(Repo, SampleFile, Branch, Team)]);
            _prometheus = await PrometheusServer.StartAsync(new PrometheusSetup { ExporterTargets = [_exporter.Target], RuleFiles = rules });

            // Three scrapes give every rate() and increase() two points; the rule pack then has N and the alert.
            await _prometheus.WaitForScrapesAsync(PrometheusSetup.ExporterJob, scrapes: 3);
            await _prometheus.WaitForSeriesAsync($"repo_branch:trunk_broken_jobs:count{{repo=\"{Repo}\"}} >= 1");
            await _prometheus.WaitForSeriesAsync($"ALERTS{{alertname=~\"TrunkBroken|TrunkBadlyBroken\", repo=\"{Repo}\"}}");
            ExposesGitHubMetrics = (await _exporter.GetMetricsAsync())
                .Split('\n')
                .Any(line => line.StartsWith("trunk_exporter_github_", StringComparison.Ordinal));
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        if (_prometheus is not null)
        {
            await _prometheus.DisposeAsync();
            _prometheus = null;
        }

        if (_exporter is not null)
        {
            await _exporter.DisposeAsync();
            _exporter = null;
        }
    }
}

[CollectionDefinition(Name)]
public sealed class DashboardStackDefinition : ICollectionFixture<DashboardStackFixture>
{
    public const string Name = "live dashboard stack";
}
