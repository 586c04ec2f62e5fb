using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using TrunkExporter.Configuration;
using TrunkExporter.FakeGitHub;
using TrunkExporter.GitHub;
using TrunkExporter.GitHub.Auth;
using TrunkExporter.Tests.Support;

namespace TrunkExporter.Tests.GitHub;

/// <summary>
/// GitHub App sign-in against the fake GitHub, which verifies the JWT (signature with the App's public
/// key, iss, iat, exp) and issues installation tokens that expire; time is a FakeTimeProvider that
/// the fake and the exporter share.
/// </summary>
public sealed class AppSignInTests : IDisposable
{
    private const string Repo = "pytorch/pytorch";
    private const long AppId = 1_234_567;
    private const long InstallationId = 42_424_242;
    private static readonly TrunkShape Shape = new(Commits: 3, RunsPerCommit: 2, JobsPerCommit: 20, Seed: 31);
    private static readonly BranchTarget Target = BranchTarget.From(new RepositoryOptions { Repo = Repo, Team = "dev-infra", Window = 3 });

    private readonly RSA _key = RSA.Create(2048);
    private readonly TempDirectory _directory = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 18, 16, 0, 0, TimeSpan.Zero));

    public void Dispose()
    {
        _key.Dispose();
        _directory.Dispose();
    }

    private string KeyFile(RSA key)
    {
        var file = Path.Combine(_directory.Path, $"app-{Guid.NewGuid():N}.pem");
        File.WriteAllText(file, key.ExportRSAPrivateKeyPem());
        return file;
    }

    private Task<GitHubHarness> StartAsync(
        string keyFile, long appId = AppId, bool withInstallationId = false, string[]? repos = null, Action<Dictionary<string, string?>>? configure = null) =>
        GitHubHarness.StartAsync(
            (repos ?? [Repo]).Select(repo => PyTorchLikeTrunk.Create(Shape, repo: repo)),
            settings =>
            {
                configure?.Invoke(settings);
                settings["TrunkExporter:GitHub:App:Id"] = appId.ToString(System.Globalization.CultureInfo.InvariantCulture);
                settings["TrunkExporter:GitHub:App:PrivateKeyFile"] = keyFile;
                if (withInstallationId)
                {
                    settings["TrunkExporter:GitHub:App:InstallationId"] = InstallationId.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
            },
            new FakeGitHubOptions { App = new FakeGitHubApp(AppId, _key.ExportSubjectPublicKeyInfoPem(), InstallationId) },
            token: null,
            clock: _time);

    [Fact]
    public async Task The_app_finds_its_installation_signs_in_and_reads_the_trunk_with_an_installation_token()
    {
        await using var github = await StartAsync(KeyFile(_key));

        var counts = await github.CountAsync(async () => SnapshotAssert.Equivalent(github.Server.Snapshot(Repo, 3), await github.ReadAsync(Repo, window: 3)));

        Assert.Equal(1, counts.Of(RequestKind.Installation));
        Assert.Equal(1, counts.Of(RequestKind.AccessToken));
        Assert.All(counts.Requests, request => Assert.InRange(request.Status, 200, 201));
        Assert.Equal(1, github.Server.TokensIssued);
    }

    [Fact]
    public async Task A_configured_installation_is_not_looked_up()
    {
        await using var github = await StartAsync(KeyFile(_key), withInstallationId: true);

        var counts = await github.CountAsync(() => github.ReadAsync(Repo, window: 3));

        Assert.Equal(0, counts.Of(RequestKind.Installation));
        Assert.Equal(1, counts.Of(RequestKind.AccessToken));
    }

    [Fact]
    public async Task The_token_is_kept_and_renewed_before_it_expires_so_no_request_is_refused()
    {
        await using var github = await StartAsync(KeyFile(_key));
        await github.ReadAsync(Repo, window: 3);
        var lifetime = new FakeGitHubApp(AppId, string.Empty, InstallationId).TokenLifetime;

        // Well inside the hour: the same token, no new sign-in.
        _time.Advance(lifetime - GitHubAppTokens.RenewBefore - TimeSpan.FromMinutes(1));
        var kept = await github.CountAsync(() => github.ReadAsync(Repo, window: 3));

        // Inside the renewal margin, still before the expiry: a new token first.
        _time.Advance(TimeSpan.FromMinutes(2));
        var renewed = await github.CountAsync(() => github.ReadAsync(Repo, window: 3));

        // Past the first token's expiry: the new one carries on.
        _time.Advance(GitHubAppTokens.RenewBefore);
        var after = await github.CountAsync(() => github.ReadAsync(Repo, window: 3));

        Assert.Equal(0, kept.Of(RequestKind.AccessToken) + kept.Of(RequestKind.Installation));
        Assert.Equal(1, renewed.Of(RequestKind.AccessToken));
        Assert.Equal(RequestKind.AccessToken, renewed.Requests[0].Kind);
        Assert.Equal(0, after.Of(RequestKind.AccessToken));
        Assert.Equal(2, github.Server.TokensIssued);
        Assert.Equal(0, kept.WithStatus(401) + renewed.WithStatus(401) + after.WithStatus(401));
        Assert.Equal(1, after.Total);
    }

    [Fact]
    public async Task A_key_the_app_does_not_have_is_one_clear_line_not_ready_and_never_logs_the_key_or_a_token()
    {
        using var other = RSA.Create(2048);
        await using var github = await StartAsync(KeyFile(other));
        var (refresher, store) = github.Refresher(Target);

        await refresher.RefreshAsync(Target, github.Timeout);

        var state = store.Current[0];
        Assert.False(state.IsReady);
        Assert.StartsWith("GitHub rejected the App's signed request (401", state.LastError, StringComparison.Ordinal);
        Assert.Contains("TrunkExporter:GitHub:App:PrivateKeyFile", state.LastError, StringComparison.Ordinal);
        Assert.Equal(0, github.Server.TokensIssued);
        Assert.Single(github.Logs.Lines, line => line.Level >= LogLevel.Warning);
        Assert.DoesNotContain(github.Logs.Lines, line => line.Message.Contains("PRIVATE KEY", StringComparison.Ordinal) || line.Message.Contains("ghs_", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_jwt_for_another_app_id_is_refused_by_the_fake()
    {
        await using var github = await StartAsync(KeyFile(_key), appId: AppId + 1);
        var (refresher, store) = github.Refresher(Target);

        await refresher.RefreshAsync(Target, github.Timeout);

        Assert.False(store.Current[0].IsReady);
        Assert.Contains("'Issuer' claim ('iss')", store.Current[0].LastError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_missing_or_unreadable_key_file_is_one_clear_line_not_ready_and_no_request(bool exists)
    {
        var file = Path.Combine(_directory.Path, "app.pem");
        if (exists)
        {
            File.WriteAllText(file, "not a key");
        }

        await using var github = await StartAsync(file);
        var (refresher, store) = github.Refresher(Target);

        var counts = await github.CountAsync(() => refresher.RefreshAsync(Target, github.Timeout));

        Assert.Equal(0, counts.Total);
        Assert.False(store.Current[0].IsReady);
        Assert.Contains(file, store.Current[0].LastError, StringComparison.Ordinal);
        Assert.Contains("TrunkExporter:GitHub:App:PrivateKeyFile", store.Current[0].LastError, StringComparison.Ordinal);
        Assert.Single(github.Logs.Lines, line => line.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task A_refresh_that_outlasts_its_installation_token_signs_each_request_with_a_valid_one_so_there_is_no_401_and_no_operator_needed()
    {
        // Attempts may take longer than the token lives: only the token's validity is under test here.
        await using var github = await StartAsync(KeyFile(_key), configure: settings =>
        {
            settings["TrunkExporter:GitHub:RequestTimeout"] = "02:00:00";
            settings["TrunkExporter:GitHub:TotalTimeout"] = "04:00:00";

            // One request at a time: the two slow runs requests must come one after the other.
            settings["TrunkExporter:GitHub:MaxConcurrentRequests"] = "1";
        });
        var lifetime = new FakeGitHubApp(AppId, string.Empty, InstallationId).TokenLifetime;
        var slow = lifetime - TimeSpan.FromMinutes(2);
        var (refresher, store) = github.Refresher(Target);

        // The first runs request answers just before the first token expires (past its renewal point),
        // the second a few minutes later, after that expiry: the refresh outlasts the first token.
        github.Server.Inject(new Fault(FaultKind.Slow, Only: RequestKind.Runs, Delay: slow));
        github.Server.Inject(new Fault(FaultKind.Slow, Only: RequestKind.Runs, Delay: TimeSpan.FromMinutes(3)));
        var counts = await github.CountAsync(async () =>
        {
            var refresh = refresher.RefreshAsync(Target, github.Timeout);
            await WaitUntilAsync(() => github.Server.FaultsLeft == 1);
            await Task.Delay(TimeSpan.FromSeconds(1)); // the fake starts its delay just after taking the fault
            _time.Advance(slow);
            await WaitUntilAsync(() => github.Server.FaultsLeft == 0);
            await Task.Delay(TimeSpan.FromSeconds(1));
            _time.Advance(TimeSpan.FromMinutes(3));
            await refresh.WaitAsync(TimeSpan.FromMinutes(2));
        });

        var state = store.Current[0];
        Assert.True(state.IsReady, state.LastError);
        Assert.False(state.NeedsOperator);
        Assert.Equal(0, counts.WithStatus(401));
        Assert.Equal(2, github.Server.TokensIssued);
    }

    [Fact]
    public async Task A_hung_installation_lookup_of_one_repository_does_not_hold_up_another_and_cancellation_ends_it()
    {
        const string other = "pytorch/vision";
        await using var github = await StartAsync(KeyFile(_key), repos: [Repo, other]);

        // Fake time never reaches the delay: the lookup hangs until it is cancelled.
        github.Server.Inject(new Fault(FaultKind.Slow, Only: RequestKind.Installation, Repo: Repo, Delay: TimeSpan.FromDays(1)));
        using var stop = new CancellationTokenSource();
        var hung = github.Reader.ReadAsync(Repo, "main", 3, stop.Token);
        await WaitUntilAsync(() => github.Server.FaultsLeft == 0);

        var read = await github.Reader.ReadAsync(other, "main", 3, github.Timeout).WaitAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(3, read.Commits.Count);
        Assert.False(hung.IsCompleted);

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => hung.WaitAsync(TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public async Task A_rate_limit_block_set_before_a_token_renewal_still_holds_after_it()
    {
        // No retries: the 403's block is recorded at once (a retry would wait for the reset on fake time).
        await using var github = await StartAsync(KeyFile(_key), configure: settings => settings["TrunkExporter:GitHub:MaxRetries"] = "0");
        await github.ReadAsync(Repo, window: 3);
        var lifetime = new FakeGitHubApp(AppId, string.Empty, InstallationId).TokenLifetime;

        // GitHub blocks the installation until well past the token's renewal point.
        github.Server.Inject(new Fault(FaultKind.PrimaryRateLimit403, Times: 100, Only: RequestKind.Commits, ResetIn: lifetime));
        var limited = await Assert.ThrowsAsync<GitHubException>(() => github.ReadAsync(Repo, window: 3));
        Assert.Equal(GitHubFailure.RateLimited, limited.Failure);
        github.Server.ClearFaults();

        _time.Advance(lifetime - GitHubAppTokens.RenewBefore + TimeSpan.FromMinutes(1));
        var counts = await github.CountAsync(async () =>
        {
            var blocked = await Assert.ThrowsAsync<GitHubException>(() => github.ReadAsync(Repo, window: 3));
            Assert.Equal(GitHubFailure.RateLimited, blocked.Failure);
        });

        Assert.Equal(1, counts.Of(RequestKind.AccessToken));
        Assert.Equal(0, counts.Of(RequestKind.Commits));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (!condition())
        {
            await Task.Delay(20, limit.Token);
        }
    }
}
