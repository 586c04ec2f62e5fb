using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Prometheus;
using TrunkExporter.Configuration;
using TrunkExporter.GitHub;
using TrunkExporter.Metrics;
using TrunkExporter.Refresh;
using TrunkExporter.Snapshots;
using TrunkExporter.Sources;
using TrunkExporter.Tests.Support;

namespace TrunkExporter.Tests.Hosting;

public sealed class BranchRefresherTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 18, 16, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_failing_refresh_keeps_the_last_good_state_and_counts_the_failure()
    {
        var file = _directory.File("trunk.json");
        SnapshotWriter.WriteFile(TrunkBuilder.Timeline("F F F"), file);
        var (target, store, refresher, served) = Create(file);

        await refresher.RefreshAsync(target, CancellationToken.None);
        var good = store.Current[0];
        await File.WriteAllTextAsync(file, "{ truncated");
        _clock.Advance(TimeSpan.FromMinutes(1));
        var after = await refresher.RefreshAsync(target, CancellationToken.None);

        Assert.Same(good.Health, after.Health);
        Assert.Equal(good.LastSuccess, after.LastSuccess);
        Assert.Equal(1, after.RefreshFailures);
        Assert.StartsWith($"snapshot {file}: $: is not valid JSON", after.LastError, StringComparison.Ordinal);
        Assert.True(store.IsReady);

        var metrics = await served.RenderAsync(ExpositionFormat.PrometheusText);
        Assert.Contains("trunk_exporter_refresh_failures_total{repo=\"pytorch/pytorch\",branch=\"main\"} 1\n", metrics, StringComparison.Ordinal);
        Assert.Contains("trunk_job_failure_streak{repo=\"pytorch/pytorch\",branch=\"main\",workflow=\"pull\",job_name=\"linux-jammy-py3.10-gcc11 / test (default, linux.4xlarge)\"} 3\n", metrics, StringComparison.Ordinal);
        Assert.Contains($"trunk_exporter_last_success_timestamp_seconds{{repo=\"pytorch/pytorch\",branch=\"main\"}} {_clock.GetUtcNow().AddMinutes(-1).ToUnixTimeSeconds()}\n", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_replay_file_is_read_again_when_it_changes_and_the_next_success_clears_the_error()
    {
        var file = _directory.File("trunk.json");
        SnapshotWriter.WriteFile(TrunkBuilder.Timeline("F F F"), file);
        var (target, _, refresher, _) = Create(file);
        await refresher.RefreshAsync(target, CancellationToken.None);
        await File.WriteAllTextAsync(file, "[]");
        await refresher.RefreshAsync(target, CancellationToken.None);

        SnapshotWriter.WriteFile(TrunkBuilder.Timeline("S F F F"), file);
        File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddSeconds(5));
        var state = await refresher.RefreshAsync(target, CancellationToken.None);

        Assert.Equal(0, Assert.Single(state.Health!.Jobs).Streak);
        Assert.Null(state.LastError);
        Assert.Equal(1, state.RefreshFailures);
    }

    [Fact]
    public async Task A_replay_file_for_another_repository_is_refused()
    {
        var file = _directory.File("trunk.json");
        SnapshotWriter.WriteFile(TrunkBuilder.Timeline("F") with { Repo = "someone/else" }, file);
        var (target, _, refresher, _) = Create(file);

        var state = await refresher.RefreshAsync(target, CancellationToken.None);

        Assert.False(state.IsReady);
        Assert.Contains("describes someone/else branch main, but it is configured for pytorch/pytorch branch main", state.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_replay_file_spelling_the_repository_in_other_letter_case_is_served_under_the_configured_spelling()
    {
        var file = _directory.File("trunk.json");
        SnapshotWriter.WriteFile(TrunkBuilder.Timeline("F F F") with { Repo = "PyTorch/PyTorch" }, file);
        var (target, _, refresher, served) = Create(file);

        await refresher.RefreshAsync(target, CancellationToken.None);
        var metrics = await served.RenderAsync(ExpositionFormat.PrometheusText);

        Assert.DoesNotContain("PyTorch/PyTorch", metrics, StringComparison.Ordinal);
        Assert.Contains("trunk_window_commits{repo=\"pytorch/pytorch\",branch=\"main\"} 3\n", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shifting_times_puts_the_newest_commit_at_the_clocks_now()
    {
        var file = _directory.File("trunk.json");
        SnapshotWriter.WriteFile(TrunkBuilder.Timeline("F F F"), file);
        var (target, _, refresher, _) = Create(file, shift: true);

        var state = await refresher.RefreshAsync(target, CancellationToken.None);

        Assert.Equal(_clock.GetUtcNow(), state.Health!.Commits[0].Time);
        Assert.Equal(_clock.GetUtcNow(), state.Health.Jobs[0].LastFailure);
    }

    [Fact]
    public async Task One_failing_repository_does_not_touch_another()
    {
        var good = _directory.File("good.json");
        SnapshotWriter.WriteFile(TrunkBuilder.Timeline("F"), good);
        var bad = _directory.File("bad.json");
        await File.WriteAllTextAsync(bad, "nope");
        var goodTarget = BranchTarget.From(new RepositoryOptions { Repo = "pytorch/pytorch", ReplayFile = good });
        var badTarget = BranchTarget.From(new RepositoryOptions { Repo = "pytorch/pytorch", Branch = "release", ReplayFile = bad });
        var store = new TrunkStateStore([goodTarget, badTarget]);
        var refresher = new BranchRefresher([new ReplaySource(_clock)], store, _clock, NullLogger<BranchRefresher>.Instance);

        await refresher.RefreshAsync(goodTarget, CancellationToken.None);
        await refresher.RefreshAsync(badTarget, CancellationToken.None);

        Assert.Equal([(true, 0L), (false, 1L)], store.Current.Select(state => (state.IsReady, state.RefreshFailures)));
        Assert.False(store.IsReady);
    }

    [Theory]
    [InlineData("Unauthorized", false)]
    [InlineData("MissingToken", false)]
    [InlineData("NotFound", false)]
    [InlineData("RateLimited", true)]
    [InlineData("ServerError", true)]
    public async Task A_failure_only_an_operator_can_mend_makes_a_refreshed_branch_not_ready_until_the_next_success(string failure, bool stillReady)
    {
        var target = BranchTarget.From(new RepositoryOptions { Repo = "pytorch/pytorch" });
        var store = new TrunkStateStore([target]);
        var source = new ScriptedSource();
        var refresher = new BranchRefresher([source], store, _clock, NullLogger<BranchRefresher>.Instance);

        source.Next = () => TrunkBuilder.Timeline("F");
        Assert.True((await refresher.RefreshAsync(target, CancellationToken.None)).IsReady);
        source.Next = () => throw new GitHubException(Enum.Parse<GitHubFailure>(failure), "GitHub said no");
        var failed = await refresher.RefreshAsync(target, CancellationToken.None);
        source.Next = () => TrunkBuilder.Timeline("F");
        var recovered = await refresher.RefreshAsync(target, CancellationToken.None);

        Assert.Equal((stillReady, !stillReady), (failed.IsReady, failed.NeedsOperator));
        Assert.NotNull(failed.Health);
        Assert.True(recovered.IsReady);
    }

    [Fact]
    public async Task A_branch_that_never_refreshed_still_reports_its_owner_but_no_trunk_or_success_series()
    {
        var target = BranchTarget.From(new RepositoryOptions { Repo = "pytorch/pytorch", Team = "dev-infra" });
        var store = new TrunkStateStore([target]);
        var served = new ServedMetrics();
        _ = new TrunkPublisher(store, served);
        var source = new ScriptedSource { Next = () => throw new GitHubException(GitHubFailure.Unauthorized, "GitHub rejected the token (401)") };
        await new BranchRefresher([source], store, _clock, NullLogger<BranchRefresher>.Instance, new RefreshMetrics(served, store))
            .RefreshAsync(target, CancellationToken.None);

        var metrics = await served.RenderAsync(ExpositionFormat.PrometheusText);

        Assert.Contains("trunk_repo_info{repo=\"pytorch/pytorch\",branch=\"main\",team=\"dev-infra\"} 1\n", metrics, StringComparison.Ordinal);
        Assert.Contains("trunk_exporter_refresh_failures_total{repo=\"pytorch/pytorch\",branch=\"main\"} 1\n", metrics, StringComparison.Ordinal);
        Assert.DoesNotContain("trunk_exporter_last_success_timestamp_seconds{", metrics, StringComparison.Ordinal);
        Assert.DoesNotContain("trunk_job_failure_streak{", metrics, StringComparison.Ordinal);
        Assert.DoesNotContain("trunk_window_commits{", metrics, StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Dispose();

    private sealed class ScriptedSource : ITrunkSource
    {
        public Func<TrunkSnapshot> Next { get; set; } = () => throw new InvalidOperationException("no script");

        public bool Serves(BranchTarget target) => true;

        public Task<TrunkSnapshot> LoadAsync(BranchTarget target, CancellationToken cancellationToken) => Task.FromResult(Next());
    }

    /// <summary>A refresher over a replay file, wired to a served registry as the service wires it.</summary>
    private (BranchTarget Target, TrunkStateStore Store, BranchRefresher Refresher, ServedMetrics Served) Create(string file, bool shift = false)
    {
        var target = BranchTarget.From(new RepositoryOptions { Repo = "pytorch/pytorch", Team = "dev-infra", ReplayFile = file, ShiftTimesToNow = shift });
        var store = new TrunkStateStore([target]);
        var served = new ServedMetrics();
        _ = new TrunkPublisher(store, served);
        return (target, store, new BranchRefresher([new ReplaySource(_clock)], store, _clock, NullLogger<BranchRefresher>.Instance, new RefreshMetrics(served, store)), served);
    }
}
