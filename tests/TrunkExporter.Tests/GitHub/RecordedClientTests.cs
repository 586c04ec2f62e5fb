using Microsoft.Extensions.Logging.Abstractions;
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

/// <summary>The whole client (headers, pipeline, pagination, ETag cache) answered with recorded GitHub responses.</summary>
public sealed class RecordedClientTests
{
    private static (GitHubLists Client, GitHubSelfMetrics Metrics, RateLimitTracker RateLimits) Client(StubHandler handler, TimeSpan? maxRateLimitWait = null)
    {
        var github = new StubGitHub(handler, new GitHubOptions
        {
            MaxRetries = 2,
            RetryBaseDelay = TimeSpan.FromMilliseconds(1),
            MaxRateLimitWait = maxRateLimitWait ?? TimeSpan.FromSeconds(1),
            RateLimitReserve = 0,
        });
        return (github.Lists, github.Metrics, github.RateLimits);
    }

    [SharedFixtureFact]
    public async Task Jobs_are_requested_with_GitHubs_headers_and_every_attempt()
    {
        var fixture = RecordedFixture.Load("pygithub-list-jobs-for-workflow-run-3881497935");
        var handler = new StubHandler(fixture.ToHttpResponse);
        var (client, metrics, rateLimits) = Client(handler);

        var jobs = await client.ListJobsAsync("secret-token", "PyGithub/PyGithub", 3881497935, null, false, CancellationToken.None);

        Assert.Equal(5, jobs.Items.Count);
        var request = Assert.Single(handler.Requests);
        Assert.Equal("https://api.github.com/repos/PyGithub/PyGithub/actions/runs/3881497935/jobs?filter=all&per_page=100", request.RequestUri!.ToString());
        Assert.Equal("application/vnd.github+json", request.Headers.Accept.ToString());
        Assert.Equal("2022-11-28", string.Join(",", request.Headers.GetValues("X-GitHub-Api-Version")));
        Assert.StartsWith("trunk-exporter/", request.Headers.UserAgent.ToString(), StringComparison.Ordinal);
        Assert.Equal("Bearer", request.Headers.Authorization!.Scheme);
        Assert.Equal("secret-token", request.Headers.Authorization.Parameter);
        Assert.Equal(1, metrics.Requests(GitHubEndpoint.Jobs, "200"));
        Assert.Equal(37, Assert.Single(rateLimits.Current).Remaining);
    }

    [SharedFixtureFact]
    public async Task A_304_echoes_the_weak_etag_byte_for_byte_and_reuses_the_cached_page()
    {
        var jobs = RecordedFixture.Load("pygithub-list-jobs-for-workflow-run-3881497935");
        var notModified = RecordedFixture.Load("pygithub-conditional-304-not-modified");
        var handler = new StubHandler(jobs.ToHttpResponse, notModified.ToHttpResponse);
        var (client, metrics, _) = Client(handler);
        var cache = new PageCache<WorkflowJob>();

        var first = await client.ListJobsAsync("t", "PyGithub/PyGithub", 3881497935, cache, false, CancellationToken.None);
        var second = await client.ListJobsAsync("t", "PyGithub/PyGithub", 3881497935, cache, false, CancellationToken.None);

        Assert.Equal(jobs.Header("ETag"), string.Join(",", handler.Requests[1].Headers.GetValues("If-None-Match")));
        Assert.True(first.Changed);
        Assert.False(second.Changed);
        Assert.Equal(first.Items, second.Items);
        Assert.Equal(1, metrics.Requests(GitHubEndpoint.Jobs, "304"));
    }

    [SharedFixtureFact]
    public async Task Commits_stop_at_the_window_and_follow_link_next_exactly_as_given()
    {
        var fixture = RecordedFixture.Load("pygithub-list-commits-sha-branch-per_page2");

        var twoHandler = new StubHandler(fixture.ToHttpResponse);
        var two = await Client(twoHandler).Client.ListCommitsAsync("t", "PyGithub/PyGithub", "release-v2-0", 2, null, CancellationToken.None);
        var threeHandler = new StubHandler(fixture.ToHttpResponse);
        var three = await Client(threeHandler).Client.ListCommitsAsync("t", "PyGithub/PyGithub", "release-v2-0", 3, null, CancellationToken.None);

        Assert.Equal(2, two.Count);
        Assert.Equal("https://api.github.com/repos/PyGithub/PyGithub/commits?sha=release-v2-0&per_page=2", Assert.Single(twoHandler.Requests).RequestUri!.ToString());
        Assert.Equal(3, three.Count);
        Assert.Equal("https://api.github.com/repositories/3544490/commits?sha=release-v2-0&per_page=2&page=2", threeHandler.Requests[1].RequestUri!.ToString());
    }

    [SharedFixtureFact]
    public async Task A_recorded_primary_rate_limit_403_fails_once_with_the_reason_when_the_wait_is_too_long()
    {
        var handler = new StubHandler(RecordedFixture.Load("pygithub-rate-limit-exceeded-403").ToHttpResponse);
        var (client, metrics, _) = Client(handler, maxRateLimitWait: TimeSpan.FromSeconds(1));

        var failure = await Assert.ThrowsAsync<GitHubException>(() => client.ListJobsAsync("t", "o/r", 1, null, false, CancellationToken.None));

        Assert.Equal(GitHubFailure.RateLimited, failure.Failure);
        Assert.Contains("API Rate Limit Exceeded", failure.Message, StringComparison.Ordinal);
        Assert.Single(handler.Requests);
        Assert.Equal(1, metrics.Requests(GitHubEndpoint.Jobs, "403"));
    }

    [SharedFixtureFact]
    public async Task A_recorded_secondary_rate_limit_403_with_retry_after_is_retried_after_that_wait()
    {
        var secondary = RecordedFixture.Load("pygithub-secondary-rate-limit-403-retry-after");
        var jobs = RecordedFixture.Load("pygithub-list-jobs-for-workflow-run-3881497935");
        var handler = new StubHandler(secondary.ToHttpResponse, jobs.ToHttpResponse);
        var time = new FakeTimeProvider();
        using var github = new StubGitHub(handler, new GitHubOptions { MaxRateLimitWait = TimeSpan.FromMinutes(2), RateLimitReserve = 0 }, time);
        using var timeout = new TestTimeout();

        // The client must wait the recorded minute on its clock: not a tick less, then it asks again.
        var read = github.Lists.ListJobsAsync("t", "o/r", 1, null, false, timeout.Token);
        await BoundedWait.UntilAsync(_ => Task.FromResult(handler.Requests.Count == 1), TimeSpan.FromSeconds(30), () => "the first request", cancellationToken: timeout.Token);
        await Task.Delay(200, timeout.Token);
        time.Advance(TimeSpan.FromSeconds(60) - TimeSpan.FromTicks(1));
        await Task.Delay(200, timeout.Token);
        Assert.Single(handler.Requests);
        time.Advance(TimeSpan.FromTicks(1));

        Assert.Equal(5, (await read).Items.Count);
        Assert.Equal(2, handler.Requests.Count);
    }
}
