using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TrunkExporter.GitHub;
using TrunkExporter.GitHub.Auth;
using TrunkExporter.GitHub.Http;
using TrunkExporter.GitHub.Policy;
using TrunkExporter.GitHub.Reading;
using TrunkExporter.GitHub.Wire;
using TrunkExporter.Tests.Support;

namespace TrunkExporter.Tests.GitHub;

/// <summary>The small pure rules: Link parsing, PR numbers, retry waits, the rate-limit tracker, options, token lookup.</summary>
public sealed class GitHubRulesTests
{
    [Fact]
    public void Link_next_is_found_among_prev_last_and_first_and_absent_on_the_last_page()
    {
        const string middle = "<https://api.github.com/repositories/1/issues?per_page=3&page=2>; rel=\"prev\", <https://api.github.com/repositories/1/issues?per_page=3&page=4>; rel=\"next\", <https://api.github.com/repositories/1/issues?per_page=3&page=5>; rel=\"last\", <https://api.github.com/repositories/1/issues?per_page=3&page=1>; rel=\"first\"";
        const string last = "<https://api.github.com/repositories/1/issues?per_page=3&page=4>; rel=\"prev\", <https://api.github.com/repositories/1/issues?per_page=3&page=1>; rel=\"first\"";

        Assert.Equal(new Uri("https://api.github.com/repositories/1/issues?per_page=3&page=4"), LinkHeader.Next(middle));
        Assert.Null(LinkHeader.Next(last));
        Assert.Null(LinkHeader.Next(null));
        Assert.Null(LinkHeader.Next("garbage, <not a url>; rel=\"next\""));
    }

    [Fact]
    public void Link_next_keeps_a_url_whose_query_contains_commas()
    {
        const string header = "<https://api.github.com/repositories/1/commits?sha=a,b&per_page=2&page=2>; rel=\"next\", <https://api.github.com/repositories/1/commits?sha=a,b&per_page=2&page=9>; rel=\"last\"";

        Assert.Equal(new Uri("https://api.github.com/repositories/1/commits?sha=a,b&per_page=2&page=2"), LinkHeader.Next(header));
        Assert.Equal(new Uri("https://api.github.com/repositories/1/commits?sha=a,b&per_page=2&page=9"), LinkHeader.Find(header, "last"));
    }

    [Fact]
    public void Two_completed_runs_are_the_same_only_with_the_same_id_attempt_and_update_time()
    {
        var updated = new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
        var run = new WorkflowRun(7, "pull", "completed", "failure", 1, updated);

        Assert.True(run.IsSameCompletedRun(run with { }));
        Assert.False(run.IsSameCompletedRun(run with { Attempt = 2 }));
        Assert.False(run.IsSameCompletedRun(run with { UpdatedAt = updated.AddSeconds(1) }));
        Assert.False(run.IsSameCompletedRun(run with { Id = 8 }));
        Assert.False(run.IsSameCompletedRun(run with { Status = "in_progress", Conclusion = null }));
        Assert.False((run with { Status = "queued" }).IsSameCompletedRun(run));
    }

    [Theory]
    [InlineData("[inductor] Fix the thing (#148612)", 148612L)]
    [InlineData("Revert \"Fix (#1)\" (#2)", 2L)]
    [InlineData("No reference here", null)]
    [InlineData("Issue #5 mentioned", null)]
    [InlineData(null, null)]
    public void The_pr_number_is_the_last_parenthesised_reference_of_the_title(string? title, long? expected) =>
        Assert.Equal(expected, PullRequestNumber.FromTitle(title));

    [Fact]
    public void A_rate_limit_403_waits_until_the_reset_on_GitHubs_clock_plus_a_second()
    {
        var date = new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
        var response = new GitHubResponse(403, ReadOnlyMemory<byte>.Empty, null, null,
            new RateLimitInfo("core", 5000, 0, 5000, date.AddSeconds(30)), null, date);

        Assert.True(GitHubRetryRules.IsRateLimited(response));
        Assert.Equal(TimeSpan.FromSeconds(31), GitHubRetryRules.RateLimitDelay(response, 0, date.AddHours(5), TimeSpan.FromSeconds(60)));
    }

    [Fact]
    public void A_plain_403_is_a_permission_problem_not_a_rate_limit()
    {
        var response = new GitHubResponse(403, "{\"message\":\"Resource not accessible by integration\"}"u8.ToArray(), null, null,
            new RateLimitInfo("core", 5000, 4000, 1000, null), null, null);

        Assert.False(GitHubRetryRules.IsRateLimited(response));
    }

    [Fact]
    public void Retry_after_as_an_http_date_counts_from_the_answers_date()
    {
        var date = new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

        Assert.Equal(TimeSpan.FromSeconds(90), GitHubResponse.ParseRetryAfter("Thu, 01 Jan 2026 12:01:30 GMT", date));
        Assert.Equal(TimeSpan.FromSeconds(7), GitHubResponse.ParseRetryAfter(" 7 ", null));
    }

    [Fact]
    public void The_tracker_waits_for_the_reset_at_the_reserve_but_never_holds_more_than_half_a_small_limit()
    {
        var time = new FakeTimeProvider();
        var tracker = new RateLimitTracker(time);
        var reset = time.GetUtcNow().AddMinutes(10);

        tracker.Observe(new RateLimitInfo("core", 5000, 201, 4799, reset));
        Assert.Null(tracker.RequiredWait(200));
        tracker.Observe(new RateLimitInfo("core", 5000, 200, 4800, reset));
        Assert.Equal(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1), tracker.RequiredWait(200)!.Wait);

