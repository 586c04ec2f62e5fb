using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using TrunkExporter.Configuration;
using TrunkExporter.FakeGitHub;
using TrunkExporter.GitHub;
using TrunkExporter.GitHub.Auth;
using TrunkExporter.GitHub.Http;
using TrunkExporter.GitHub.Policy;
using TrunkExporter.GitHub.Reading;
using TrunkExporter.GitHub.Wire;
using TrunkExporter.Health;
using TrunkExporter.Refresh;
using TrunkExporter.Tests.Support;

namespace TrunkExporter.Tests.GitHub;

/// <summary>
/// Every injected fault: no crash, the last good state kept while it lasts, a bounded number of
/// attempts, and the right trunk once it clears. Waits are scaled down (see <see cref="GitHubHarness"/>).
/// </summary>
public sealed class FaultTests
{
    private const string Repo = "pytorch/pytorch";
    private static readonly TrunkShape Shape = new(Commits: 5, RunsPerCommit: 2, JobsPerCommit: 150, Seed: 21);
    private static readonly BranchTarget Target = BranchTarget.From(new RepositoryOptions { Repo = Repo, Team = "dev-infra", Window = 10 });

    private sealed record Setup(GitHubHarness GitHub, BranchRefresher Refresher, TrunkStateStore Store) : IAsyncDisposable
    {
        public BranchState State => Store.Current[0];

        public Task<BranchState> RefreshAsync() => Refresher.RefreshAsync(Target, GitHub.Timeout);

        /// <summary>The trunk the exporter must show: the fake's current truth, through the same calculation.</summary>
        public TrunkHealth Expected => TrunkHealthCalculator.Calculate(GitHub.Server.Snapshot(Repo), Target.Scope);

        /// <summary>A new finished commit: a refresh now has real work to do (and to fail at).</summary>
        public void PushCommit(int number) => GitHub.Server.Change(Repo, (repository, now) =>
        {
            var commit = PyTorchLikeTrunk.QueuedCommit(Shape, number);
            repository.Push(commit, now);
            repository.CompleteAll(commit.Sha, "failure", now);
        });

        public ValueTask DisposeAsync() => GitHub.DisposeAsync();
    }

    private static async Task<Setup> SteadyAsync(
        string? token = GitHubHarness.Token, FakeGitHubOptions? fake = null, bool refreshFirst = true, Action<Dictionary<string, string?>>? configure = null)
    {
        var github = await GitHubHarness.StartAsync(PyTorchLikeTrunk.Create(Shape), configure, fake, token);
        var (refresher, store) = github.Refresher(Target);
        var setup = new Setup(github, refresher, store);
        if (refreshFirst)
        {
            Assert.Null((await setup.RefreshAsync()).LastError);
        }

        return setup;
    }

    private static void AssertShows(Setup setup, TrunkHealth expected)
    {
        Assert.Null(setup.State.LastError);
        Assert.Equivalent(expected, setup.State.Health, strict: true);
    }

    [Fact]
    public async Task A_burst_of_5xx_shorter_than_the_retries_is_absorbed()
    {
        await using var setup = await SteadyAsync();
        setup.PushCommit(1);
        setup.GitHub.Server.Inject(new Fault(FaultKind.ServerError, Times: 2, Only: RequestKind.Jobs, Status: 503));

        var counts = await setup.GitHub.CountAsync(setup.RefreshAsync);

        AssertShows(setup, setup.Expected);
        Assert.Equal(2, counts.WithStatus(503));
        Assert.Equal(1 + 1 + 2 + 2, counts.Total);
        Assert.Equal(2, setup.GitHub.Metrics.Requests(GitHubEndpoint.Jobs, "503"));
    }

