using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrunkExporter.Cli;
using TrunkExporter.Configuration;
using TrunkExporter.FakeGitHub;
using TrunkExporter.Files;
using TrunkExporter.GitHub;
using TrunkExporter.GitHub.Auth;
using TrunkExporter.GitHub.Reading;
using TrunkExporter.Hosting;
using TrunkExporter.Stack;
using TrunkExporter.Tests.GitHub;
using TrunkExporter.Tests.Support;

namespace TrunkExporter.Tests.Restart;

/// <summary>
/// The service as deployed (ExporterApp), stopped and started again over one fake GitHub and one data
/// directory: what the branch cache saves, and what a restart does with a cache it can or cannot use.
/// </summary>
public sealed class RestartTests : IDisposable
{
    private const string Repo = "pytorch/pytorch";
    private const int Window = 20;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly TestTimeout _timeout = new();
    private readonly TempDirectory _data = new();
    private readonly ListLoggerProvider _logs = new();

    public void Dispose()
    {
        _timeout.Dispose();
        _data.Dispose();
    }

    [Fact]
    public async Task A_restart_over_an_unchanged_trunk_publishes_the_saved_state_at_once_and_spends_only_304s()
    {
        await using var server = await TrunkServerAsync();
        var first = await RunUntilSavedAsync(server);

        server.ResetCounts();
        await using var app = App(server);
        var started = Stopwatch.StartNew();
        await app.StartAsync(_timeout.Token);
        using var client = app.GetTestClient();
        await WaitAsync(client, "/readyz", text => text.Contains(": ready", StringComparison.Ordinal));
        var ready = started.Elapsed;
        var restored = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative), _timeout.Token);

        // The first refresh after the restart: its duration is set when it ends.
        var refreshed = await WaitAsync(client, "/metrics", text => text.Contains("trunk_exporter_refresh_duration_seconds{", StringComparison.Ordinal));
        await app.StopAsync(_timeout.Token);
        var counts = server.Counts;

        Assert.True(ready < TimeSpan.FromSeconds(5), $"ready after {ready.TotalSeconds:0.0} s");
        Assert.Contains($"trunk_window_commits{{repo=\"{Repo}\",branch=\"main\"}} {Window}", restored, StringComparison.Ordinal);
        Assert.Equal(TrunkFamilies(first), TrunkFamilies(refreshed));
        Assert.True(counts.Total > 0, "the restart asked GitHub nothing at all");
        Assert.True(counts.NotModified == counts.Total, $"a restart over an unchanged trunk must spend no rate limit: {counts}");
        Assert.DoesNotContain(_logs.Lines, line => line.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task The_restored_state_carries_the_time_it_was_read_as_its_last_success()
    {
        await using var server = await TrunkServerAsync();
        var first = await RunUntilSavedAsync(server);
        var saved = LastSuccess(first);

        // GitHub unreachable after the restart: the saved state is all there is, with its true age.
        await using var same = App(server, "--TrunkExporter:RefreshInterval=01:00:00", "--TrunkExporter:GitHub:MaxRetries=0");
        server.Inject(new Fault(FaultKind.ServerError, Times: 100, Status: 503));
        await same.StartAsync(_timeout.Token);
        using var client = same.GetTestClient();
        var metrics = await WaitAsync(client, "/metrics", text => text.Contains("trunk_exporter_refresh_failures_total{repo=\"pytorch/pytorch\",branch=\"main\"} 1", StringComparison.Ordinal));
        await same.StopAsync(_timeout.Token);

        // The time the saved window was read: never younger than the state published before the restart.
        var restored = LastSuccess(metrics);
        Assert.InRange(saved - restored, 0, 5);
        Assert.Equal(TrunkFamilies(first), TrunkFamilies(metrics));
    }

    [Theory]
    [InlineData("corrupt", "it is corrupt")]
    [InlineData("truncated", "it is corrupt")]
    [InlineData("not a cache", "it is not a trunk-exporter cache")]
    [InlineData("another format", "it is in format 99, this exporter reads format 1")]
    public async Task An_unusable_cache_file_gives_one_warning_and_a_cold_start(string damage, string reason)
    {
        await using var server = await TrunkServerAsync();
        await RunUntilSavedAsync(server);
        var path = CachePath(Repo);
        var bytes = await File.ReadAllBytesAsync(path, _timeout.Token);
        var damaged = damage switch
        {
            "corrupt" => [.. bytes[..40], .. Enumerable.Repeat((byte)0x5a, 4096)],
            "truncated" => bytes[..(bytes.Length / 2)],
            "not a cache" => Encoding.UTF8.GetBytes("{\"hello\": \"world\"}"),
            _ => [.. Encoding.ASCII.GetBytes("trunk-exporter cache format 99\n"), .. bytes.SkipWhile(b => b != '\n').Skip(1)],
        };
        await File.WriteAllBytesAsync(path, damaged, _timeout.Token);

        var counts = await ColdStartAsync(server);

        var warning = Assert.Single(_logs.Lines, line => line.Level >= LogLevel.Warning);
        Assert.Contains(reason, warning.Message, StringComparison.Ordinal);
        Assert.Contains("starting cold", warning.Message, StringComparison.Ordinal);
        Assert.True(counts.RateLimited > Window, $"a cold start reads the window: {counts}");
    }

    [Fact]
    public async Task A_cache_of_another_repository_is_not_used()
    {
        const string other = "pytorch/vision";
        await using var server = await TrunkServerAsync();
        await RunUntilSavedAsync(server);
        File.Move(CachePath(Repo), CachePath(other));

        var counts = await ColdStartAsync(server, other);

        var warning = Assert.Single(_logs.Lines, line => line.Level >= LogLevel.Warning);
        Assert.Contains("it is the cache of pytorch/pytorch branch main, another trunk", warning.Message, StringComparison.Ordinal);
        Assert.True(counts.RateLimited > Window, $"a cold start reads the window: {counts}");
    }

    [Fact]
    public async Task A_cache_read_with_another_window_is_not_used()
    {
        await using var server = await TrunkServerAsync();
        await RunUntilSavedAsync(server);

        var counts = await ColdStartAsync(server, Repo, "--TrunkExporter:Repositories:0:Window=15");

        var warning = Assert.Single(_logs.Lines, line => line.Level >= LogLevel.Warning);
        Assert.Contains("it was read with other settings", warning.Message, StringComparison.Ordinal);
        Assert.True(counts.RateLimited > 15, $"a cold start reads the window: {counts}");
    }

    [Fact]
    public async Task A_data_directory_that_cannot_be_written_stops_the_exporter_with_one_line_and_exit_code_2()
    {
        var file = _data.File("a-file");
        await File.WriteAllTextAsync(file, "not a directory", _timeout.Token);
        using var error = new StringWriter();

        var exit = await ServeCommand.RunAsync(
            ["--urls", "http://127.0.0.1:0", $"--TrunkExporter:Repositories:0:Repo={Repo}", $"--TrunkExporter:DataDirectory={file}/cache"],
            error,
            CancellationToken.None);

        Assert.Equal(ExitCodes.BadConfiguration, exit);
        var line = Assert.Single(error.ToString().TrimEnd('\n').Split('\n'));
        Assert.StartsWith($"trunk-exporter: configuration error: TrunkExporter:DataDirectory '{file}/cache' (TrunkExporter:DataDirectory) is not a writable directory: ", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, null, null, "/home/u", "/home/u/.local/state/trunk-exporter")]
    [InlineData(null, null, "/xdg", "/home/u", "/xdg/trunk-exporter")]
    [InlineData(null, "/var/lib/trunk-exporter", "/xdg", "/home/u", "/var/lib/trunk-exporter")]
    [InlineData(null, "/var/lib/trunk-exporter:/var/lib/other", null, "/home/u", "/var/lib/trunk-exporter")]
    [InlineData("/srv/te", "/var/lib/trunk-exporter", null, "/home/u", "/srv/te")]
    public void The_data_directory_defaults_to_systemds_state_directory_then_the_xdg_state_home(
        string? configured, string? state, string? xdg, string home, string expected)
    {
        var environment = new Dictionary<string, string?> { ["STATE_DIRECTORY"] = state, ["XDG_STATE_HOME"] = xdg, ["HOME"] = home };

        Assert.Equal(expected, DataDirectory.Resolve(configured, name => environment.GetValueOrDefault(name)).Path);
    }

    /// <summary>A settled trunk: every run completed, so an unchanged trunk is unchanged request for request.</summary>
    private static Task<FakeGitHubServer> TrunkServerAsync() =>
        FakeGitHubServer.StartAsync([
            PyTorchLikeTrunk.Create(new TrunkShape(Commits: 30, RunsPerCommit: 4, JobsPerCommit: 250, Seed: 42)),
            PyTorchLikeTrunk.Create(new TrunkShape(Commits: 30, RunsPerCommit: 2, JobsPerCommit: 50, Seed: 43), "pytorch/vision"),
        ]);

    private string CachePath(string repo) =>
        new BranchCacheStore(_data.Path, Microsoft.Extensions.Logging.Abstractions.NullLogger<BranchCacheStore>.Instance).PathOf(repo, "main");

    /// <summary>Runs the service until its first refresh saved the cache, then stops it; the /metrics of that state.</summary>
    private async Task<string> RunUntilSavedAsync(FakeGitHubServer server)
    {
        await using var app = App(server);
        await app.StartAsync(_timeout.Token);
        using var client = app.GetTestClient();
        var metrics = await WaitAsync(client, "/metrics", text => text.Contains("trunk_exporter_cache_bytes{", StringComparison.Ordinal)
            && text.Contains("trunk_exporter_last_success_timestamp_seconds{", StringComparison.Ordinal));
        await app.StopAsync(_timeout.Token);
        Assert.True(File.Exists(CachePath(Repo)));
        _logs.Clear();
        return metrics;
    }

    private async Task<RequestCounts> ColdStartAsync(FakeGitHubServer server, string repo = Repo, params string[] extra)
    {
        server.ResetCounts();
        await using var app = App(server, [$"--TrunkExporter:Repositories:0:Repo={repo}", .. extra]);
        await app.StartAsync(_timeout.Token);
        using var client = app.GetTestClient();
        await WaitAsync(client, "/metrics", text => text.Contains("trunk_exporter_refresh_duration_seconds{", StringComparison.Ordinal));
        await app.StopAsync(_timeout.Token);
        return server.Counts;
    }

    private WebApplication App(FakeGitHubServer server, params string[] extra)
    {
        string[] args =
        [
            "--TrunkExporter:RefreshInterval=00:10:00",
            $"--TrunkExporter:Repositories:0:Repo={Repo}",
            "--TrunkExporter:Repositories:0:Team=dev-infra",
            $"--TrunkExporter:Repositories:0:Window={Window}",
            $"--TrunkExporter:GitHub:ApiBaseUrl={server.ApiBaseUrl}",
            $"--TrunkExporter:DataDirectory={_data.Path}",
            .. extra,
        ];
        return ExporterApp.Build(args, builder =>
        {
            builder.WebHost.UseTestServer();
            builder.Logging.AddProvider(_logs);
            builder.Services.AddSingleton(provider => new GitHubCredentials(
                provider.GetRequiredService<IOptions<GitHubOptions>>(),
                name => name == GitHubCredentials.EnvironmentVariable ? GitHubHarness.Token : null));
        });
    }

    private async Task<string> WaitAsync(HttpClient client, string path, Func<string, bool> done)
    {
        var text = string.Empty;
        await BoundedWait.UntilAsync(
            async cancellationToken =>
            {
                using var answer = await client.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
                text = await answer.Content.ReadAsStringAsync(cancellationToken);
                return done(text);
            },
            Patience,
            () => $"{path} never showed what was awaited; last answer:\n{text}",
            cancellationToken: _timeout.Token);
        return text;
    }

    private static double LastSuccess(string metrics) => double.Parse(
        metrics.Split('\n').Single(line => line.StartsWith("trunk_exporter_last_success_timestamp_seconds{", StringComparison.Ordinal)).Split(' ')[1],
        System.Globalization.CultureInfo.InvariantCulture);

    private static string TrunkFamilies(string exposition) => string.Join('\n', exposition.Split('\n')
        .Where(line => line.Contains("trunk_", StringComparison.Ordinal) && !line.Contains("trunk_exporter_", StringComparison.Ordinal)));
}