        tracker.Observe(new RateLimitInfo("core", 60, 31, 29, reset.AddHours(1)));
        Assert.Null(tracker.RequiredWait(200));
        tracker.Observe(new RateLimitInfo("core", 60, 30, 30, reset.AddHours(1)));
        Assert.NotNull(tracker.RequiredWait(200));
    }

    [Fact]
    public void The_tracker_keeps_the_lowest_remaining_of_a_window_and_moves_on_to_a_newer_window()
    {
        var tracker = new RateLimitTracker(TimeProvider.System);
        var reset = DateTimeOffset.UtcNow.AddMinutes(10);

        tracker.Observe(new RateLimitInfo("core", 5000, 100, 4900, reset));
        tracker.Observe(new RateLimitInfo("core", 5000, 150, 4850, reset));
        Assert.Equal(100, Assert.Single(tracker.Current).Remaining);

        tracker.Observe(new RateLimitInfo("core", 5000, 4999, 1, reset.AddHours(1)));
        tracker.Observe(new RateLimitInfo("search", 30, 29, 1, reset));
        Assert.Equal([4999L, 29L], tracker.Current.Select(info => info.Remaining));
    }

    [Fact]
    public void A_block_from_a_rate_limit_answer_holds_every_request_until_it_ends()
    {
        var time = new FakeTimeProvider();
        var tracker = new RateLimitTracker(time);

        tracker.BlockUntil(time.GetUtcNow().AddSeconds(30));

        Assert.Equal(TimeSpan.FromSeconds(30), tracker.RequiredWait(0)!.Wait);
        time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(TimeSpan.FromSeconds(1), tracker.RequiredWait(0)!.Wait);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(tracker.RequiredWait(0));
    }

    [Fact]
    public void Options_defaults_are_valid_and_each_bad_value_names_its_key()
    {
        var validator = new GitHubOptionsValidator();
        Assert.True(validator.Validate(null, new GitHubOptions()).Succeeded);

        var result = validator.Validate(null, new GitHubOptions
        {
            ApiBaseUrl = "api.github.com",
            TokenFile = "/nonexistent/token",
            RateLimitReserve = -1,
            PerPage = 101,
            MaxRetries = 11,
            RequestTimeout = TimeSpan.FromMinutes(5),
            TotalTimeout = TimeSpan.FromMinutes(1),
        });

        Assert.False(result.Succeeded);
        string[] keys = ["ApiBaseUrl", "TokenFile", "RateLimitReserve", "PerPage", "MaxRetries", "TotalTimeout (00:01:00) must be at least", "MaxRateLimitWait (00:02:00) must be shorter"];
        foreach (var key in keys)
        {
            Assert.Contains(result.Failures!, failure => failure.StartsWith($"TrunkExporter:GitHub:{key}", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void App_options_are_checked_at_start_each_bad_value_in_one_line_naming_its_key()
    {
        var validator = new GitHubOptionsValidator();
        Assert.True(validator.Validate(null, new GitHubOptions { App = new GitHubAppOptions { Id = 1, PrivateKeyFile = "/run/secrets/app.pem" } }).Succeeded);

        var result = validator.Validate(null, new GitHubOptions { App = new GitHubAppOptions { Id = -3, InstallationId = 0 } });

        Assert.False(result.Succeeded);
        Assert.Contains(result.Failures!, failure => failure.StartsWith("TrunkExporter:GitHub:App:Id must be", StringComparison.Ordinal) && failure.Contains("'-3'", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, failure => failure.StartsWith("TrunkExporter:GitHub:App:PrivateKeyFile must name", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, failure => failure.StartsWith("TrunkExporter:GitHub:App:InstallationId must be", StringComparison.Ordinal) && failure.Contains("got 0", StringComparison.Ordinal));
        Assert.All(result.Failures!, failure => Assert.DoesNotContain('\n', failure));
    }

    [Fact]
    public void The_app_jwt_is_rs256_signed_and_lives_under_ten_minutes_from_a_minute_ago()
    {
        using var key = System.Security.Cryptography.RSA.Create(2048);
        var now = new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
        var app = new TrunkExporter.FakeGitHub.FakeGitHubApp(77, key.ExportSubjectPublicKeyInfoPem(), 1);

        var jwt = AppJwt.Create(77, key, now);

        Assert.Null(app.Problem(jwt, now));
        Assert.Null(app.Problem(jwt, now + AppJwt.Lifetime - TimeSpan.FromSeconds(1)));
        Assert.NotNull(app.Problem(jwt, now + AppJwt.Lifetime));
        Assert.NotNull(app.Problem(jwt[..^4] + "AAAA", now));
        Assert.NotNull((app with { Id = 78 }).Problem(jwt, now));
    }

    [Fact]
    public void The_token_comes_from_GITHUB_TOKEN_first_then_the_token_file_trimmed()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "  from-file\n");
            var options = Options.Create(new GitHubOptions { TokenFile = file });

            Assert.Equal("from-env", new GitHubCredentials(options, _ => "from-env").GetToken());
            Assert.Equal("from-file", new GitHubCredentials(options, _ => null).GetToken());
            File.WriteAllText(file, "\n");
            Assert.Contains("is empty", Assert.Throws<GitHubException>(() => new GitHubCredentials(options, _ => " ").GetToken()).Message, StringComparison.Ordinal);
            Assert.Equal(GitHubFailure.MissingToken, Assert.Throws<GitHubException>(() => new GitHubCredentials(Options.Create(new GitHubOptions()), _ => null).GetToken()).Failure);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
