using System.Net;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Options;
using TrunkExporter.Cli;
using TrunkExporter.FakeGitHub;
using TrunkExporter.GitHub;
using TrunkExporter.GitHub.Auth;
using TrunkExporter.GitHub.Http;
using TrunkExporter.GitHub.Policy;
using TrunkExporter.GitHub.Reading;
using TrunkExporter.GitHub.Wire;
using TrunkExporter.Hosting;
using TrunkExporter.Snapshots;
using TrunkExporter.Tests.Support;

namespace TrunkExporter.Tests.GitHub;

/// <summary>The service as deployed (ExporterApp) reading from a fake GitHub Enterprise Server.</summary>
public sealed class GitHubServiceTests : IDisposable
{
    private const string Repo = "pytorch/pytorch";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly TestTimeout _timeout = new();
    private readonly TempDirectory _data = new();

    /// <summary>A trunk with streaks, flaky re-runs, skipped and cancelled jobs, and a newest commit still running.</summary>
    private static async Task<FakeGitHubServer> TrunkServerAsync(FakeGitHubOptions? options = null)
    {
        var shape = new TrunkShape(Commits: 20, RunsPerCommit: 4, JobsPerCommit: 300, Seed: 42);
        var server = await FakeGitHubServer.StartAsync(PyTorchLikeTrunk.Create(shape), options);
        var running = PyTorchLikeTrunk.QueuedCommit(shape, 1);
        server.Change(Repo, (repository, now) => repository.Push(running, now));
        server.Script(PyTorchLikeTrunk.Progress(Repo, running, steps: 3, seed: 5).Take(1));
        server.ApplyNextStep();
        return server;
    }

    private WebApplication App(FakeGitHubServer server, params string[] extra)
    {
        string[] args =
        [
            "--TrunkExporter:RefreshInterval=00:00:01",
            $"--TrunkExporter:Repositories:0:Repo={Repo}",
            "--TrunkExporter:Repositories:0:Team=dev-infra",
            $"--TrunkExporter:GitHub:ApiBaseUrl={server.ApiBaseUrl}",
            $"--TrunkExporter:DataDirectory={_data.Path}",
            .. extra,
        ];
        return ExporterApp.Build(args, builder =>
        {
            builder.WebHost.UseTestServer();
            builder.Services.AddSingleton(provider => new GitHubCredentials(
                provider.GetRequiredService<IOptions<GitHubOptions>>(),
                name => name == GitHubCredentials.EnvironmentVariable ? GitHubHarness.Token : null));
        });
    }

    /// <summary>The first /metrics that contains <paramref name="expected"/>; a timeout names it, with the last scrape's self-metrics.</summary>
    public void Dispose()
    {
        _timeout.Dispose();
        _data.Dispose();
    }

