using TrunkExporter.FakeGitHub;
using TrunkExporter.GitHub;
using TrunkExporter.GitHub.Auth;
using TrunkExporter.GitHub.Http;
using TrunkExporter.GitHub.Policy;
using TrunkExporter.GitHub.Reading;
using TrunkExporter.GitHub.Wire;

namespace TrunkExporter.Tests.GitHub;

/// <summary>
/// The request budget: a cold start reads each page once, a refresh with nothing new costs one
/// conditional request, and a new commit costs at most 1.5 times what its changing data needs.
/// The minimum is measured independently of the client: the fake lists every page of the window
/// with its ETag ("census"), and a perfect client would read exactly the pages that changed.
/// </summary>
public sealed class EconomyTests
{
    private const string Repo = "pytorch/pytorch";

    /// <summary>Small enough to be quick, big enough for runs of several pages.</summary>
    private static readonly TrunkShape Shape = new(Commits: 12, RunsPerCommit: 4, JobsPerCommit: 400, Seed: 7);

    private static int Changed(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after) =>
        after.Count(page => !before.TryGetValue(page.Key, out var etag) || etag != page.Value);

    [Fact]
    public async Task A_cold_start_reads_every_page_of_the_window_once_and_returns_the_trunk()
    {
        var snapshot = PyTorchLikeTrunk.Create(Shape);
        await using var github = await GitHubHarness.StartAsync(snapshot);
        var census = github.Server.Census(Repo, window: 10);

        var counts = await github.CountAsync(() => github.ReadAsync(Repo, window: 10));

        Assert.Equal(census.Count, counts.Total);
        Assert.Equal(0, counts.NotModified);
        SnapshotAssert.Equivalent(github.Server.Snapshot(Repo, 10), await github.ReadAsync(Repo, window: 10));
    }

    [Fact]
    public async Task A_refresh_with_nothing_new_costs_one_conditional_request_answered_304()
    {
        await using var github = await GitHubHarness.StartAsync(PyTorchLikeTrunk.Create(Shape));
        var cold = await github.ReadAsync(Repo, window: 10);

        var counts = await github.CountAsync(async () =>
        {
            SnapshotAssert.Equivalent(cold, await github.ReadAsync(Repo, window: 10));
        });

        var request = Assert.Single(counts.Requests);
        Assert.Equal(RequestKind.Commits, request.Kind);
        Assert.Equal(304, request.Status);
        Assert.NotNull(request.IfNoneMatch);
        Assert.Equal(0, counts.RateLimited);
    }

