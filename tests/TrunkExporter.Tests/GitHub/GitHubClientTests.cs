using System.Net;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TrunkExporter.FakeGitHub;
using TrunkExporter.GitHub;
using TrunkExporter.GitHub.Auth;
using TrunkExporter.GitHub.Http;
using TrunkExporter.GitHub.Policy;
using TrunkExporter.GitHub.Reading;
using TrunkExporter.GitHub.Wire;
using TrunkExporter.Health;

namespace TrunkExporter.Tests.GitHub;

/// <summary>The client's contract with GitHub, checked on the fake's record of what it received.</summary>
public sealed class GitHubClientTests
{
    private const string Repo = "pytorch/pytorch";

    [Fact]
    public async Task Every_request_carries_GitHubs_headers_and_a_bearer_token()
    {
        await using var github = await GitHubHarness.StartAsync(PyTorchLikeTrunk.Create(new TrunkShape(Commits: 2, RunsPerCommit: 2, JobsPerCommit: 10)));

        var counts = await github.CountAsync(() => github.ReadAsync(Repo));

        Assert.Equal(1 + 2 + 4, counts.Total);
        Assert.All(counts.Requests, request =>
        {
            Assert.Equal(200, request.Status);
            Assert.Equal("application/vnd.github+json", request.Accept);
            Assert.Equal("2022-11-28", request.ApiVersion);
            Assert.StartsWith("trunk-exporter/", request.UserAgent, StringComparison.Ordinal);
            Assert.Equal("Bearer", request.AuthorizationScheme);
        });
    }

    [Fact]
    public async Task Long_lists_follow_link_next_with_at_most_100_per_page()
    {
        await using var github = await GitHubHarness.StartAsync(PyTorchLikeTrunk.Create(new TrunkShape(Commits: 1, RunsPerCommit: 1, JobsPerCommit: 250)));

        var counts = await github.CountAsync(async () => Assert.Equal(250, (await github.ReadAsync(Repo)).Commits[0].Jobs.Count));

        var jobs = counts.Requests.Where(request => request.Kind == RequestKind.Jobs).Select(request => request.PathAndQuery).ToList();
        Assert.Equal(3, jobs.Count);
        Assert.Matches(@"^/repos/pytorch/pytorch/actions/runs/\d+/jobs\?filter=all&per_page=100$", jobs[0]);
        Assert.Matches(@"^/repositories/\d+/actions/runs/\d+/jobs\?filter=all&per_page=100&page=2$", jobs[1]);
        Assert.EndsWith("&page=3", jobs[2], StringComparison.Ordinal);
        Assert.Equal("/repos/pytorch/pytorch/commits?sha=main&per_page=50", counts.Requests[0].PathAndQuery);
    }

    [Fact]
    public async Task Every_attempt_of_a_rerun_job_is_kept()
    {
        var shape = new TrunkShape(Commits: 1, RunsPerCommit: 1, JobsPerCommit: 5);
        await using var github = await GitHubHarness.StartAsync(PyTorchLikeTrunk.Create(shape));
        var sha = github.Server.Snapshot(Repo).Commits[0].Sha;
        github.Server.Change(Repo, (repository, now) =>
        {
            repository.SetJob(sha, "pull", repository.Commits[0].Runs[0].Jobs[0].Name, "completed", "failure", now);
            repository.RerunFailedJobs(sha, "pull", now);
        });

        var jobs = (await github.ReadAsync(Repo)).Commits[0].Jobs;

        // The generator already breaks the second job of "pull" on the newest commit: two failures re-run.
        Assert.Equal(5, jobs.Count(job => job.Attempt == 1));
        Assert.Equal(2, jobs.Count(job => job.Attempt == 2));
        Assert.Contains(jobs, job => job.Attempt == 1 && job.Conclusion == "failure");
        Assert.Contains(jobs, job => job.Attempt == 2 && job.Status == "queued");
    }