    [Fact]
    public async Task A_longer_5xx_outage_fails_that_refresh_after_the_bounded_retries_and_keeps_the_last_good_state()
    {
        await using var setup = await SteadyAsync();
        var good = setup.State.Health;
        setup.PushCommit(1);
        setup.GitHub.Server.Inject(new Fault(FaultKind.ServerError, Times: 1000, Only: RequestKind.Runs));

        var counts = await setup.GitHub.CountAsync(setup.RefreshAsync);

        Assert.Same(good, setup.State.Health);
        Assert.Equal(1, setup.State.RefreshFailures);
        Assert.Contains("GitHub answered 502", setup.State.LastError, StringComparison.Ordinal);
        Assert.Equal(setup.GitHub.Options.MaxRetries + 1, counts.Of(RequestKind.Runs));

        setup.GitHub.Server.ClearFaults();
        await setup.RefreshAsync();
        AssertShows(setup, setup.Expected);
    }

    [Theory]
    [InlineData(403)]
    [InlineData(429)]
    public async Task A_rate_limit_answer_with_retry_after_is_retried_after_exactly_that_wait(int status)
    {
        var kind = status == 429 ? FaultKind.TooManyRequests429 : FaultKind.SecondaryRateLimit403;
        await using var setup = await SteadyAsync();
        setup.PushCommit(1);
        setup.GitHub.Server.Inject(new Fault(kind, Only: RequestKind.Commits, RetryAfter: TimeSpan.FromSeconds(1)));
        setup.GitHub.Time.ClearTimers();

        var counts = await setup.GitHub.CountAsync(setup.RefreshAsync);

        AssertShows(setup, setup.Expected);
        Assert.Contains(TimeSpan.FromSeconds(1), setup.GitHub.Time.Timers);
        Assert.Equal(2, counts.Of(RequestKind.Commits));
    }

    [Theory]
    [InlineData(403)]
    [InlineData(429)]
    public async Task A_rate_limit_answer_without_hints_waits_the_secondary_minimum(int status)
    {
        var kind = status == 429 ? FaultKind.TooManyRequests429 : FaultKind.SecondaryRateLimit403;
        await using var setup = await SteadyAsync();
        setup.PushCommit(1);
        setup.GitHub.Server.Inject(new Fault(kind, Only: RequestKind.Jobs));
        setup.GitHub.Time.ClearTimers();

        await setup.RefreshAsync();

        AssertShows(setup, setup.Expected);
        Assert.Contains(setup.GitHub.Options.SecondaryRateLimitWait, setup.GitHub.Time.Timers);
    }

    [Fact]
    public async Task An_exhausted_primary_limit_waits_for_its_reset_then_continues()
    {
        await using var setup = await SteadyAsync();
        setup.PushCommit(1);
        setup.GitHub.Server.Inject(new Fault(FaultKind.PrimaryRateLimit403, Only: RequestKind.Runs, ResetIn: TimeSpan.FromSeconds(1)));
        setup.GitHub.Time.ClearTimers();

        var counts = await setup.GitHub.CountAsync(setup.RefreshAsync);

        AssertShows(setup, setup.Expected);
        Assert.Contains(setup.GitHub.Time.Timers, wait => wait >= TimeSpan.FromSeconds(1) && wait <= TimeSpan.FromSeconds(3));
        Assert.Equal(2, counts.Of(RequestKind.Runs));
    }

