using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Prometheus;
using TrunkExporter.Configuration;
using TrunkExporter.FakeGitHub;
using TrunkExporter.GitHub;
using TrunkExporter.GitHub.Policy;
using TrunkExporter.GitHub.Reading;
using TrunkExporter.Metrics;
using TrunkExporter.Refresh;
using TrunkExporter.Sources;
using TrunkExporter.Snapshots;
using TrunkExporter.Tests.GitHub;
using TrunkExporter.Tests.Support;

namespace TrunkExporter.Tests.Restart;

/// <summary>A cold start: parallel reads within the secondary limits, newest first, and a first partial state.</summary>
public sealed class ColdStartTests
{
    private const string Repo = "pytorch/pytorch";
    private static readonly TrunkShape Shape = new(Commits: 30, RunsPerCommit: 3, JobsPerCommit: 150, Seed: 7);

    [Fact]
    public async Task A_cold_start_publishes_the_newest_commits_first_as_a_partial_state_then_the_whole_window()
    {
        // Two in flight: commits finish nearly in order, so the partial state comes well before the end.
        await using var harness = await GitHubHarness.StartAsync(PyTorchLikeTrunk.Create(Shape), settings => settings["TrunkExporter:GitHub:MaxConcurrentRequests"] = "2");
        var partials = new List<TrunkSnapshot>();

        var full = await harness.Reader.ReadAsync(Repo, "main", 30, inScope: null, partials.Add, harness.Timeout);
        var again = new List<TrunkSnapshot>();
        await harness.Reader.ReadAsync(Repo, "main", 30, inScope: null, again.Add, harness.Timeout);

        var partial = Assert.Single(partials);
        Assert.InRange(partial.Commits.Count, GitHubTrunkReader.PartialCommits, 29);
        Assert.Equal(30, full.Commits.Count);
        Assert.Equal(full.Commits.Take(partial.Commits.Count), partial.Commits);
        Assert.Empty(again);
    }

    [Fact]
    public async Task A_partial_state_is_published_without_a_last_success_so_the_rule_pack_can_neither_fire_nor_resolve_on_it()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 18, 16, 0, 0, TimeSpan.Zero));
        var target = BranchTarget.From(new RepositoryOptions { Repo = Repo, Team = "dev-infra" });
        var store = new TrunkStateStore([target]);
        var served = new ServedMetrics();
        _ = new TrunkPublisher(store, served);
        var window = TrunkBuilder.Timeline(string.Join(' ', Enumerable.Repeat("F", 3).Concat(Enumerable.Repeat("S", 47))));
        string? duringRead = null;
        BranchState? partialState = null;
        var source = new PartialSource(window, async () =>
        {
            partialState = store.Current[0];
            duringRead = await served.RenderAsync(ExpositionFormat.PrometheusText);
        });
        var refresher = new BranchRefresher([source], store, clock, NullLogger<BranchRefresher>.Instance, new RefreshMetrics(served, store));

        await refresher.RefreshAsync(target, CancellationToken.None);
        var after = await served.RenderAsync(ExpositionFormat.PrometheusText);
        await refresher.RefreshAsync(target, CancellationToken.None);

        Assert.NotNull(partialState);
        Assert.Null(partialState.LastSuccess);
        Assert.False(partialState.IsReady);
        Assert.Contains("trunk_window_commits{repo=\"pytorch/pytorch\",branch=\"main\"} 10\n", duringRead, StringComparison.Ordinal);
        Assert.DoesNotContain("trunk_exporter_last_success_timestamp_seconds{", duringRead, StringComparison.Ordinal);
        Assert.Contains("trunk_window_commits{repo=\"pytorch/pytorch\",branch=\"main\"} 50\n", after, StringComparison.Ordinal);
        Assert.Contains("trunk_exporter_last_success_timestamp_seconds{", after, StringComparison.Ordinal);
        Assert.Equal(1, source.PartialsOffered);
    }

    [Fact]
    public async Task The_limiter_never_lets_more_requests_reach_GitHub_at_once_than_configured()
    {
        await using var harness = await GitHubHarness.StartAsync(
            PyTorchLikeTrunk.Create(Shape),
            settings => settings["TrunkExporter:GitHub:MaxConcurrentRequests"] = "4",
            new FakeGitHubOptions { Latency = TimeSpan.FromMilliseconds(40) });

        var snapshot = await harness.ReadAsync(Repo, window: 30);

        Assert.Equal(30, snapshot.Commits.Count);
        Assert.InRange(harness.Server.MostConcurrent, 2, 4);
    }

    [Fact]
    public async Task The_limiter_holds_a_request_until_its_points_fit_in_the_last_minute()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 18, 16, 0, 0, TimeSpan.Zero));
        using var limiter = new SecondaryRateLimiter(Options.Create(new GitHubOptions { MaxConcurrentRequests = 10, MaxPointsPerMinute = 6 }), clock);
        for (var i = 0; i < 6; i++)
        {
            (await limiter.AcquireAsync(SecondaryLimitHandler.ReadPoints, CancellationToken.None)).Dispose();
        }

        var seventh = limiter.AcquireAsync(SecondaryLimitHandler.ReadPoints, CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(59));
        await Task.Delay(50);
        var heldAt59 = !seventh.IsCompleted;
        clock.Advance(TimeSpan.FromSeconds(1.1));
        (await seventh.WaitAsync(TimeSpan.FromSeconds(10))).Dispose();

        Assert.True(heldAt59, "the seventh point of a 6-point minute went out before the minute was over");
    }

    [Fact]
    public async Task The_limiter_holds_a_request_until_a_slot_is_free()
    {
        using var limiter = new SecondaryRateLimiter(Options.Create(new GitHubOptions { MaxConcurrentRequests = 2 }), TimeProvider.System);
        var first = await limiter.AcquireAsync(1, CancellationToken.None);
        using var second = await limiter.AcquireAsync(1, CancellationToken.None);

        var third = limiter.AcquireAsync(1, CancellationToken.None);
        await Task.Delay(100);
        var heldWhileFull = !third.IsCompleted;
        first.Dispose();
        (await third.WaitAsync(TimeSpan.FromSeconds(10))).Dispose();

        Assert.True(heldWhileFull);
        Assert.Equal(2, limiter.MostInFlight);
    }

    /// <summary>Offers the newest 10 commits as a partial state, runs <paramref name="whilePartial"/>, then returns the window.</summary>
    private sealed class PartialSource(TrunkSnapshot window, Func<Task> whilePartial) : ITrunkSource
    {
        public int PartialsOffered { get; private set; }

        public bool Serves(BranchTarget target) => true;

        public Task<TrunkSnapshot> LoadAsync(BranchTarget target, CancellationToken cancellationToken) => Task.FromResult(window);

        public async Task<TrunkSnapshot> LoadAsync(BranchTarget target, Action<TrunkSnapshot>? partial, CancellationToken cancellationToken)
        {
            if (partial is not null)
            {
                PartialsOffered++;
                partial(window with { Commits = [.. window.Commits.Take(10)] });
                await whilePartial();
            }

            return window;
        }
    }
}