    [Fact]
    public async Task A_window_longer_than_a_page_still_costs_one_request_when_nothing_changed()
    {
        await using var github = await GitHubHarness.StartAsync(PyTorchLikeTrunk.Create(new TrunkShape(Commits: 130, RunsPerCommit: 1, JobsPerCommit: 3, Seed: 3)));
        var cold = await github.CountAsync(() => github.ReadAsync(Repo, window: 120));

        var steady = await github.CountAsync(() => github.ReadAsync(Repo, window: 120));

        Assert.Equal(2, cold.Of(RequestKind.Commits));
        Assert.Equal(1, steady.Total);
        Assert.Equal(120, (await github.ReadAsync(Repo, window: 120)).Commits.Count);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_new_commit_whose_jobs_finish_over_several_refreshes_costs_at_most_one_and_a_half_times_its_minimum(bool inListOrder)
    {
        await using var github = await GitHubHarness.StartAsync(PyTorchLikeTrunk.Create(Shape));
        await github.ReadAsync(Repo, window: 10);
        var commit = PyTorchLikeTrunk.QueuedCommit(Shape, 1);
        var before = github.Server.Census(Repo, window: 10);
        github.Server.Change(Repo, (repository, now) => repository.Push(commit, now));
        github.Server.Script(PyTorchLikeTrunk.Progress(Repo, commit, steps: 4, seed: 11, inListOrder));

        int requests = 0, rateLimited = 0, minimum = 0;
        for (var refresh = 0; refresh <= 5; refresh++)
        {
            var census = github.Server.Census(Repo, window: 10);
            minimum += Changed(before, census);
            before = census;
            var counts = await github.CountAsync(() => github.ReadAsync(Repo, window: 10));
            requests += counts.Total;
            rateLimited += counts.RateLimited;
            github.Server.ApplyNextStep();
        }

        Assert.Equal(0, github.Server.StepsLeft);
        Assert.True(requests <= 1.5 * minimum, $"{requests} requests for a minimum of {minimum}");

        // Only 304s exceed the minimum: the rate limit spent is exactly what the changes needed.
        Assert.Equal(minimum, rateLimited);
        SnapshotAssert.Equivalent(github.Server.Snapshot(Repo, 10), await github.ReadAsync(Repo, window: 10));
        Assert.Equal(1, (await github.CountAsync(() => github.ReadAsync(Repo, window: 10))).Total);
    }

    [Fact]
    public async Task An_unfinished_commit_is_polled_until_its_runs_complete_and_then_left_alone()
    {
        var snapshot = PyTorchLikeTrunk.Create(new TrunkShape(Commits: 3, RunsPerCommit: 2, JobsPerCommit: 20, Seed: 5));
        await using var github = await GitHubHarness.StartAsync(snapshot);
        var commit = PyTorchLikeTrunk.QueuedCommit(new TrunkShape(Commits: 3, RunsPerCommit: 2, JobsPerCommit: 20, Seed: 5), 1);
        github.Server.Change(Repo, (repository, now) => repository.Push(commit, now));
        await github.ReadAsync(Repo);

        var pending = await github.CountAsync(() => github.ReadAsync(Repo));
        github.Server.Change(Repo, (repository, now) => repository.CompleteAll(commit.Sha, "success", now));
        var completing = await github.CountAsync(() => github.ReadAsync(Repo));
        var settled = await github.CountAsync(() => github.ReadAsync(Repo));

        // Still queued: the commit list, the runs list and both runs' jobs are asked again, and all answer 304.
        Assert.Equal(4, pending.Total);
        Assert.Equal(4, pending.NotModified);
        Assert.Equal(4, completing.Total);
        Assert.Equal(1, settled.Total);
        Assert.All((await github.ReadAsync(Repo)).Commits[0].Jobs, job => Assert.Equal("success", job.Conclusion));
    }

    [Fact]
    public async Task A_rerun_on_a_settled_commit_is_found_by_the_periodic_recheck_with_conditional_requests()
    {
        var shape = new TrunkShape(Commits: 6, RunsPerCommit: 2, JobsPerCommit: 30, Seed: 9);
        var snapshot = PyTorchLikeTrunk.Create(shape);
        await using var github = await GitHubHarness.StartAsync(snapshot);
        await github.ReadAsync(Repo);
        var old = snapshot.Commits[3];
        github.Server.Change(Repo, (repository, now) =>
        {
            repository.SetJob(old.Sha, "pull", old.Jobs.First(job => job.Workflow == "pull").Name, "completed", "failure", now);
            repository.RerunFailedJobs(old.Sha, "pull", now);
        });

        var beforeRecheck = await github.CountAsync(() => github.ReadAsync(Repo));
        github.Time.Skip(github.Options.RecheckCompletedAfter);
        var recheck = await github.CountAsync(() => github.ReadAsync(Repo));

        Assert.Equal(1, beforeRecheck.Total);

        // The commit list, then every commit's runs (304 but one), then the re-run's jobs.
        Assert.Equal(1 + 6 + 1, recheck.Total);
        Assert.Equal(6, recheck.NotModified);
        var rerun = (await github.ReadAsync(Repo)).Commits[3].Jobs.Where(job => job.Attempt == 2).ToList();
        Assert.NotEmpty(rerun);
        Assert.All(rerun, job => Assert.Equal("queued", job.Status));
    }

    [Fact]
    public async Task A_rerun_that_completes_before_the_periodic_recheck_is_read_with_its_new_attempt_and_the_old_failure_stays()
    {
        var shape = new TrunkShape(Commits: 6, RunsPerCommit: 2, JobsPerCommit: 30, Seed: 9);
        await using var github = await GitHubHarness.StartAsync(PyTorchLikeTrunk.Create(shape));
        await github.ReadAsync(Repo);
        var old = github.Server.Snapshot(Repo).Commits[3];

        // The generator breaks two "pull" jobs on the newest four commits: both are re-run, and the new attempt succeeds before the re-check.
        github.Server.Change(Repo, (repository, now) =>
        {
            repository.RerunFailedJobs(old.Sha, "pull", now);
            repository.CompleteAll(old.Sha, "success", now);
        });
        github.Time.Skip(github.Options.RecheckCompletedAfter);
        var recheck = await github.CountAsync(() => github.ReadAsync(Repo));

        var jobs = (await github.ReadAsync(Repo)).Commits[3].Jobs;
        Assert.Equal(2, jobs.Count(job => job.Workflow == "pull" && job.Attempt == 2 && job.Conclusion == "success"));
        Assert.Equal(2, jobs.Count(job => job.Workflow == "pull" && job.Attempt == 1 && job.Conclusion == "failure"));
        SnapshotAssert.Equivalent(github.Server.Snapshot(Repo), await github.ReadAsync(Repo));

        // The commit list, every commit's runs (304 but one), then the re-run's jobs.
        Assert.Equal(1 + 6 + 1, recheck.Total);
    }

    [Fact]
    public async Task A_commit_without_runs_is_polled_for_the_grace_period_then_settles()
    {
        var shape = new TrunkShape(Commits: 2, RunsPerCommit: 1, JobsPerCommit: 5, Seed: 4);
        await using var github = await GitHubHarness.StartAsync(PyTorchLikeTrunk.Create(shape));
        github.Server.Change(Repo, (repository, now) => repository.Push(
            new TrunkExporter.Snapshots.SnapshotCommit("d0c5d0c5d0c5d0c5d0c5d0c5d0c5d0c5d0c5d0c5", now, [], "Docs only"), now));
        await github.ReadAsync(Repo);

        var within = await github.CountAsync(() => github.ReadAsync(Repo));
        github.Time.Skip(github.Options.NoRunsGracePeriod);
        await github.ReadAsync(Repo);
        var after = await github.CountAsync(() => github.ReadAsync(Repo));

        Assert.Equal(2, within.Total);
        Assert.Equal(1, after.Total);
    }

    private static async Task<(GitHubHarness GitHub, string Sha)> RunningRunOf250JobsAsync()
    {
        var shape = new TrunkShape(Commits: 1, RunsPerCommit: 1, JobsPerCommit: 250, Seed: 12);
        var github = await GitHubHarness.StartAsync(PyTorchLikeTrunk.Create(shape));
        var commit = PyTorchLikeTrunk.QueuedCommit(shape, 1);
        github.Server.Change(Repo, (repository, now) =>
        {
            repository.Push(commit, now);
            foreach (var job in commit.Jobs.Take(100))
            {
                repository.SetJob(commit.Sha, "pull", job.Name, "completed", "success", now);
            }
        });
        await github.ReadAsync(Repo);
        return (github, commit.Sha);
    }

    [Fact]
    public async Task A_page_whose_jobs_all_finished_is_not_asked_again_while_the_run_goes_on()
    {
        var (github, sha) = await RunningRunOf250JobsAsync();
        await using var _ = github;
        var jobs = github.Server.Snapshot(Repo).Commits[0].Jobs;
        github.Server.Change(Repo, (repository, now) => repository.SetJob(sha, "pull", jobs[^1].Name, "completed", "failure", now));

        var running = await github.CountAsync(async () => SnapshotAssert.Equivalent(github.Server.Snapshot(Repo), await github.ReadAsync(Repo)));
        github.Server.Change(Repo, (repository, now) => repository.CompleteAll(sha, "success", now));
        var completed = await github.CountAsync(async () => SnapshotAssert.Equivalent(github.Server.Snapshot(Repo), await github.ReadAsync(Repo)));

        Assert.Equal(2, running.Requests.Count(request => request.Kind == RequestKind.Jobs));
        Assert.DoesNotContain(running.Requests, request => request.Kind == RequestKind.Jobs && !request.PathAndQuery.Contains("page=", StringComparison.Ordinal));

        // Once the run completes, every page is validated once more (the finished one answers 304).
        Assert.Equal(3, completed.Requests.Count(request => request.Kind == RequestKind.Jobs));
        Assert.Equal(304, completed.Requests.First(request => request.Kind == RequestKind.Jobs).Status);
    }

    [Fact]
    public async Task When_the_job_list_shifts_under_a_skipped_page_every_page_is_read_again()
    {
        var (github, sha) = await RunningRunOf250JobsAsync();
        await using var _ = github;
        github.Server.Change(Repo, (repository, now) => repository.InsertJobFirst(sha, "pull", "early / job", now));

        var counts = await github.CountAsync(async () => SnapshotAssert.Equivalent(github.Server.Snapshot(Repo), await github.ReadAsync(Repo)));

        Assert.Equal(2 + 3, counts.Requests.Count(request => request.Kind == RequestKind.Jobs));
        Assert.Contains(github.Server.Snapshot(Repo).Commits[0].Jobs, job => job.Name == "early / job");
    }
}