    [Fact]
    public async Task A_reset_too_far_away_fails_fast_holds_every_request_until_then_and_resumes_after_it()
    {
        await using var setup = await SteadyAsync();
        var good = setup.State.Health;
        setup.PushCommit(1);
        setup.GitHub.Server.Inject(new Fault(FaultKind.PrimaryRateLimit403, Only: RequestKind.Commits, ResetIn: TimeSpan.FromHours(1)));

        var limited = await setup.GitHub.CountAsync(setup.RefreshAsync);
        var held = await setup.GitHub.CountAsync(setup.RefreshAsync);

        Assert.Equal(1, limited.Total);
        Assert.Equal(0, held.Total);
        Assert.Same(good, setup.State.Health);
        Assert.StartsWith("GitHub rate limit", setup.State.LastError, StringComparison.Ordinal);
        Assert.Contains("resumes after", setup.State.LastError, StringComparison.Ordinal);

        setup.GitHub.Time.Skip(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1));
        await setup.RefreshAsync();
        AssertShows(setup, setup.Expected);
    }

    [Fact]
    public async Task A_slow_answer_hits_the_attempt_timeout_and_is_retried()
    {
        await using var setup = await SteadyAsync(configure: settings => settings["TrunkExporter:GitHub:RequestTimeout"] = "00:00:01");
        setup.PushCommit(1);
        setup.GitHub.Server.Inject(new Fault(FaultKind.Slow, Only: RequestKind.Runs, Delay: TimeSpan.FromSeconds(30)));

        var counts = await setup.GitHub.CountAsync(setup.RefreshAsync);

        AssertShows(setup, setup.Expected);
        Assert.InRange(setup.GitHub.Metrics.Requests(GitHubEndpoint.Runs, GitHubSelfMetrics.TimeoutCode), 1, setup.GitHub.Options.MaxRetries);
        Assert.InRange(counts.Of(RequestKind.Runs), 2, setup.GitHub.Options.MaxRetries + 1);
    }

    [Theory]
    [InlineData(nameof(FaultKind.TruncatedBody))]
    [InlineData(nameof(FaultKind.MalformedBody))]
    public async Task A_truncated_or_malformed_json_body_fails_that_refresh_only_and_is_not_cached(string kind)
    {
        await using var setup = await SteadyAsync();
        var good = setup.State.Health;
        setup.PushCommit(1);
        setup.GitHub.Server.Inject(new Fault(Enum.Parse<FaultKind>(kind), Only: RequestKind.Jobs));

        var truncated = await setup.GitHub.CountAsync(setup.RefreshAsync);

        Assert.Same(good, setup.State.Health);
        Assert.Contains("malformed or truncated JSON", setup.State.LastError, StringComparison.Ordinal);
        Assert.Equal(1, truncated.Of(RequestKind.Jobs));

        var recovered = await setup.GitHub.CountAsync(setup.RefreshAsync);
        AssertShows(setup, setup.Expected);

        // The truncated page was read again in full; the run list (already read) came from the cache.
        Assert.Equal(0, recovered.Requests.Count(request => request.Kind == RequestKind.Jobs && request.IfNoneMatch is not null && request.Status == 304));
        Assert.Equal(304, recovered.Requests.Single(request => request.Kind == RequestKind.Runs).Status);
    }

    [Fact]
    public async Task A_connection_cut_mid_body_is_retried()
    {
        await using var setup = await SteadyAsync();
        setup.PushCommit(1);
        setup.GitHub.Server.Inject(new Fault(FaultKind.ConnectionReset, Only: RequestKind.Jobs));

        await setup.RefreshAsync();

        AssertShows(setup, setup.Expected);
        Assert.Equal(1, setup.GitHub.Metrics.Requests(GitHubEndpoint.Jobs, GitHubSelfMetrics.ErrorCode));
    }

    [Fact]
    public async Task A_rejected_token_is_one_clear_line_one_request_not_ready_and_never_retried()
    {
        await using var setup = await SteadyAsync(fake: new FakeGitHubOptions { AcceptedToken = "another-token" }, refreshFirst: false);

        var first = await setup.GitHub.CountAsync(setup.RefreshAsync);
        var second = await setup.GitHub.CountAsync(setup.RefreshAsync);

        Assert.Equal(1, first.Total);
        Assert.Equal(1, second.Total);
        Assert.False(setup.State.IsReady);
        Assert.StartsWith("GitHub rejected the token (401", setup.State.LastError, StringComparison.Ordinal);
        var lines = setup.GitHub.Logs.Lines.Where(line => line.Level >= LogLevel.Warning).ToList();
        Assert.Equal(2, lines.Count);
        Assert.All(lines, line => Assert.Contains("GitHub rejected the token (401", line.Message, StringComparison.Ordinal));
        Assert.DoesNotContain(setup.GitHub.Logs.Lines, line => line.Message.Contains(GitHubHarness.Token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_missing_token_is_one_clear_line_and_no_request()
    {
        await using var setup = await SteadyAsync(token: null, refreshFirst: false);

        var counts = await setup.GitHub.CountAsync(setup.RefreshAsync);

        Assert.Equal(0, counts.Total);
        Assert.False(setup.State.IsReady);
        Assert.StartsWith("no GitHub token: set GITHUB_TOKEN", setup.State.LastError, StringComparison.Ordinal);
        Assert.Single(setup.GitHub.Logs.Lines, line => line.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task Near_the_reserve_the_client_waits_for_the_reset_instead_of_running_dry()
    {
        // 16 requests for a cold start, 20 per 3-second window and a reserve of 6: 14, a wait for the reset, 2 more; never a 403.
        // The fake and the client share a FakeTimeProvider (on a whole second, as the reset header is), so no machine is too slow for the window.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var fake = new FakeGitHubOptions { RateLimit = 20, RateLimitWindow = TimeSpan.FromSeconds(3) };
        await using var github = await GitHubHarness.StartAsync(
            PyTorchLikeTrunk.Create(Shape), settings => settings["TrunkExporter:GitHub:RateLimitReserve"] = "6", fake, clock: clock);
        var untilResetAndASecond = TimeSpan.FromSeconds(4);

        var read = github.CountAsync(() => github.ReadAsync(Repo, window: 10));
        await BoundedWait.UntilAsync(
            _ => Task.FromResult(github.Logs.Lines.Any(line => line.Message.StartsWith($"Holding GitHub requests for {untilResetAndASecond.TotalSeconds:F0} s", StringComparison.Ordinal))),
            TimeSpan.FromSeconds(30),
            () => $"the client to hold its requests for {untilResetAndASecond.TotalSeconds} s at the reserve; {github.Server.Counts.Total} requests so far",
            cancellationToken: github.Timeout);
        var beforeTheHold = github.Server.Counts.Total;

        // The hold's timer is set just after its log line: a second more of fake time, as often as needed, covers that gap.
        clock.Advance(untilResetAndASecond);
        while (await Task.WhenAny(read, Task.Delay(500, github.Timeout)) != read)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        var counts = await read;

        Assert.Equal(14, beforeTheHold);
        Assert.Equal(16, counts.Total);
        Assert.Equal(0, counts.WithStatus(403));
        Assert.Equal(18, github.Server.RateLimitRemaining);
        Assert.Contains(github.Logs.Lines, line => line.Message.StartsWith("Holding GitHub requests", StringComparison.Ordinal));
        SnapshotAssert.Equivalent(github.Server.Snapshot(Repo), await github.ReadAsync(Repo, window: 10));
    }

    [Fact]
    public async Task A_failing_repository_does_not_affect_another()
    {
        var healthy = PyTorchLikeTrunk.Create(Shape, repo: "pytorch/vision");
        var failing = PyTorchLikeTrunk.Create(Shape, repo: "pytorch/audio", branch: "release");
        await using var github = await GitHubHarness.StartAsync([healthy, failing]);
        var vision = BranchTarget.From(new RepositoryOptions { Repo = "pytorch/vision", Team = "vision", Window = 3 });
        var audio = BranchTarget.From(new RepositoryOptions { Repo = "pytorch/audio", Branch = "release", Team = "audio", Window = 4 });
        var (refresher, store) = github.Refresher(vision, audio);
        github.Server.Inject(new Fault(FaultKind.ServerError, Times: 1000, Repo: "pytorch/audio"));

        await Task.WhenAll(refresher.RefreshAsync(vision, github.Timeout), refresher.RefreshAsync(audio, github.Timeout));

        Assert.True(store.Current[0].IsReady);
        Assert.Equal(3, store.Current[0].Health!.WindowCommits);
        Assert.False(store.Current[1].IsReady);
        Assert.Contains("502", store.Current[1].LastError, StringComparison.Ordinal);

        github.Server.ClearFaults();
        await refresher.RefreshAsync(audio, github.Timeout);
        Assert.Equal(4, store.Current[1].Health!.WindowCommits);
        Assert.Equal("release", store.Current[1].Health!.Branch);
    }
}
