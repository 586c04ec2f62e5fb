using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Time.Testing;
using TrunkExporter.FakeGitHub;
using TrunkExporter.Tests.Support;

namespace TrunkExporter.Tests.GitHub;

/// <summary>The fake itself, where the exporter's tests do not already pin it down.</summary>
public sealed class FakeGitHubTests
{
    private const string Repo = "pytorch/pytorch";

    private static HttpClient Client(FakeGitHubServer server)
    {
        var client = new HttpClient { BaseAddress = new Uri(server.ApiBaseUrl + "/") };
        client.DefaultRequestHeaders.UserAgent.ParseAdd("fake-test/1");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "t");
        return client;
    }

    [Fact]
    public async Task A_timed_step_applies_itself_once_its_time_has_passed()
    {
        var shape = new TrunkShape(Commits: 1, RunsPerCommit: 1, JobsPerCommit: 1);
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var server = await FakeGitHubServer.StartAsync(PyTorchLikeTrunk.Create(shape), time: clock);
        var commit = PyTorchLikeTrunk.QueuedCommit(shape, 1);
        server.Script([new ScenarioStep("push", Repo, (repository, now) => repository.Push(commit, now), At: TimeSpan.FromMinutes(5))]);
        using var client = Client(server);

        clock.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromTicks(1));
        var before = await client.GetStringAsync(new Uri("repos/pytorch/pytorch/commits?sha=main", UriKind.Relative));
        clock.Advance(TimeSpan.FromTicks(1));
        var after = await client.GetStringAsync(new Uri("repos/pytorch/pytorch/commits?sha=main", UriKind.Relative));

        Assert.DoesNotContain(commit.Sha, before, StringComparison.Ordinal);
        Assert.Contains(commit.Sha, after, StringComparison.Ordinal);
        Assert.Equal(0, server.StepsLeft);
    }

    [Fact]
    public async Task Only_the_latest_attempt_is_listed_unless_filter_is_all_and_304s_do_not_spend_rate_limit()
    {
        var shape = new TrunkShape(Commits: 1, RunsPerCommit: 1, JobsPerCommit: 3);
        await using var server = await FakeGitHubServer.StartAsync(PyTorchLikeTrunk.Create(shape));
        var sha = server.Snapshot(Repo).Commits[0].Sha;
        server.Change(Repo, (repository, now) => repository.RerunFailedJobs(sha, "pull", now));
        var runId = server.Read(Repo, repository => repository.Commits[0].Runs[0].Id);
        using var client = Client(server);

        var latest = await client.GetStringAsync(new Uri($"repos/pytorch/pytorch/actions/runs/{runId}/jobs", UriKind.Relative));
        using var all = await client.GetAsync(new Uri($"repos/pytorch/pytorch/actions/runs/{runId}/jobs?filter=all", UriKind.Relative));
        var remaining = server.RateLimitRemaining;
        using var conditional = new HttpRequestMessage(HttpMethod.Get, new Uri($"repos/pytorch/pytorch/actions/runs/{runId}/jobs?filter=all", UriKind.Relative));
        conditional.Headers.TryAddWithoutValidation("If-None-Match", all.Headers.ETag!.ToString());
        using var notModified = await client.SendAsync(conditional);

        Assert.Contains("\"total_count\":1,", latest, StringComparison.Ordinal);
        Assert.Contains("\"total_count\":4,", await all.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.StartsWith("W/\"", all.Headers.ETag.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(remaining, server.RateLimitRemaining);
        Assert.Equal(remaining.ToString(System.Globalization.CultureInfo.InvariantCulture), string.Join(",", notModified.Headers.GetValues("x-ratelimit-remaining")));
    }
}
