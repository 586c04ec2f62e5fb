using TrunkExporter.GitHub.Http;
using TrunkExporter.GitHub.Wire;

namespace TrunkExporter.GitHub.Reading;

/// <summary>
/// A branch's in-memory caches to and from <see cref="PersistedBranch"/>. Loading builds a whole new
/// <see cref="BranchCache"/> and checks it hangs together before anything is used, so a cache is
/// either loaded entirely or not at all.
/// </summary>
internal static class CacheImage
{
    /// <summary>The cache of a complete window; null when it holds none (nothing worth saving).</summary>
    public static PersistedBranch? Capture(BranchCacheIdentity identity, BranchCache cache, ETagCache etags, DateTimeOffset capturedAt)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(etags);
        var list = cache.CommitList;
        if (list.FirstPage is not { } firstPage || list.ETag is not { } etag || list.Commits.Count == 0)
        {
            return null;
        }

        var commits = new List<PersistedCommit>(list.Commits.Count);
        foreach (var commit in list.Commits)
        {
            if (!cache.Commits.TryGetValue(commit.Sha, out var state) || state.LastChecked is not { } lastChecked)
            {
                return null;
            }

            commits.Add(new PersistedCommit(
                commit.Sha, state.FirstSeen, lastChecked, state.Settled, state.RunOrder,
                Pages(state.RunPages),
                [.. state.RunOrder.Select(id => state.Runs[id]).Select(run => new PersistedRun(run.Run, run.Jobs, Pages(run.JobPages)))]));
        }

        var answers = new List<PersistedAnswer>();
        foreach (var url in cache.Commits.Values.SelectMany(state => state.Urls).Prepend(firstPage))
        {
            if (etags.Confirmed(url) is { } answer)
            {
                answers.Add(new PersistedAnswer(url, answer.ETag, answer.Link, answer.MediaType, answer.CompressedBody));
            }
        }

        return new PersistedBranch(identity, capturedAt, new PersistedCommitList(firstPage, etag, list.Commits), commits, answers);
    }

    /// <summary>A new cache from <paramref name="saved"/>; throws <see cref="InvalidDataException"/> when its parts do not fit together.</summary>
    public static BranchCache Restore(PersistedBranch saved)
    {
        ArgumentNullException.ThrowIfNull(saved);
        var cache = new BranchCache();
        try
        {
            var listed = saved.CommitList.Commits.Select(commit => commit.Sha).ToHashSet(StringComparer.Ordinal);
            if (listed.Count != saved.CommitList.Commits.Count || listed.Count != saved.Commits.Count || !saved.Commits.All(commit => listed.Contains(commit.Sha)))
            {
                throw new InvalidDataException($"its commit list ({saved.CommitList.Commits.Count} commits) and its commits ({saved.Commits.Count}) differ");
            }

            cache.CommitList.Store(saved.CommitList.FirstPage, saved.CommitList.ETag, saved.CommitList.Commits);
            foreach (var commit in saved.Commits)
            {
                var state = new CommitState(commit.FirstSeen) { LastChecked = commit.LastChecked, Settled = commit.Settled, RunOrder = commit.RunOrder };
                Fill(state.RunPages, commit.RunPages);
                foreach (var run in commit.Runs)
                {
                    var pages = new PageCache<WorkflowJob>();
                    Fill(pages, run.JobPages);
                    if (!state.Runs.TryAdd(run.Run.Id, new RunState(run.Run, run.Jobs, pages)))
                    {
                        throw new InvalidDataException($"commit {commit.Sha} lists run {run.Run.Id} twice");
                    }
                }

                if (commit.RunOrder.Count != state.Runs.Count || !commit.RunOrder.All(state.Runs.ContainsKey))
                {
                    throw new InvalidDataException($"the runs of commit {commit.Sha} do not match their order");
                }

                cache.Commits.Add(commit.Sha, state);
            }

            return cache;
        }
        catch
        {
            cache.Dispose();
            throw;
        }
    }

    /// <summary>The saved ETag answers, in the form the ETag cache keeps.</summary>
    public static IEnumerable<(Uri Url, CachedAnswer Answer)> Answers(PersistedBranch saved) =>
        saved.Answers.Select(answer => (answer.Url, new CachedAnswer(answer.ETag, answer.Link, answer.MediaType, answer.CompressedBody)));

    private static List<PersistedPage<T>> Pages<T>(PageCache<T> cache) =>
        [.. cache.Urls.Select(url => (Url: url, Page: cache.Get(url)!)).Select(pair => new PersistedPage<T>(pair.Url, pair.Page.ETag, pair.Page.Items, pair.Page.Next, pair.Page.TotalCount, pair.Page.Sealed))];

    private static void Fill<T>(PageCache<T> cache, IReadOnlyList<PersistedPage<T>> pages)
    {
        foreach (var page in pages)
        {
            cache.Put(page.Url, new CachedPage<T>(page.ETag, page.Items, page.Next, page.TotalCount, page.Sealed));
        }
    }
}