    private async Task<string> WaitForMetricsAsync(HttpClient client, string expected)
    {
        var metrics = string.Empty;
        await BoundedWait.UntilAsync(
            async cancellationToken =>
            {
                metrics = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative), cancellationToken);
                return metrics.Contains(expected, StringComparison.Ordinal);
            },
            Patience,
            () => $"/metrics never contained {expected}; the last scrape's self-metrics:\n{string.Join('\n', metrics.Split('\n').Where(line => line.StartsWith("trunk_exporter_", StringComparison.Ordinal)))}",
            cancellationToken: _timeout.Token);
        return metrics;
    }

    private static string TrunkFamilies(string exposition) => string.Join('\n', exposition.Split('\n')
        .Where(line => line.Contains("trunk_", StringComparison.Ordinal) && !line.Contains("trunk_exporter_", StringComparison.Ordinal)));

    [Fact]
    public async Task Refreshing_from_GitHub_exposes_exactly_the_trunk_metrics_of_scrape_replay_on_the_same_snapshot()
    {
        await using var server = await TrunkServerAsync(new FakeGitHubOptions { PathPrefix = "/api/v3" });
        var file = Path.Combine(Path.GetTempPath(), $"trunk-{Guid.NewGuid():N}.json");
        try
        {
            var snapshot = server.Snapshot(Repo);
            SnapshotWriter.WriteFile(snapshot, file);
            Assert.Contains(snapshot.Commits[0].Jobs, job => job.Status == "in_progress");
            var replay = new StringWriter();
            Assert.Equal(ExitCodes.Ok, ScrapeCommand.Run(new FileInfo(file), "prometheus", "dev-infra", 50, replay, new StringWriter()));

            await using var app = App(server);
            await app.StartAsync(_timeout.Token);
            using var client = app.GetTestClient();
            // A sample, not the family's name: empty families already have their HELP and TYPE lines. The last
            // success, not the window: a cold start may first publish a partial window (without a last success).
            var live = await WaitForMetricsAsync(client, "trunk_exporter_last_success_timestamp_seconds{");
            await app.StopAsync(_timeout.Token);

            Assert.Contains("trunk_job_failure_streak{", live, StringComparison.Ordinal);
            Assert.Equal(TrunkFamilies(replay.ToString()), TrunkFamilies(live));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Self_metrics_count_requests_by_endpoint_and_code_with_304s_and_pass_promtool()
    {
        await using var server = await TrunkServerAsync();
        await using var app = App(server);
        await app.StartAsync(_timeout.Token);
        using var client = app.GetTestClient();

        var metrics = await WaitForMetricsAsync(client, "trunk_exporter_github_requests_total{endpoint=\"commits\",code=\"304\"}");
        await app.StopAsync(_timeout.Token);

        Assert.Contains("trunk_exporter_github_requests_total{endpoint=\"commits\",code=\"304\"}", metrics, StringComparison.Ordinal);
        Assert.Contains("trunk_exporter_github_requests_total{endpoint=\"jobs\",code=\"200\"}", metrics, StringComparison.Ordinal);
        Assert.Contains("trunk_exporter_github_requests_total{endpoint=\"runs\",code=\"200\"}", metrics, StringComparison.Ordinal);
        Assert.Contains("trunk_exporter_github_rate_limit_limit{resource=\"core\"} 5000", metrics, StringComparison.Ordinal);
        Assert.Contains("trunk_exporter_github_rate_limit_remaining{resource=\"core\"} ", metrics, StringComparison.Ordinal);
        Assert.Contains("trunk_exporter_github_rate_limit_reset_timestamp_seconds{resource=\"core\"} ", metrics, StringComparison.Ordinal);
        Assert.Contains("trunk_exporter_refresh_duration_seconds{repo=\"pytorch/pytorch\",branch=\"main\"} ", metrics, StringComparison.Ordinal);
        var promtool = await ExternalTool.RunAsync("promtool", ["check", "metrics"], standardInput: metrics);
        Assert.True(promtool.ExitCode == 0, promtool.Describe());
    }

    [Fact]
    public async Task A_rejected_token_leaves_readyz_503_with_the_reason()
    {
        await using var server = await TrunkServerAsync(new FakeGitHubOptions { AcceptedToken = "not-the-one-configured" });
        await using var app = App(server);
        await app.StartAsync(_timeout.Token);
        using var client = app.GetTestClient();

        var status = default(HttpStatusCode);
        var text = string.Empty;
        await BoundedWait.UntilAsync(
            async cancellationToken =>
            {
                using var ready = await client.GetAsync(new Uri("/readyz", UriKind.Relative), cancellationToken);
                (status, text) = (ready.StatusCode, await ready.Content.ReadAsStringAsync(cancellationToken));
                return text.Contains("401", StringComparison.Ordinal);
            },
            Patience,
            () => $"/readyz never reported GitHub's 401; last answer {(int)status}: {text}",
            cancellationToken: _timeout.Token);
        await app.StopAsync(_timeout.Token);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Contains("GitHub rejected the token (401", text, StringComparison.Ordinal);
        Assert.DoesNotContain(GitHubHarness.Token, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_up_names_the_GitHub_key_at_fault()
    {
        var error = new StringWriter();

        var exit = await ServeCommand.RunAsync(
            ["--TrunkExporter:Repositories:0:Repo=o/r", "--TrunkExporter:GitHub:PerPage=500", "--TrunkExporter:GitHub:ApiBaseUrl=ftp://x", "--urls=http://127.0.0.1:0"],
            error,
            _timeout.Token);

        Assert.Equal(ExitCodes.BadConfiguration, exit);
        Assert.Contains("TrunkExporter:GitHub:PerPage must be between 1 and 100", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("TrunkExporter:GitHub:ApiBaseUrl must be an absolute http(s) URL", error.ToString(), StringComparison.Ordinal);
    }
}
