using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using Octokit.Internal;
using TrunkExporter.Core;
using TrunkExporter.GitHub.Http;
using TrunkExporter.GitHub.Wire;

namespace TrunkExporter.GitHub.Reading;

/// <summary>
/// The three list endpoints through Octokit (typed calls for commits and runs, the project's own
/// <see cref="WireJobList"/> for jobs), one page per call so that pagination lives here, in
/// <see cref="NextPage"/>: along Link rel="next", parsed by <see cref="LinkHeader"/> (a URL may hold a
/// comma), guarded by <see cref="PaginationGuard"/> (same host only, no URL twice). Conditional requests happen in
/// <see cref="ETagCacheHandler"/>; a page is confirmed to it only once it parsed, and a pagination that
/// looped is forgotten there (its cached Link would replay the loop after the upstream mended).
/// </summary>
internal sealed class GitHubLists(IHttpClient http, ETagCache etags, IOptions<GitHubOptions> options)
{
    private readonly int _perPage = options?.Value.PerPage ?? 100;
    private readonly ConditionalWeakTable<string, Octokit.IConnection> _connections = [];

    public Uri ApiBase { get; } = GitHubHttp.ApiBase(options?.Value ?? new GitHubOptions());

    /// <summary>GET /repos/{owner}/{repo}/commits?sha={branch}&amp;per_page=min(100, window), newest first, up to <paramref name="window"/> commits.</summary>
    public async Task<IReadOnlyList<BranchCommit>> ListCommitsAsync(
        string token, string repo, string branch, int window, CommitListCache? cache, CancellationToken cancellationToken)
    {
        var connection = Connection(token);
        var perPage = Math.Min(_perPage, window);
        var first = Url($"{RepoPath(repo)}/commits?sha={Uri.EscapeDataString(branch)}&per_page={Number(perPage)}");
        var guard = new PaginationGuard(ApiBase, "commit list");
        guard.Visit(first);
        var page = await GetPageAsync<List<Octokit.GitHubCommit?>, BranchCommit>(connection, first, (body, url) => new ListPage<BranchCommit>(GitHubJson.Commits(body, url), null), cancellationToken)
            .ConfigureAwait(false);

        // The history below an unchanged head cannot change: a 304 on the first page stands for the window.
        if (page.Revalidated && cache?.ETagFor(first) is { } known && known == page.ETag)
        {
            return cache.Commits;
        }

        var commits = new UniqueCommits(window);
        commits.Add(page.Items);
        var next = page.Next;
        while (next is not null && !commits.IsFull)
        {
            Visit(guard, next);
            var later = await GetPageAsync<List<Octokit.GitHubCommit?>, BranchCommit>(connection, next, (body, url) => new ListPage<BranchCommit>(GitHubJson.Commits(body, url), null), cancellationToken)
                .ConfigureAwait(false);
            commits.Add(later.Items);
            next = later.Next;
        }

        cache?.Store(first, page.ETag, commits.Commits);
        return commits.Commits;
    }

    /// <summary>GET /repos/{owner}/{repo}/actions/runs?head_sha={sha}, every page.</summary>
    public async Task<ListResult<WorkflowRun>> ListRunsAsync(string token, string repo, string sha, PageCache<WorkflowRun>? cache, CancellationToken cancellationToken)
    {
        var first = Url($"{RepoPath(repo)}/actions/runs?head_sha={Uri.EscapeDataString(sha)}&per_page={Number(_perPage)}");
        var read = await ReadAllPagesAsync<Octokit.WorkflowRunsResponse, WorkflowRun>(Connection(token), first, cache, GitHubJson.RunsPage, seal: null, skipSealed: false, cancellationToken)
            .ConfigureAwait(false);
        return new ListResult<WorkflowRun>(read.Items, read.Changed);
    }

    /// <summary>
    /// GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs?filter=all: the jobs of every attempt, every page.
    /// With <paramref name="skipSealedPages"/> (a run still in progress, same attempt), a cached full page
    /// whose jobs all completed is not asked again: GitHub lists jobs in creation order, so such a page
    /// cannot change, and only the pages still moving cost a request. Should the list have shifted
    /// after all (total_count disagrees), every page is read again.
    /// </summary>
    public async Task<ListResult<WorkflowJob>> ListJobsAsync(
        string token, string repo, long runId, PageCache<WorkflowJob>? cache, bool skipSealedPages, CancellationToken cancellationToken)
    {
        var connection = Connection(token);
        var first = Url($"{RepoPath(repo)}/actions/runs/{Number(runId)}/jobs?filter=all&per_page={Number(_perPage)}");
        var seal = (Func<IReadOnlyList<WorkflowJob>, bool>)(jobs => jobs.Count >= _perPage && jobs.All(job => job.IsCompleted));
        var read = await ReadAllPagesAsync<WireJobList, WorkflowJob>(connection, first, cache, GitHubJson.JobsPage, seal, skipSealedPages, cancellationToken)
            .ConfigureAwait(false);
        if (read.SkippedPages > 0 && read.TotalCount is { } total && read.Items.Select(job => job.Id).Distinct().Count() != total)
        {
            read = await ReadAllPagesAsync<WireJobList, WorkflowJob>(connection, first, cache, GitHubJson.JobsPage, seal, skipSealed: false, cancellationToken).ConfigureAwait(false);
        }

        return new ListResult<WorkflowJob>(read.Items, read.Changed);
    }

