using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using TrunkExporter.Core;
using TrunkExporter.GitHub.Auth;
using TrunkExporter.GitHub.Http;
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
    TimeProvider time,
    ETagCache etags,
    BranchCacheStore? store = null) : IDisposable
{
    private readonly ConcurrentDictionary<BranchKey, BranchCache> _branches = new();
    private readonly GitHubOptions _options = options.Value;

    /// <summary>How many of the newest commits a cold start completes before it publishes a first, partial state.</summary>
    public const int PartialCommits = 10;

    /// <summary>
    /// Commits read at once, each one request at a time (a failure stops its commit at the failing
    /// request). More at once would share GitHub's answers between the newest commits and older ones and
    /// delay the partial state: ten at a time, the newest ten are complete first. The limiter's slots are
    /// for every branch together.
    /// </summary>
    private const int CommitsAtOnce = PartialCommits;

    /// <summary>Every workflow's jobs, as <c>record</c> captures them.</summary>
    public Task<TrunkSnapshot> ReadAsync(string repo, string branch, int window, CancellationToken cancellationToken) =>
        ReadAsync(repo, branch, window, inScope: null, partial: null, cancellationToken);

    /// <param name="inScope">Which workflows the repository's scope counts (null: all).</param>
    public Task<TrunkSnapshot> ReadAsync(string repo, string branch, int window, Func<string, bool>? inScope, CancellationToken cancellationToken) =>
        ReadAsync(repo, branch, window, inScope, partial: null, cancellationToken);

    /// <param name="inScope">Which workflows the repository's scope counts (null: all).</param>
    /// <param name="partial">
    /// Called once, with the newest <see cref="PartialCommits"/> or more commits, as soon as they are
    /// complete while older ones are still being read (a cold start); null: no partial state.
    /// </param>
    public Task<TrunkSnapshot> ReadAsync(
        string repo, string branch, int window, Func<string, bool>? inScope, Action<TrunkSnapshot>? partial, CancellationToken cancellationToken) =>
        ReadAsync(repo, branch, window, inScope, partial, persistAs: null, cancellationToken);

    /// <summary>
    /// A refresh of the service: the window as <see cref="ReadAsync(string, string, int, Func{string, bool}?, Action{TrunkSnapshot}?, CancellationToken)"/>
    /// reads it, then, with a data directory, the branch's cache saved there (after a success only).
    /// </summary>
    public Task<TrunkSnapshot> RefreshAsync(BranchCacheIdentity identity, Func<string, bool>? inScope, Action<TrunkSnapshot>? partial, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return ReadAsync(identity.Repo, identity.Branch, identity.Window, inScope, partial, identity, cancellationToken);
    }

    /// <summary>
    /// Before the first refresh: the branch's cache from the data directory, and the window it holds
    /// (read at <see cref="TrunkSnapshot.CapturedAt"/>), published at once. Null when there is none to use
    /// (the store has said why), or when the branch was refreshed already.
    /// </summary>
    public TrunkSnapshot? Restore(BranchCacheIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        if (store?.Load(identity) is not { } saved)
        {
            return null;
        }

        BranchCache restored;
        try
        {
            restored = CacheImage.Restore(saved);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Parts that do not fit together (a sha twice, a run missing from its order, ...).
            store.Reject(identity, $"it is corrupt ({ex.Message})");
            return null;
        }

        if (CachedWindow(identity.Repo, identity.Branch, restored, saved.CapturedAt) is not { } window || !_branches.TryAdd(new BranchKey(identity.Repo, identity.Branch), restored))
        {
            restored.Dispose();
            return null;
        }

        foreach (var (url, answer) in CacheImage.Answers(saved))
        {
            etags.Restore(url, answer);
        }

        return window;
    }

    private async Task<TrunkSnapshot> ReadAsync(
        string repo, string branch, int window, Func<string, bool>? inScope, Action<TrunkSnapshot>? partial, BranchCacheIdentity? persistAs, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(repo);
        ArgumentException.ThrowIfNullOrEmpty(branch);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);

        var cache = Cache(repo, branch);
        await cache.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Not the credential: the sign-in handler puts a currently valid one on every request.
            var snapshot = await ReadWindowAsync(GitHubSignIn.Reference(repo), repo, branch, window, inScope, partial, cache, cancellationToken).ConfigureAwait(false);
            if (persistAs is not null && store is not null && CacheImage.Capture(persistAs, cache, etags, snapshot.CapturedAt) is { } image)
            {
                // Inside the gate: the next refresh of the branch changes the cache only after the file is written.
                store.Save(image);
            }

            return snapshot;
        }
        finally
        {
            cache.Gate.Release();
        }
    }

    /// <summary>The branch's cache, created empty on first use.</summary>
    internal BranchCache Cache(string repo, string branch) => _branches.GetOrAdd(new BranchKey(repo, branch), _ => new BranchCache());

    /// <summary>The window as the cache holds it, without a request; null when the cache holds no complete window.</summary>
    internal static TrunkSnapshot? CachedWindow(string repo, string branch, BranchCache cache, DateTimeOffset capturedAt)
    {
        ArgumentNullException.ThrowIfNull(cache);
        var commits = cache.CommitList.Commits;
        if (commits.Count == 0 || commits.Any(commit => !cache.Commits.TryGetValue(commit.Sha, out var state) || state.LastChecked is null))
        {
            return null;
        }

        return new TrunkSnapshot(repo, branch, capturedAt, [.. commits.Select(commit => ToSnapshot(commit, cache.Commits[commit.Sha]))]);
    }

    private async Task<TrunkSnapshot> ReadWindowAsync(
        string token, string repo, string branch, int window, Func<string, bool>? inScope, Action<TrunkSnapshot>? partial, BranchCache cache, CancellationToken cancellationToken)
    {
        var commits = await client.ListCommitsAsync(token, repo, branch, window, cache.CommitList, cancellationToken)
            .ConfigureAwait(false);
        var states = new CommitState[commits.Count];
        for (var i = 0; i < commits.Count; i++)
        {
            if (!cache.Commits.TryGetValue(commits[i].Sha, out var state))
            {
                state = new CommitState(time.GetUtcNow());
                cache.Commits.Add(commits[i].Sha, state);
            }

            states[i] = state;
        }

        // Newest first, several commits at once: the secondary limiter in the handler chain bounds what
        // reaches GitHub. Commits are independent: each task touches only its own CommitState.
        var snapshotCommits = new SnapshotCommit?[commits.Count];
        var progress = new PartialProgress(repo, branch, snapshotCommits, partial, time);
        await Parallel.ForEachAsync(
            Enumerable.Range(0, commits.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Min(CommitsAtOnce, _options.MaxConcurrentRequests), CancellationToken = cancellationToken },
            async (i, token2) =>
            {
                if (NeedsRuns(states[i]))
                {
                    progress.Reading();
                    await ReadRunsAsync(token, repo, commits[i], states[i], inScope, token2).ConfigureAwait(false);
                }

                progress.Complete(i, ToSnapshot(commits[i], states[i]));
            }).ConfigureAwait(false);

        Forget(cache, commits, client);
        return new TrunkSnapshot(repo, branch, time.GetUtcNow(), [.. snapshotCommits.Select(commit => commit!)]);
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
