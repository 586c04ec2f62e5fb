using TrunkExporter.GitHub.Wire;
using TrunkExporter.Snapshots;

namespace TrunkExporter.FakeGitHub;

/// <summary>
/// One repository's branch as the fake serves it. Built from a <see cref="TrunkSnapshot"/> (each
/// commit's jobs grouped into one run per workflow, attempts kept) and changed by scenario steps.
/// Not thread-safe: <see cref="FakeGitHubServer"/> guards it.
/// </summary>
internal sealed class FakeRepository(FakeIds ids, string fullName, string branch)
{
    private long _runNumber;

    public long Id { get; } = ids.NextRepository();

    public string FullName { get; } = fullName;

    public string Branch { get; } = branch;

    /// <summary>Newest first, as the commits API lists a branch.</summary>
    public List<FakeCommit> Commits { get; } = [];

    public static FakeRepository FromSnapshot(TrunkSnapshot snapshot, FakeIds ids)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var repository = new FakeRepository(ids, snapshot.Repo, snapshot.Branch);
        foreach (var commit in snapshot.Commits.Reverse())
        {
            repository.Push(commit, commit.Time);
        }

        return repository;
    }

    public FakeCommit? Commit(string sha) => Commits.Find(commit => string.Equals(commit.Sha, sha, StringComparison.OrdinalIgnoreCase));

    public FakeRun? Run(long id) => Commits.SelectMany(commit => commit.Runs).FirstOrDefault(run => run.Id == id);

    /// <summary>A new head commit, with one run per workflow of its jobs (each job keeps its status, conclusion and attempt).</summary>
    public FakeCommit Push(SnapshotCommit commit, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(commit);
        var title = commit.Pr is { } pr && commit.Title?.Contains($"(#{pr})", StringComparison.Ordinal) != true
            ? $"{commit.Title ?? "Change"} (#{pr})"
            : commit.Title;
        var fake = new FakeCommit(commit.Sha, commit.Time, title, commit.Author);
        foreach (var workflow in commit.Jobs.GroupBy(job => job.Workflow, StringComparer.Ordinal))
        {
            var run = new FakeRun(ids.NextRun(), ++_runNumber, workflow.Key, commit.Time)
            {
                Attempt = workflow.Max(job => job.Attempt),
            };
            foreach (var job in workflow.OrderBy(job => job.Attempt))
            {
                var fakeJob = new FakeJob(ids.NextJob(), job.Name, job.Attempt, job.Url, commit.Time);
                fakeJob.Set(job.Status, job.Conclusion, commit.Time);
                run.Jobs.Add(fakeJob);
            }

            run.Touch(now);
            fake.Runs.Insert(0, run);
        }

        Commits.Insert(0, fake);
        return fake;
    }

    public void SetJob(string sha, string workflow, string name, string status, string? conclusion, DateTimeOffset now)
    {
        var run = RunOf(sha, workflow);
        var job = run.LatestJobs.FirstOrDefault(job => job.Name == name)
            ?? throw new InvalidOperationException($"{FullName} {sha} {workflow} has no job '{name}'.");
        if (job.Status != status || job.Conclusion != conclusion)
        {
            job.Set(status, conclusion, now);
            run.Touch(now);
        }
    }

    /// <summary>Completes every unfinished job of the commit with <paramref name="conclusion"/>.</summary>
    public void CompleteAll(string sha, string conclusion, DateTimeOffset now)
    {
        foreach (var run in CommitOrThrow(sha).Runs)
        {
            var changed = false;
            foreach (var job in run.LatestJobs.Where(job => !job.IsCompleted))
            {
                job.Set("completed", conclusion, now);
                changed = true;
            }

            if (changed)
            {
                run.Touch(now);
            }
        }
    }

    /// <summary>"Re-run failed jobs": a new attempt with a queued copy of every job that failed in the latest one.</summary>
    public void RerunFailedJobs(string sha, string workflow, DateTimeOffset now)
    {
        var run = RunOf(sha, workflow);
        var failed = run.LatestJobs.Where(job => job.Conclusion == "failure").ToList();
        run.Attempt++;
        foreach (var job in failed)
        {
            run.Jobs.Add(new FakeJob(ids.NextJob(), job.Name, run.Attempt, null, now));
        }

        run.Touch(now);
    }

    /// <summary>A job listed before all others (an id lower than theirs): what would shift GitHub's pages.</summary>
    public void InsertJobFirst(string sha, string workflow, string name, DateTimeOffset now)
    {
        var run = RunOf(sha, workflow);
        run.Jobs.Insert(0, new FakeJob(run.Jobs.Min(job => job.Id) - 1, name, run.Attempt, null, now));
        run.Touch(now);
    }

    /// <summary>What a perfect client would record now: the snapshot the exporter must end up with.</summary>
    public TrunkSnapshot ToSnapshot(DateTimeOffset capturedAt, int window = int.MaxValue) => new(
        FullName,
        Branch,
        capturedAt,
        [.. Commits.Take(window).Select(commit => new SnapshotCommit(
            commit.Sha,
            commit.Time,
            [.. commit.Runs.SelectMany(run => run.Jobs.OrderBy(job => job.Id).Select(job => new SnapshotJob(
                run.Workflow, job.Name, job.Status, job.Conclusion, job.Attempt, HtmlUrl(run, job))))],
            commit.Title,
            commit.Author,
            PullRequestNumber.FromTitle(commit.Title)))]);

    public string HtmlUrl(FakeRun run, FakeJob job) =>
        job.HtmlUrl ?? $"https://github.com/{FullName}/actions/runs/{run.Id}/job/{job.Id}";

    private FakeCommit CommitOrThrow(string sha) =>
        Commit(sha) ?? throw new InvalidOperationException($"{FullName} has no commit {sha}.");

    private FakeRun RunOf(string sha, string workflow) =>
        CommitOrThrow(sha).Runs.FirstOrDefault(run => run.Workflow == workflow)
        ?? throw new InvalidOperationException($"{FullName} {sha} has no run of {workflow}.");
}
