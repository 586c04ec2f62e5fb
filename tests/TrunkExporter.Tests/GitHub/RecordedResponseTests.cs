using TrunkExporter.GitHub;
using TrunkExporter.GitHub.Auth;
using TrunkExporter.GitHub.Http;
using TrunkExporter.GitHub.Policy;
using TrunkExporter.GitHub.Reading;
using TrunkExporter.GitHub.Wire;
using TrunkExporter.Tests.Support;

namespace TrunkExporter.Tests.GitHub;

/// <summary>The parsers and header rules against real answers GitHub gave (../shared/fixtures/github, read in place).</summary>
public sealed class RecordedResponseTests
{
    [SharedFixtureFact]
    public void Jobs_of_a_run_parse_with_attempt_status_conclusion_and_url()
    {
        var fixture = RecordedFixture.Load("pygithub-list-jobs-for-workflow-run-3881497935");

        var jobs = GitHubJson.Jobs(fixture.Body, RecordedFixture.RequestUrl(fixture.Name));

        Assert.Equal(5, jobs.Count);
        var first = jobs[0];
        Assert.Equal(10545727758, first.Id);
        Assert.Equal("test (Python 3.7)", first.Name);
        Assert.Equal("completed", first.Status);
        Assert.Equal("success", first.Conclusion);
        Assert.Equal(1, first.Attempt);
        Assert.Equal("https://github.com/PyGithub/PyGithub/actions/runs/3881497935/jobs/6620564740", first.Url);
    }

    [SharedFixtureFact]
    public void A_real_pytorch_jobs_page_with_skipped_jobs_and_null_runners_parses()
    {
        var fixture = RecordedFixture.Load("pytorch-test-infra-list-jobs-pytorch-run-3201497249");

        var jobs = GitHubJson.Jobs(fixture.Body, new Uri("https://api.github.com/repos/pytorch/pytorch/actions/runs/3201497249/jobs"));

        Assert.Equal(6, jobs.Count);
        Assert.Equal(2, jobs.Count(job => job.Conclusion == "skipped"));
        Assert.Contains(jobs, job => job.Name == "linux-bionic-cuda11.6-py3.10-gcc7 / build" && job.Conclusion == "success");
    }

    [SharedFixtureFact]
    public void The_openapi_job_example_without_run_attempt_defaults_to_attempt_1()
    {
        var fixture = RecordedFixture.Load("openapi-example-job-paginated");

        var job = Assert.Single(GitHubJson.Jobs(fixture.Body, new Uri("https://api.github.com/x")));

        Assert.Equal(1, job.Attempt);
        Assert.Equal("completed", job.Status);
    }

    [SharedFixtureFact]
    public void Runs_of_a_commit_parse_with_name_status_attempt_and_update_time()
    {
        var fixture = RecordedFixture.Load("pygithub-list-workflow-runs-for-repo-head_sha");

        var runs = GitHubJson.Runs(fixture.Body, RecordedFixture.RequestUrl(fixture.Name));

        Assert.Equal(2, runs.Count);
        Assert.Equal(720994709, runs[0].Id);
        Assert.Equal("Unit Test", runs[0].Workflow);
        Assert.True(runs[0].IsCompleted);
        Assert.Equal(1, runs[0].Attempt);
        Assert.Equal(new DateTimeOffset(2021, 4, 6, 1, 53, 34, TimeSpan.Zero), runs[0].UpdatedAt);
    }

    [SharedFixtureFact]
    public void The_openapi_run_example_with_every_field_parses()
    {
        var fixture = RecordedFixture.Load("openapi-example-workflow-run-paginated.2022");

        var runs = GitHubJson.Runs(fixture.Body, new Uri("https://api.github.com/x"));

        Assert.NotEmpty(runs);
        Assert.All(runs, run => Assert.False(string.IsNullOrEmpty(run.Workflow)));
    }

    [SharedFixtureFact]
    public void Commits_of_a_branch_take_the_committer_date_the_title_line_and_the_login()
    {
        var fixture = RecordedFixture.Load("pygithub-list-commits-sha-branch-per_page2");

        var commits = GitHubJson.Commits(fixture.Body, RecordedFixture.RequestUrl(fixture.Name));

        Assert.Equal(2, commits.Count);
        Assert.Equal("0791cc7b1a706ab5d7c607ddff35de4d486ba3e9", commits[0].Sha);
        Assert.Equal(new DateTimeOffset(2023, 8, 28, 18, 27, 45, TimeSpan.Zero), commits[0].Time);
        Assert.Equal("Fixing lint errors in release branch", commits[0].Title);
        Assert.Equal("EnricoMi", commits[0].Author);
    }

