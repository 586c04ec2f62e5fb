using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TrunkExporter.FakeGitHub;
using TrunkExporter.GitHub;
using TrunkExporter.GitHub.Auth;
using TrunkExporter.GitHub.Policy;
using TrunkExporter.GitHub.Reading;
using TrunkExporter.Health;
using TrunkExporter.Snapshots;

namespace TrunkExporter.Benchmarks.ColdStart;

/// <summary>
/// `dotnet run -c Release --project bench/TrunkExporter.Benchmarks -- coldstart`: the exporter's GitHub
/// reader, wired as the service wires it (default limits, a data directory), against a fake GitHub
/// that takes 150 ms per answer, on a PyTorch-scale trunk (50 commits of 10 runs and 1,500 jobs).
/// A cold start: time to the first partial state and to the whole window, the most requests in any
/// 60 s and in flight at once (counted at the fake). Then a restart over the unchanged trunk: a new
/// reader over the same data directory, its load, its first refresh and what that cost. Then the
/// cache's size on disk and how long a save and a load take.
/// </summary>
internal static class ColdStartMeasurement
{
    private const string Repo = "pytorch/pytorch";
    private const int Window = 50;
    private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(150);

    public static async Task<int> RunAsync(TextWriter output, IReadOnlyList<string> args)
    {
        var everyWorkflow = args.Contains("--every-workflow");
        var shape = TrunkShape.PyTorch;
        var data = Directory.CreateTempSubdirectory("trunk-exporter-coldstart-").FullName;
        try
        {
            await using var fake = await FakeGitHubServer.StartAsync(PyTorchLikeTrunk.Create(shape), new FakeGitHubOptions { RateLimit = 1_000_000, Latency = Latency });
            var scope = everyWorkflow ? null : (Func<string, bool>)ScopeSettings.Default.WorkflowPattern.IsMatch;
            var workflows = everyWorkflow ? ".*" : ScopeSettings.DefaultWorkflowPattern;
            await output.WriteLineAsync($"Cold start against the fake GitHub, {Latency.TotalMilliseconds:0} ms per answer: {shape.Commits} commits, {shape.RunsPerCommit} runs and {shape.JobsPerCommit} jobs per commit, window {Window}, workflows {(everyWorkflow ? "all" : $"in the default scope ({workflows})")}.");

            // Cold start.
            await using (var cold = new Reader(fake.ApiBaseUrl, data))
            {
                await output.WriteLineAsync($"Limits: {cold.Options.MaxConcurrentRequests} requests in flight, {cold.Options.MaxPointsPerMinute} points a minute.");
                var clock = Stopwatch.StartNew();
                TimeSpan? partialAt = null;
                var partialCommits = 0;
                var snapshot = await cold.Value.RefreshAsync(Identity(fake, cold.Options, workflows), scope, partial =>
                {
                    partialAt = clock.Elapsed;
                    partialCommits = partial.Commits.Count;
                }, CancellationToken.None);
                var full = clock.Elapsed;
                var counts = fake.Counts;
                await output.WriteLineAsync($"cold start: first partial state after {Seconds(partialAt)} ({partialCommits} commits; goal <= 15 s), whole window ({snapshot.Commits.Count} commits) after {Seconds(full)} (goal <= 90 s, cache saved included)");
                await output.WriteLineAsync($"cold start: {counts}; most in any 60 s: {counts.MostWithin(TimeSpan.FromMinutes(1))} (must be <= 900); most in flight at once: {fake.MostConcurrent} (limiter: {cold.Limiter.MostInFlight})");
            }

            var file = Directory.GetFiles(data, "*.cache").Single();
            var bytes = new FileInfo(file).Length;

            // Restart over the unchanged trunk.
            fake.ResetCounts();
            await using (var restart = new Reader(fake.ApiBaseUrl, data))
            {
                var clock = Stopwatch.StartNew();
                var restored = restart.Value.Restore(Identity(fake, restart.Options, workflows));
                var loaded = clock.Elapsed;
                var snapshot = await restart.Value.RefreshAsync(Identity(fake, restart.Options, workflows), scope, null, CancellationToken.None);
                var refreshed = clock.Elapsed;
                var counts = fake.Counts;
                await output.WriteLineAsync($"restart: saved state ({restored?.Commits.Count ?? 0} commits) published after {Seconds(loaded)} (ready); first refresh done after {Seconds(refreshed)}: {counts}, {counts.RateLimited} spent rate limit");
                if (restored is null || counts.RateLimited != 0 || snapshot.Commits.Count != Window)
                {
                    await output.WriteLineAsync("restart: NOT as expected (a restart over an unchanged trunk must publish the saved state and spend only 304s)");
                    return 1;
                }
            }

            // The cache file: its size, and a save and a load on their own.
            await output.WriteLineAsync($"cache: {file}: {bytes:N0} bytes ({bytes / 1024.0 / 1024.0:0.0} MiB) on disk");
            await MeasureStoreAsync(output, data, fake, workflows);
            return 0;
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static async Task MeasureStoreAsync(TextWriter output, string data, FakeGitHubServer fake, string workflows)
    {
        var store = new BranchCacheStore(data, NullLogger<BranchCacheStore>.Instance);
        var identity = Identity(fake, new GitHubOptions(), workflows);
        var loads = new List<double>();
        var saves = new List<double>();
        PersistedBranch? saved = null;
        for (var i = 0; i < 5; i++)
        {
            var clock = Stopwatch.StartNew();
            saved = store.Load(identity) ?? throw new InvalidOperationException("the cache did not load");
            loads.Add(clock.Elapsed.TotalMilliseconds);
            clock.Restart();
            store.Save(saved);
            saves.Add(clock.Elapsed.TotalMilliseconds);
        }

        var jobs = saved!.Commits.Sum(commit => commit.Runs.Sum(run => run.Jobs.Count));
        await output.WriteLineAsync($"cache: {saved.Commits.Count} commits, {jobs:N0} jobs, {saved.Answers.Count:N0} ETag answers; load (read, decompress, parse) median {Median(loads):0} ms, save (serialize, compress, fsync, rename) median {Median(saves):0} ms, of 5");
        await SqliteComparison.RunAsync(output, saved, data);
    }

    private static BranchCacheIdentity Identity(FakeGitHubServer fake, GitHubOptions options, string workflows) =>
        new(Repo, "main", new Uri(fake.ApiBaseUrl.TrimEnd('/') + "/").AbsoluteUri, Window, workflows, options.PerPage);

    private static string Seconds(TimeSpan? span) => span is { } value ? $"{value.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s" : "never";

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    /// <summary>The GitHub stack as the service registers it, with a data directory.</summary>
    private sealed class Reader : IAsyncDisposable
    {
        private readonly ServiceProvider _services;

        public Reader(string apiBaseUrl, string data)
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["TrunkExporter:GitHub:ApiBaseUrl"] = apiBaseUrl,
            }).Build();
            var services = new ServiceCollection();
            services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning).AddSimpleConsole());
            services.AddSingleton(TimeProvider.System);
            services.AddGitHubReader(configuration);
            services.AddSingleton(provider => new BranchCacheStore(data, provider.GetRequiredService<ILogger<BranchCacheStore>>()));
            services.AddSingleton(provider => new GitHubCredentials(provider.GetRequiredService<IOptions<GitHubOptions>>(), _ => "benchmark-token"));
            _services = services.BuildServiceProvider();
        }

        public GitHubTrunkReader Value => _services.GetRequiredService<GitHubTrunkReader>();

        public GitHubOptions Options => _services.GetRequiredService<IOptions<GitHubOptions>>().Value;

        public SecondaryRateLimiter Limiter => _services.GetRequiredService<SecondaryRateLimiter>();

        public ValueTask DisposeAsync() => _services.DisposeAsync();
    }
}
