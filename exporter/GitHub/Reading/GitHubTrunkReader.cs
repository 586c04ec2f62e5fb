using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using TrunkExporter.Core;
using TrunkExporter.GitHub.Auth;
using TrunkExporter.GitHub.Wire;
using TrunkExporter.Snapshots;

namespace TrunkExporter.GitHub.Reading;

/// <summary>
/// Builds a branch's <see cref="TrunkSnapshot"/> from GitHub, paying only for what may have changed:
/// <list type="bullet">
/// <item>one conditional request for the commit list; a 304 means the window is unchanged;</item>
/// <item>the runs of a commit are read again only while it is new or unfinished (or its periodic
/// re-check for re-runs is due), conditionally;</item>
/// <item>the jobs of a run are read again only while it is unfinished (skipping pages whose jobs all
/// finished), or when a completed run's attempt or update time changed, conditionally;</item>
/// <item>the jobs of a run whose workflow is out of the repository's scope are never read (its name
/// is in the runs list), so the many workflows outside pull, trunk and the binaries cost nothing.</item>
/// </list>
/// So a refresh with nothing new and everything complete costs one conditional request (free of
/// rate limit when GitHub answers 304).
/// </summary>
internal sealed class GitHubTrunkReader(
    GitHubLists client,
    IOptions<GitHubOptions> options,
    TimeProvider time) : IDisposable
{
    private readonly ConcurrentDictionary<BranchKey, BranchCache> _branches = new();
    private readonly GitHubOptions _options = options.Value;

    /// <summary>Every workflow's jobs, as <c>record</c> captures them.</summary>
    public Task<TrunkSnapshot> ReadAsync(string repo, string branch, int window, CancellationToken cancellationToken) =>
        ReadAsync(repo, branch, window, inScope: null, cancellationToken);

    /// <param name="inScope">Which workflows the repository's scope counts (null: all).</param>
    public async Task<TrunkSnapshot> ReadAsync(string repo, string branch, int window, Func<string, bool>? inScope, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(repo);
        ArgumentException.ThrowIfNullOrEmpty(branch);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);

        var cache = _branches.GetOrAdd(new BranchKey(repo, branch), _ => new BranchCache());
        await cache.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Not the credential: the sign-in handler puts a currently valid one on every request.
            return await ReadWindowAsync(GitHubSignIn.Reference(repo), repo, branch, window, inScope, cache, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            cache.Gate.Release();
        }
    }

    private async Task<TrunkSnapshot> ReadWindowAsync(
        string token, string repo, string branch, int window, Func<string, bool>? inScope, BranchCache cache, CancellationToken cancellationToken)
    {
        var commits = await client.ListCommitsAsync(token, repo, branch, window, cache.CommitList, cancellationToken)
            .ConfigureAwait(false);
        var snapshotCommits = new List<SnapshotCommit>(commits.Count);
        foreach (var commit in commits)
        {
            if (!cache.Commits.TryGetValue(commit.Sha, out var state))
            {
                state = new CommitState(time.GetUtcNow());
                cache.Commits.Add(commit.Sha, state);
            }

            if (NeedsRuns(state))
            {
                await ReadRunsAsync(token, repo, commit, state, inScope, cancellationToken).ConfigureAwait(false);
            }

            snapshotCommits.Add(ToSnapshot(commit, state));
        }

        Forget(cache, commits, client);
        return new TrunkSnapshot(repo, branch, time.GetUtcNow(), snapshotCommits);
    }

    public void Dispose()
    {
        foreach (var cache in _branches.Values)
        {
            cache.Dispose();
        }
    }

    private bool NeedsRuns(CommitState state) =>
        state.LastChecked is not { } checkedAt
        || !state.Settled
        || time.GetUtcNow() - checkedAt >= _options.RecheckCompletedAfter;

    private async Task ReadRunsAsync(string token, string repo, BranchCommit commit, CommitState state, Func<string, bool>? inScope, CancellationToken cancellationToken)
    {
        var runs = await client.ListRunsAsync(token, repo, commit.Sha, state.RunPages, cancellationToken)
            .ConfigureAwait(false);
        var order = new List<long>(runs.Items.Count);
        foreach (var run in runs.Items)
        {
            if (order.Contains(run.Id))
            {
                continue;
            }

            order.Add(run.Id);
            state.Runs.TryGetValue(run.Id, out var known);
            if (known is not null && known.Run.IsSameCompletedRun(run))
            {
                continue;
            }

            if (inScope is not null && !inScope(run.Workflow))
            {
                // Its jobs would be filtered out by the scope anyway: keep the run (for settling) without them.
                state.Runs[run.Id] = new RunState(run, [], known?.JobPages ?? new PageCache<WorkflowJob>());
                continue;
            }

            var pages = known?.JobPages ?? new PageCache<WorkflowJob>();

            // Finished pages are skipped only while the same attempt runs; its completion reads every page once more.
            var skipSealed = known is not null && !run.IsCompleted && known.Run.Attempt == run.Attempt;
            var jobs = await client.ListJobsAsync(token, repo, run.Id, pages, skipSealed, cancellationToken).ConfigureAwait(false);
            state.Runs[run.Id] = new RunState(run, Deduplicate(jobs.Items), pages);
        }

        foreach (var gone in state.Runs.Keys.Except(order).ToArray())
        {
            client.Forget(state.Runs[gone].JobPages.Urls);
            state.Runs.Remove(gone);
        }

        var now = time.GetUtcNow();
        state.RunOrder = order;
        state.LastChecked = now;
        state.Settled = order.Count > 0
            ? order.All(id => state.Runs[id].Run.IsCompleted)
            : now - state.FirstSeen >= _options.NoRunsGracePeriod || now - commit.Time >= _options.NoRunsGracePeriod;
    }

    /// <summary>A job can appear twice when the list shifts between two page reads; the later copy wins.</summary>
    private static List<WorkflowJob> Deduplicate(IReadOnlyList<WorkflowJob> jobs)
    {
        var byId = new Dictionary<long, int>(jobs.Count);
        var unique = new List<WorkflowJob>(jobs.Count);
        foreach (var job in jobs)
        {
            if (byId.TryGetValue(job.Id, out var index))
            {
                unique[index] = job;
            }
            else
            {
                byId[job.Id] = unique.Count;
                unique.Add(job);
            }
        }

        return unique;
    }

    private static SnapshotCommit ToSnapshot(BranchCommit commit, CommitState state)
    {
        var jobs = new List<SnapshotJob>();
        foreach (var id in state.RunOrder)
        {
            var run = state.Runs[id];
            foreach (var job in run.Jobs)
            {
                jobs.Add(new SnapshotJob(run.Run.Workflow, job.Name, job.Status, job.Conclusion, Math.Max(1, job.Attempt), job.Url));
            }
        }

        return new SnapshotCommit(commit.Sha, commit.Time, jobs, commit.Title, commit.Author, commit.Pr);
    }

    /// <summary>Commits that left the window are forgotten, with the answers the ETag cache kept for them.</summary>
    private static void Forget(BranchCache cache, IReadOnlyList<BranchCommit> window, GitHubLists client)
    {
        var inWindow = window.Select(commit => commit.Sha).ToHashSet(StringComparer.Ordinal);
        foreach (var sha in cache.Commits.Keys.Where(sha => !inWindow.Contains(sha)).ToArray())
        {
            client.Forget(cache.Commits[sha].Urls);
            cache.Commits.Remove(sha);
        }
    }
}