    [SharedFixtureFact]
    public void The_openapi_commit_example_parses()
    {
        var fixture = RecordedFixture.Load("openapi-example-commit-items.2022");

        var commit = Assert.Single(GitHubJson.Commits(fixture.Body, new Uri("https://api.github.com/x")));

        Assert.Equal(40, commit.Sha.Length);
    }

    [SharedFixtureFact]
    public void A_commits_page_links_to_the_next_page_under_repositories_id()
    {
        var response = RecordedFixture.Load("pygithub-list-commits-sha-branch-per_page2").ToResponse();

        Assert.Equal(new Uri("https://api.github.com/repositories/3544490/commits?sha=release-v2-0&per_page=2&page=2"), response.Next);
        Assert.Equal("W/\"7a958b94c8365977d70d5a4e62a2c2e9a8a8d2a97fc1b814b4857080d2ce67c5\"", response.ETag);
    }

    [SharedFixtureFact]
    public void A_check_runs_page_with_next_and_last_links_parses_both()
    {
        var fixture = RecordedFixture.Load("pygithub-checks-list-for-ref-per_page1-page1");
        var link = fixture.Header("Link");

        Assert.Equal(new Uri("https://api.github.com/repositories/3544490/commits/10a7135a04f71e6101f8b013aded8a662d08fd1f/check-runs?per_page=1&page=2"), LinkHeader.Next(link));
        Assert.Equal(new Uri("https://api.github.com/repositories/3544490/commits/10a7135a04f71e6101f8b013aded8a662d08fd1f/check-runs?per_page=1&page=4"), LinkHeader.Find(link, "last"));
    }

    [SharedFixtureFact]
    public void The_last_page_of_a_recorded_pagination_has_no_next()
    {
        var fixture = RecordedFixture.Load("pygithub-checks-list-for-ref");

        Assert.Null(fixture.ToResponse().Next);
    }

    [SharedFixtureFact]
    public void Rate_limit_headers_are_read_whatever_their_case()
    {
        var upper = RecordedFixture.Load("pygithub-list-jobs-for-workflow-run-3881497935").ToResponse().RateLimit;
        var lower = RecordedFixture.Load("pygithub-conditional-200-etag").ToResponse().RateLimit;

        Assert.Equal(new RateLimitInfo("core", 60, 37, 23, DateTimeOffset.FromUnixTimeSeconds(1687245884)), upper);
        Assert.Equal(new RateLimitInfo("core", 5000, 4988, null, DateTimeOffset.FromUnixTimeSeconds(1377140429)), lower);
    }

    [SharedFixtureFact]
    public void A_304_carries_no_body_the_same_etag_and_the_rate_limit()
    {
        var ok = RecordedFixture.Load("pygithub-conditional-200-etag").ToResponse();
        var notModified = RecordedFixture.Load("pygithub-conditional-304-not-modified").ToResponse();

        Assert.True(notModified.IsNotModified);
        Assert.True(notModified.Body.IsEmpty);
        Assert.Equal(ok.ETag, notModified.ETag);
        Assert.Equal(4988, notModified.RateLimit!.Remaining);
    }

    [SharedFixtureFact]
    public void A_primary_rate_limit_403_is_a_rate_limit_and_without_a_reset_waits_the_secondary_minimum()
    {
        var response = RecordedFixture.Load("pygithub-rate-limit-exceeded-403").ToResponse();

        Assert.True(GitHubRetryRules.IsRateLimited(response));
        Assert.Equal(0, response.RateLimit!.Remaining);
        Assert.Equal(TimeSpan.FromSeconds(60), GitHubRetryRules.RateLimitDelay(response, 0, DateTimeOffset.UnixEpoch, TimeSpan.FromSeconds(60)));
    }

    [SharedFixtureFact]
    public void A_secondary_rate_limit_403_honours_retry_after_then_backs_off_exponentially()
    {
        var response = RecordedFixture.Load("pygithub-secondary-rate-limit-403-retry-after").ToResponse();

        Assert.True(GitHubRetryRules.IsRateLimited(response));
        Assert.Equal(TimeSpan.FromSeconds(60), response.RetryAfter);
        Assert.Equal(TimeSpan.FromSeconds(60), GitHubRetryRules.RateLimitDelay(response, 0, DateTimeOffset.UnixEpoch, TimeSpan.FromSeconds(5)));
        Assert.Equal(TimeSpan.FromSeconds(120), GitHubRetryRules.RateLimitDelay(response, 1, DateTimeOffset.UnixEpoch, TimeSpan.FromSeconds(5)));
    }

    [SharedFixtureFact]
    public void An_empty_check_runs_answer_is_not_a_rate_limit_nor_transient()
    {
        var response = RecordedFixture.Load("pygithub-checks-list-for-ref-empty").ToResponse();

        Assert.False(GitHubRetryRules.IsRateLimited(response));
        Assert.False(GitHubRetryRules.IsTransient(response));
    }
}