    /// <summary>The URLs a commit's caches hold, for the ETag cache to forget with the commit.</summary>
    public void Forget(IEnumerable<Uri> urls) => etags.Forget(urls);

    /// <param name="seal">Which pages can no longer change once read (null: any page can).</param>
    /// <param name="skipSealed">Whether cached pages marked so are skipped in this read.</param>
    private async Task<PageWalk<T>> ReadAllPagesAsync<TWire, T>(
        Octokit.IConnection connection,
        Uri first,
        PageCache<T>? cache,
        Func<TWire?, Uri, ListPage<T>> map,
        Func<IReadOnlyList<T>, bool>? seal,
        bool skipSealed,
        CancellationToken cancellationToken)
    {
        var items = new List<T>();
        var changed = false;
        var skipped = 0;
        long? total = null;

        // Pages are cached only once the whole pagination succeeded: a page whose Link led into a loop
        // (or a failure) would otherwise come back as a 304 with the same Link after the upstream mended.
        var fresh = new List<(Uri Url, CachedPage<T> Page)>();
        var guard = new PaginationGuard(ApiBase, first.AbsolutePath.EndsWith("/jobs", StringComparison.Ordinal) ? "job list" : "run list");
        for (Uri? url = first; url is not null;)
        {
            Visit(guard, url);
            var cached = cache?.Get(url);
            if (skipSealed && cached is { Sealed: true, Next: not null })
            {
                items.AddRange(cached.Items);
                skipped++;
                url = cached.Next;
                continue;
            }

            var read = await GetPageAsync(connection, url, map, cancellationToken).ConfigureAwait(false);
            var page = read.Revalidated && cached is not null && cached.ETag == read.ETag
                ? cached
                : new CachedPage<T>(read.ETag, read.Items, read.Next, read.TotalCount, read.Next is not null && seal?.Invoke(read.Items) == true);
            changed |= !read.Revalidated;
            fresh.Add((url, page));
            items.AddRange(page.Items);
            total = page.TotalCount;
            url = page.Next;
        }

        foreach (var (url, page) in fresh)
        {
            cache?.Put(url, page);
        }

        return new PageWalk<T>(items, changed, skipped, total);
    }

    /// <summary>The guard's check; on a loop, the pages read so far leave the ETag cache, so the loop is not replayed from it.</summary>
    private void Visit(PaginationGuard guard, Uri url)
    {
        try
        {
            guard.Visit(url);
        }
        catch (GitHubException)
        {
            etags.Forget(guard.Visited);
            throw;
        }
    }

    /// <summary>One page: the typed call, its mapping, and only then the ETag cache's confirmation.</summary>
    private async Task<PageAnswer<T>> GetPageAsync<TWire, T>(Octokit.IConnection connection, Uri url, Func<TWire?, Uri, ListPage<T>> map, CancellationToken cancellationToken)
    {
        var response = await GitHubJson.ParseAsync(connection.Get<TWire>(url, null, GitHubHttp.MediaType, cancellationToken), url).ConfigureAwait(false);
        var page = map(response.Body, url);
        etags.Confirm(url, response.HttpResponse.Headers.GetValueOrDefault("ETag"));
        var headers = response.HttpResponse.Headers;
        return new PageAnswer<T>(
            page.Items,
            page.TotalCount,
            headers.GetValueOrDefault("ETag"),
            NextPage(headers.GetValueOrDefault("Link")),
            headers.ContainsKey(ETagCacheHandler.RevalidatedHeader));
    }

    private static Uri? NextPage(string? link) => LinkHeader.Next(link);

    /// <summary>One Octokit connection per token (the same string for a whole refresh); a rotated token gets a new one.</summary>
    private Octokit.IConnection Connection(string token) =>
        _connections.GetValue(token, key => new Octokit.Connection(
            GitHubHttp.Product, ApiBase, new InMemoryCredentialStore(new Octokit.Credentials(key, Octokit.AuthenticationType.Bearer)), http, new SimpleJsonSerializer()));

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

    private sealed record PageAnswer<T>(IReadOnlyList<T> Items, long? TotalCount, string? ETag, Uri? Next, bool Revalidated);
}

/// <summary>A list as its callers see it: every item of every page, and whether any page differed from the cache.</summary>
internal sealed record ListResult<T>(IReadOnlyList<T> Items, bool Changed);

/// <summary>A walk over every page of a list: its items, whether any page changed, how many cached pages were skipped, and the last page's total_count.</summary>
internal sealed record PageWalk<T>(IReadOnlyList<T> Items, bool Changed, int SkippedPages, long? TotalCount);