    [Fact]
    public async Task Unknown_status_and_conclusion_strings_pass_through_without_breaking_anything()
    {
        var shape = new TrunkShape(Commits: 1, RunsPerCommit: 1, JobsPerCommit: 3);
        await using var github = await GitHubHarness.StartAsync(PyTorchLikeTrunk.Create(shape));
        var snapshot = github.Server.Snapshot(Repo);
        github.Server.Change(Repo, (repository, now) =>
        {
            repository.SetJob(snapshot.Commits[0].Sha, "pull", snapshot.Commits[0].Jobs[0].Name, "awaiting_hyperdrive", null, now);
            repository.SetJob(snapshot.Commits[0].Sha, "pull", snapshot.Commits[0].Jobs[1].Name, "completed", "quantum_flake", now);
        });

        var read = await github.ReadAsync(Repo);
        var health = TrunkHealthCalculator.Calculate(read, ScopeSettings.Default);

        Assert.Contains(read.Commits[0].Jobs, job => job.Status == "awaiting_hyperdrive");
        Assert.Contains(read.Commits[0].Jobs, job => job.Conclusion == "quantum_flake");
        Assert.Equal(CommitVerdict.Unknown, health.Commits[0].Verdict);
    }

    [Fact]
    public async Task The_pr_number_comes_from_the_title_and_the_time_from_the_committer_date()
    {
        await using var github = await GitHubHarness.StartAsync(PyTorchLikeTrunk.Create(new TrunkShape(Commits: 2, RunsPerCommit: 1, JobsPerCommit: 1)));

        var commit = (await github.ReadAsync(Repo)).Commits[1];

        Assert.Equal(151_001, commit.Pr);
        Assert.Equal(PyTorchLikeTrunk.NewestCommitTime - TimeSpan.FromMinutes(15), commit.Time);
        Assert.Equal("dev1", commit.Author);
    }

    [Fact]
    public async Task A_link_whose_url_contains_a_comma_still_paginates()
    {
        const string next = "https://api.github.com/repositories/1/commits?sha=a,b&per_page=2&page=2";
        var handler = new StubHandler(
            () =>
            {
                var response = Json(CommitsPage("1111111111111111111111111111111111111111", "2222222222222222222222222222222222222222"));
                response.Headers.TryAddWithoutValidation("Link", $"<{next}>; rel=\"next\", <https://api.github.com/repositories/1/commits?sha=a,b&per_page=2&page=2>; rel=\"last\"");
                return response;
            },
            () => Json(CommitsPage("3333333333333333333333333333333333333333")));

        using var github = new StubGitHub(handler, new GitHubOptions { PerPage = 2 });
        var commits = await github.Lists.ListCommitsAsync("t", "o/r", "a,b", 3, null, CancellationToken.None);

        Assert.Equal(3, commits.Count);
        Assert.Equal(2, handler.Requests.Count);
        Assert.Equal(next, handler.Requests[1].RequestUri!.AbsoluteUri);
    }

    private static HttpResponseMessage Json(string body) =>
        new(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    private static string CommitsPage(params string[] shas) =>
        "[" + string.Join(",", shas.Select(sha => $"{{\"sha\":\"{sha}\",\"commit\":{{\"message\":\"m\",\"committer\":{{\"name\":\"c\",\"date\":\"2026-01-01T00:00:00Z\"}}}},\"author\":{{\"login\":\"u\"}}}}")) + "]";

    [Fact]
    public async Task Pagination_to_another_host_is_refused_so_the_token_stays_with_the_API()
    {
        var handler = new StubHandler(() =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{\"total_count\":2,\"jobs\":[]}", Encoding.UTF8, "application/json") };
            response.Headers.TryAddWithoutValidation("Link", "<https://collector.example.com/steal?page=2>; rel=\"next\"");
            return response;
        });
        using var github = new StubGitHub(handler);

        var failure = await Assert.ThrowsAsync<GitHubException>(() => github.Lists.ListJobsAsync("t", "o/r", 1, null, false, CancellationToken.None));

        Assert.Equal(GitHubFailure.MalformedResponse, failure.Failure);
        Assert.Contains("collector.example.com", failure.Message, StringComparison.Ordinal);
        Assert.Single(handler.Requests);
    }
}
