using TrunkExporter.FakeGitHub;
using TrunkExporter.Snapshots;

namespace TrunkExporter.Tests.Dashboards;

/// <summary>
/// One live stack for every dashboard query test: the built exporter serving two repositories, the
/// bundled P2 sample replayed and a small broken trunk read from a fake GitHub on 127.0.0.1 (so the
/// exporter's GitHub client metrics are real), and a real Prometheus scraping it every second with the
/// shipped rule pack, waited on until the dashboards have something to show: a few scrapes, N recorded
/// and the trunk alert firing for both repositories, and a GitHub answer 304 seen by two scrapes.
/// </summary>
public sealed class DashboardStackFixture : IAsyncLifetime
{
    public const string Repo = "pytorch/pytorch";
    public const string Branch = "main";
    public const string Team = "dev-infra";

    /// <summary>The repository the exporter reads from the fake GitHub.</summary>
    public const string GitHubRepo = "pytorch/vision";
    public const string GitHubTeam = "vision";

    /// <summary>The fake's rate limit per hour, as the rate-limit panels must show it.</summary>
    public const int GitHubRateLimit = 5000;

    private const string GitHubToken = "dashboard-stack-token";

    /// <summary>Large enough for the generator's two broken "pull" jobs (a P2), small enough to read in a moment.</summary>
    private static readonly TrunkShape GitHubTrunk = new(Commits: 6, RunsPerCommit: 3, JobsPerCommit: 40);

    private FakeGitHubServer? _gitHub;
    private ExporterProcess? _exporter;
    private PrometheusServer? _prometheus;

    internal FakeGitHubServer GitHub => _gitHub ?? throw new InvalidOperationException("The stack is not started.");

    internal ExporterProcess Exporter => _exporter ?? throw new InvalidOperationException("The stack is not started.");

    internal PrometheusServer Prometheus => _prometheus ?? throw new InvalidOperationException("The stack is not started.");

    public static string SampleFile => RepoPaths.InRepo("samples", "trunk-p2.json");

    public async Task InitializeAsync()
    {
        try
        {
            if (!File.Exists(SampleFile))
            {
                throw new FileNotFoundException($"{SampleFile} is missing: the dashboard query tests replay the bundled P2 sample.");
            }

            // Moved to now, as a replayed sample is, so its failures are young enough to count towards N.
            var trunk = SnapshotTimeShift.NewestCommitAt(PyTorchLikeTrunk.Create(GitHubTrunk, GitHubRepo, Branch), DateTimeOffset.UtcNow);
            _gitHub = await FakeGitHubServer.StartAsync(trunk, new FakeGitHubOptions { AcceptedToken = GitHubToken, RateLimit = GitHubRateLimit });
            _exporter = await ExporterProcess.StartAsync(
                [new ExporterRepository(Repo, SampleFile, Branch, Team), new ExporterRepository(GitHubRepo, ReplayFile: null, Branch, GitHubTeam)],
                gitHub: new ExporterGitHub(_gitHub.ApiBaseUrl, GitHubToken, WebhookSecret: "dashboard-stack-webhook-secret"));
            _prometheus = await PrometheusServer.StartAsync(new PrometheusSetup { ExporterTargets = [_exporter.Target], RuleFiles = PrometheusSetup.ShippedRuleFiles() });

            // Three scrapes give every rate() and increase() two points; the rule pack then has N and the alerts.
            await _prometheus.WaitForScrapesAsync(PrometheusSetup.ExporterJob, scrapes: 3);
            var both = $"repo=~\"{GrafanaTemplate.PrometheusRegexEscape(Repo)}|{GrafanaTemplate.PrometheusRegexEscape(GitHubRepo)}\"";
            await _prometheus.WaitForSeriesAsync($"repo_branch:trunk_broken_jobs:count{{{both}}} >= 1", minimumSeries: 2);
            await _prometheus.WaitForSeriesAsync($"ALERTS{{alertname=~\"TrunkBroken|TrunkBadlyBroken\", alertstate=\"firing\", {both}}}", minimumSeries: 2);

            // A refresh after the first finds the commit list unchanged (304); two scrapes of that counter give increase() a value.
            await _prometheus.WaitForSeriesAsync(
                $"count_over_time(trunk_exporter_github_requests_total{{job=\"{PrometheusSetup.ExporterJob}\", code=\"304\"}}[1m]) >= 2");
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

        if (_gitHub is not null)
        {
            await _gitHub.DisposeAsync();
            _gitHub = null;
        }
    }
}

[CollectionDefinition(Name)]
public sealed class DashboardStackDefinition : ICollectionFixture<DashboardStackFixture>
{
    public const string Name = "live dashboard stack";
}
