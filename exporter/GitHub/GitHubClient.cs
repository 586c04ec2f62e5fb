using System.Globalization;
using Microsoft.Extensions.Options;
using TrunkExporter.Configuration;

namespace TrunkExporter.GitHub;

/// <summary>
/// The three list endpoints, with pagination along Link rel="next" (same host only: the token never
/// leaves the configured API) and conditional requests when a cache is given.
/// </summary>
internal sealed class GitHubClient(GitHubHttp http, IOptions<GitHubOptions> options)
{
    private readonly int _perPage = options?.Value.PerPage ?? 100;

    public Uri ApiBase => http.ApiBase;

    /// <summary>GET /repos/{owner}/{repo}/commits?sha={branch}&amp;per_page=min(100, window), newest first, up to <paramref name="window"/> commits.</summary>
    public async Task<IReadOnlyList<BranchCommit>> ListCommitsAsync(
        string token, string repo, string branch, int window, CommitListCache? cache, CancellationToken cancellationToken)
    {
        var perPage = Math.Min(_perPage, window);
        var first = Url($"{RepoPath(repo)}/commits?sha={Uri.EscapeDataString(branch)}&per_page={Number(perPage)}");
        var guard = new PaginationGuard(ApiBase, "commit list");
        guard.Visit(first);
        var response = await http.GetAsync(GitHubEndpoint.Commits, first, cache?.ETagFor(first), token, cancellationToken).ConfigureAwait(false);
        if (response.IsNotModified)
        {
            return cache?.Commits ?? throw NotModifiedWithoutCache(first);
        }

        // Later pages are not conditional: once the head moved, every later page has shifted too.
        var commits = new UniqueCommits(window);
        commits.Add(GitHubJson.Commits(response.Body, first));
        var next = response.Next;
        while (next is not null && !commits.IsFull)
        {
            guard.Visit(next);
            var page = await http.GetAsync(GitHubEndpoint.Commits, next, null, token, cancellationToken).ConfigureAwait(false);
            commits.Add(GitHubJson.Commits(page.Body, next));
            next = page.Next;
        }

        cache?.Store(first, response.ETag, commits.Commits);
        return commits.Commits;
    }

    /// <summary>GET /repos/{owner}/{repo}/actions/runs?head_sha={sha}, every page.</summary>
    public async Task<PageRead<WorkflowRun>> ListRunsAsync(string token, string repo, string sha, PageCache<WorkflowRun>? cache, CancellationToken cancellationToken)
    {
        var first = Url($"{RepoPath(repo)}/actions/runs?head_sha={Uri.EscapeDataString(sha)}&per_page={Number(_perPage)}");
        var read = await ReadAllPagesAsync(GitHubEndpoint.Runs, first, token, cache, GitHubJson.RunsPage, seal: null, skipSealed: false, cancellationToken).ConfigureAwait(false);
        return new PageRead<WorkflowRun>(read.Items, read.Changed);
    }

    /// <summary>
    /// GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs?filter=all: the jobs of every attempt, every page.
    /// With <paramref name="skipSealedPages"/> (a run still in progress, same attempt), a cached full page
    /// whose jobs all completed is not asked again: GitHub lists jobs in creation order, so such a page
    /// cannot change, and only the pages still moving cost a request. Should the list have shifted
    /// after all (total_count disagrees), every page is read again.
    /// </summary>
    public async Task<PageRead<WorkflowJob>> ListJobsAsync(
        string token, string repo, long runId, PageCache<WorkflowJob>? cache, bool skipSealedPages, CancellationToken cancellationToken)
    {
        var first = Url($"{RepoPath(repo)}/actions/runs/{Number(runId)}/jobs?filter=all&per_page={Number(_perPage)}");
        var seal = (Func<IReadOnlyList<WorkflowJob>, bool>)(jobs => jobs.Count >= _perPage && jobs.All(job => job.IsCompleted));
        var read = await ReadAllPagesAsync(GitHubEndpoint.Jobs, first, token, cache, GitHubJson.JobsPage, seal, skipSealedPages, cancellationToken)
            .ConfigureAwait(false);
        if (read.SkippedPages > 0 && read.TotalCount is { } total && read.Items.Select(job => job.Id).Distinct().Count() != total)
        {
            read = await ReadAllPagesAsync(GitHubEndpoint.Jobs, first, token, cache, GitHubJson.JobsPage, seal, skipSealed: false, cancellationToken).ConfigureAwait(false);
        }

        return new PageRead<WorkflowJob>(read.Items, read.Changed);
    }

