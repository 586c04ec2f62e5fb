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
/// Upstream answers that used to cost unbounded memory or requests, to publish a false trunk, or to fail
/// in .NET's words: an endless body, a Link loop, a commit list that shifts between pages, absurd
/// rate-limit headers, a malformed token. Each is driven through the fake GitHub and the exporter's whole
/// GitHub stack, and ends in one clear line (counted, with the last good state kept) or in the true trunk.
/// </summary>
public sealed class UpstreamLimitTests
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

        /// <summary>A new finished commit: a refresh now has every list to read (and to fail at).</summary>
        public void PushCommit(int number) => GitHub.Server.Change(Repo, (repository, now) => Push(repository, now, number));

        public ValueTask DisposeAsync() => GitHub.DisposeAsync();
    }

    private static void Push(FakeRepository repository, DateTimeOffset now, int number)
    {
        var commit = PyTorchLikeTrunk.QueuedCommit(Shape, number);
        repository.Push(commit, now);
        repository.CompleteAll(commit.Sha, "failure", now);
    }

    private static async Task<Setup> StartAsync(bool refreshFirst = true, Action<Dictionary<string, string?>>? configure = null, string? token = GitHubHarness.Token)
    {
        var github = await GitHubHarness.StartAsync(PyTorchLikeTrunk.Create(Shape), configure, token: token);
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

    private static void AssertOneLine(string? error)
    {
        Assert.NotNull(error);
        Assert.DoesNotContain('\n', error);
        Assert.DoesNotContain("Exception", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(nameof(RequestKind.Commits))]
    [InlineData(nameof(RequestKind.Runs))]
    [InlineData(nameof(RequestKind.Jobs))]
    public async Task An_endless_body_is_cut_at_MaxResponseBytes_while_it_streams_counted_as_too_large_and_fails_that_refresh_in_one_line(string list)
    {
        var kind = Enum.Parse<RequestKind>(list);
        await using var setup = await StartAsync();
        var good = setup.State.Health;
        setup.PushCommit(1);
        setup.GitHub.Server.Inject(new Fault(FaultKind.EndlessBody, Only: kind));

        var counts = await setup.GitHub.CountAsync(setup.RefreshAsync);

        Assert.Same(good, setup.State.Health);
        AssertOneLine(setup.State.LastError);
        Assert.Contains("larger than TrunkExporter:GitHub:MaxResponseBytes (16,777,216 bytes", setup.State.LastError, StringComparison.Ordinal);
        Assert.False(setup.State.NeedsOperator);

        // One request, not retried (the unit tests show the read stops at the limit while the body streams).
        Assert.Equal(1, counts.Requests.Count(request => request.Fault == nameof(FaultKind.EndlessBody)));
        Assert.Equal(1, setup.GitHub.Metrics.Requests(code: GitHubSelfMetrics.TooLargeCode));

        await setup.RefreshAsync();
        AssertShows(setup, setup.Expected);
    }

    [Theory]
    [InlineData(nameof(RequestKind.Commits))]
    [InlineData(nameof(RequestKind.Runs))]
    [InlineData(nameof(RequestKind.Jobs))]
    public async Task A_Link_loop_stops_at_the_first_page_read_twice_with_one_line_and_keeps_the_last_good_state(string list)
    {
        var kind = Enum.Parse<RequestKind>(list);
        await using var setup = await StartAsync();
        var good = setup.State.Health;
        setup.PushCommit(1);
        setup.GitHub.Server.Inject(new Fault(FaultKind.LinkLoop, Times: 10_000, Only: kind));

        var counts = await setup.GitHub.CountAsync(setup.RefreshAsync);

        Assert.Same(good, setup.State.Health);
        AssertOneLine(setup.State.LastError);
        Assert.Contains("loops: its Link header leads back to", setup.State.LastError, StringComparison.Ordinal);

        // The first page by its first URL, then by the Link's /repositories/ID form; the next link repeats that one.
        Assert.Equal(2, counts.Of(kind));

        setup.GitHub.Server.ClearFaults();
        await setup.RefreshAsync();
        AssertShows(setup, setup.Expected);
    }

    [Fact]
    public async Task A_commit_list_that_shifts_between_pages_lists_each_commit_once_and_shows_the_true_streaks()
    {
        // Window 10 over pages of 3: a push while page 2 is asked for moves commit 3 from page 1 to page 2.
        await using var setup = await StartAsync(refreshFirst: false, configure: settings => settings["TrunkExporter:GitHub:PerPage"] = "3");
        var beforeThePush = setup.Expected;
        var listed = setup.GitHub.Server.Snapshot(Repo).Commits.Select(commit => commit.Sha).ToList();
        setup.GitHub.Server.Inject(new Fault(FaultKind.ChangeFirst, Only: RequestKind.Commits) { Page = 2, Change = (repository, now) => Push(repository, now, 1) });

        var counts = await setup.GitHub.CountAsync(setup.RefreshAsync);

        Assert.Equal(0, setup.GitHub.Server.FaultsLeft);
        Assert.Equal(2, counts.Of(RequestKind.Commits));
        AssertShows(setup, beforeThePush);
        Assert.Equal(listed.Count, setup.State.Health!.WindowCommits);

        // The next refresh sees the push.
        await setup.RefreshAsync();
        AssertShows(setup, setup.Expected);
        Assert.Equal(listed.Count + 1, setup.State.Health!.WindowCommits);
    }

    [Fact]
    public async Task A_shifted_commit_list_reads_as_the_branch_was_at_the_first_page_in_list_order()
    {
        await using var github = await GitHubHarness.StartAsync(PyTorchLikeTrunk.Create(Shape), settings => settings["TrunkExporter:GitHub:PerPage"] = "2");
        var listed = github.Server.Snapshot(Repo).Commits.Select(commit => commit.Sha).ToList();

        // Two pushes while page 2 is asked for, one more while page 3 is: pages [c1 c2] [c1 c2] [c2 c3] [c4 c5], repeats at every shift.
        github.Server.Inject(new Fault(FaultKind.ChangeFirst, Only: RequestKind.Commits) { Page = 2, Change = (repository, now) => { Push(repository, now, 1); Push(repository, now, 2); } });
        github.Server.Inject(new Fault(FaultKind.ChangeFirst, Only: RequestKind.Commits) { Page = 3, Change = (repository, now) => Push(repository, now, 3) });

        var snapshot = await github.ReadAsync(Repo, window: 10);

        Assert.Equal(0, github.Server.FaultsLeft);
        Assert.Equal(listed, snapshot.Commits.Select(commit => commit.Sha));
    }

    [Theory]
    [InlineData("99999999999999999999")] // beyond a long
    [InlineData("9223372036854775807")] // long.MaxValue seconds: beyond a TimeSpan
    [InlineData("1000000000000")] // 31,700 years
    [InlineData("86400")] // a day: longer than GitHub's one-hour window
    public async Task An_absurd_retry_after_is_taken_as_an_hour_counted_and_said_in_one_line(string retryAfter)
    {
        await using var setup = await StartAsync();
        var good = setup.State.Health;
        setup.PushCommit(1);
        setup.GitHub.Server.Inject(new Fault(FaultKind.SecondaryRateLimit403, Only: RequestKind.Commits) { RetryAfterText = retryAfter });

        var limited = await setup.GitHub.CountAsync(setup.RefreshAsync);
        var error = setup.State.LastError;
        var held = await setup.GitHub.CountAsync(setup.RefreshAsync);

        Assert.Same(good, setup.State.Health);
        AssertOneLine(error);
        Assert.StartsWith("GitHub rate limit (403", error, StringComparison.Ordinal);
        Assert.Contains($"Retry-After '{retryAfter}' is beyond GitHub's one-hour window, taken as an hour", error, StringComparison.Ordinal);
        Assert.Equal(1, limited.Total);
        Assert.Equal(0, held.Total);
        Assert.Equal(1, setup.GitHub.Metrics.Requests(GitHubEndpoint.Commits, "403"));

        // Held for the hour, not for 31,700 years.
        setup.GitHub.Time.Skip(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(5));
        await setup.RefreshAsync();
        AssertShows(setup, setup.Expected);
    }

    [Theory]
    [InlineData("99999999999999999999")]
    [InlineData("253402300800")] // one second past year 9999: beyond DateTimeOffset
    [InlineData("-99999999999999")]
    public async Task An_absurd_ratelimit_reset_on_a_good_answer_is_counted_and_read_as_at_most_an_hour_ahead(string reset)
    {
        await using var setup = await StartAsync();
        setup.PushCommit(1);
        setup.GitHub.Server.Inject(new Fault(FaultKind.OddHeaders, Only: RequestKind.Commits) { ResetText = reset });
        var before = setup.GitHub.Metrics.Requests(GitHubEndpoint.Commits, "200");
        var limits = new List<RateLimitInfo>();
        setup.GitHub.RateLimits.OnKept(limits.Add);

        await setup.RefreshAsync();

        AssertShows(setup, setup.Expected);
        Assert.Equal(before + 1, setup.GitHub.Metrics.Requests(GitHubEndpoint.Commits, "200"));
        Assert.NotEmpty(limits);
        Assert.All(limits, limit => Assert.InRange(limit.Reset!.Value, DateTimeOffset.UnixEpoch, setup.GitHub.Time.GetUtcNow() + TimeSpan.FromHours(2)));
    }

    [Fact]
    public async Task An_exhausted_limit_with_an_absurd_reset_is_counted_said_in_one_line_and_held_an_hour()
    {
        await using var setup = await StartAsync();
        var good = setup.State.Health;
        setup.PushCommit(1);
        setup.GitHub.Server.Inject(new Fault(FaultKind.PrimaryRateLimit403, Only: RequestKind.Runs) { ResetText = "99999999999999999" });

        var limited = await setup.GitHub.CountAsync(setup.RefreshAsync);

        Assert.Same(good, setup.State.Health);
        AssertOneLine(setup.State.LastError);
        Assert.StartsWith("GitHub rate limit (403", setup.State.LastError, StringComparison.Ordinal);
        Assert.Contains("x-ratelimit-reset '99999999999999999' is beyond GitHub's one-hour window, taken as an hour from now", setup.State.LastError, StringComparison.Ordinal);
        Assert.Equal(1, limited.Of(RequestKind.Runs));
        Assert.Equal(1, setup.GitHub.Metrics.Requests(GitHubEndpoint.Runs, "403"));

        setup.GitHub.Time.Skip(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1));
        await setup.RefreshAsync();
        AssertShows(setup, setup.Expected);
    }

    [Theory]
    [InlineData("ghp_first\nghp_second\n", "has more than one line")]
    [InlineData("ghp_first\r\nghp_second", "has more than one line")]
    [InlineData("ghp_t\u00f6ken\n", "contains non-ASCII characters")]
    [InlineData("ghp_\u200btoken", "contains non-ASCII characters")]
    [InlineData("ghp_to ken", "contains a space or a control character")]
    public async Task A_malformed_token_file_is_one_clear_line_no_request_and_needs_an_operator(string content, string problem)
    {
        using var directory = new TempDirectory();
        var file = directory.File("token");
        await File.WriteAllTextAsync(file, content);
        await using var setup = await StartAsync(refreshFirst: false, token: null, configure: settings => settings["TrunkExporter:GitHub:TokenFile"] = file);

        var counts = await setup.GitHub.CountAsync(setup.RefreshAsync);

        Assert.Equal(0, counts.Total);
        Assert.False(setup.State.IsReady);
        Assert.True(setup.State.NeedsOperator);
        AssertOneLine(setup.State.LastError);
        Assert.Contains(problem, setup.State.LastError, StringComparison.Ordinal);
        Assert.Contains(file, setup.State.LastError, StringComparison.Ordinal);
        Assert.DoesNotContain("ghp_", setup.State.LastError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ghp_first\nghp_second", "GITHUB_TOKEN has more than one line")]
    [InlineData("ghp_t\u00f6ken", "the GitHub token from GITHUB_TOKEN contains non-ASCII characters")]
    public async Task A_malformed_GITHUB_TOKEN_is_one_clear_line_no_request_and_needs_an_operator(string token, string message)
    {
        await using var setup = await StartAsync(refreshFirst: false, token: token);

        var counts = await setup.GitHub.CountAsync(setup.RefreshAsync);

        Assert.Equal(0, counts.Total);
        Assert.True(setup.State.NeedsOperator);
        Assert.StartsWith(message, setup.State.LastError, StringComparison.Ordinal);
        Assert.DoesNotContain(setup.GitHub.Logs.Lines, line => line.Message.Contains("ghp_", StringComparison.Ordinal));
    }
}