    /// <param name="seal">Which pages can no longer change once read (null: any page can).</param>
    /// <param name="skipSealed">Whether cached pages marked so are skipped in this read.</param>
    private async Task<PagesRead<T>> ReadAllPagesAsync<T>(
        GitHubEndpoint endpoint,
        Uri first,
        string token,
        PageCache<T>? cache,
        Func<ReadOnlyMemory<byte>, Uri, ListPage<T>> parse,
        Func<IReadOnlyList<T>, bool>? seal,
        bool skipSealed,
        CancellationToken cancellationToken)
    {
        var items = new List<T>();

        // Pages are cached only once the whole pagination succeeded: a page whose Link led into a loop
        // (or a failure) would otherwise come back as a 304 with the same Link after the upstream mended.
        var fresh = new List<(Uri Url, CachedPage<T> Page)>();
        var changed = false;
        var skipped = 0;
        long? total = null;
        var guard = new PaginationGuard(ApiBase, endpoint == GitHubEndpoint.Runs ? "run list" : "job list");
        for (Uri? url = first; url is not null;)
        {
            guard.Visit(url);
            var cached = cache?.Get(url);
            if (skipSealed && cached is { Sealed: true, Next: not null })
            {
                items.AddRange(cached.Items);
                skipped++;
                url = cached.Next;
                continue;
            }

            var response = await http.GetAsync(endpoint, url, cached?.ETag, token, cancellationToken).ConfigureAwait(false);
            CachedPage<T> page;
            if (response.IsNotModified)
            {
                page = cached ?? throw NotModifiedWithoutCache(url);
            }
            else
            {
                var parsed = parse(response.Body, url);
                page = new CachedPage<T>(response.ETag, parsed.Items, response.Next, parsed.TotalCount, response.Next is not null && seal?.Invoke(parsed.Items) == true);
                changed = true;
                if (response.ETag is not null)
                {
                    fresh.Add((url, page));
                }
            }

            items.AddRange(page.Items);
            total = page.TotalCount;
            url = page.Next;
        }

        foreach (var (url, page) in fresh)
        {
            cache?.Put(url, page);
        }

        return new PagesRead<T>(items, changed, skipped, total);
    }

    private Uri Url(string relative) => new(ApiBase, relative);

    private static string RepoPath(string repo)
    {
        if (!RepositoryName.IsValid(repo))
        {
            throw new ArgumentException($"'{repo}' is not {RepositoryName.Form}.", nameof(repo));
        }

        var parts = repo.Split('/');
        return $"repos/{Uri.EscapeDataString(parts[0])}/{Uri.EscapeDataString(parts[1])}";
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static GitHubException NotModifiedWithoutCache(Uri url) =>
        new(GitHubFailure.UnexpectedStatus, $"GitHub answered 304 Not Modified to GET {url}, which was not a conditional request");
}

/// <summary>Every item of every page, and whether any page differed from the cache.</summary>
internal sealed record PageRead<T>(IReadOnlyList<T> Items, bool Changed);

/// <summary>A read of every page: how many cached pages were skipped, and the last page's total_count.</summary>
internal sealed record PagesRead<T>(IReadOnlyList<T> Items, bool Changed, int SkippedPages, long? TotalCount);
