using System.Globalization;
using Microsoft.Extensions.Options;

namespace TrunkExporter.GitHub;

/// <summary>
/// The three list endpoints, with pagination along Link rel="next" (same host only: the token never
/// leaves the configured API) and conditional requests when a cache is given.
/// </summary>
internal sealed class GitHubClient(GitHubHttp http, IOptions<GitHubOptions> options)
{
    /// <summary>A safety stop for a pagination that never ends; 1,000 pages of 100 is far beyond any real run.</summary>
    private const int MaxPages = 1000;

    private readonly int _perPage = options?.Value.PerPage ?? 100;

    public Uri ApiBase => http.ApiBase;

    /// <summary>GET /repos/{owner}/{repo}/commits?sha={branch}&amp;per_page=min(100, window), newest first, up to <paramref name="window"/> commits.</summary>
    public async Task<IReadOnlyList<BranchCommit>> ListCommitsAsync(
        string token, string repo, string branch, int window, CommitListCache? cache, CancellationToken cancellationToken)
    {
        var perPage = Math.Min(_perPage, window);
        var first = Url($"{RepoPath(repo)}/commits?sha={Uri.EscapeDataString(branch)}&per_page={Number(perPage)}");
        var response = await http.GetAsync(GitHubEndpoint.Commits, first, cache?.ETagFor(first), token, cancellationToken).ConfigureAwait(false);
        if (response.IsNotModified)
        {
            return cache?.Commits ?? throw NotModifiedWithoutCache(first);
        }

        var commits = new List<BranchCommit>(window);
        commits.AddRange(GitHubJson.Commits(response.Body, first));
        var next = response.Next;
        for (var pages = 1; next is not null && commits.Count < window; pages++)
        {
            CheckPagination(next, pages);
            var page = await http.GetAsync(GitHubEndpoint.Commits, next, null, token, cancellationToken).ConfigureAwait(false);
            commits.AddRange(GitHubJson.Commits(page.Body, next));
            next = page.Next;
        }

        IReadOnlyList<BranchCommit> inWindow = commits.Count > window ? commits[..window] : commits;
        cache?.Store(first, response.ETag, inWindow);
        return inWindow;
    }

    /// <summary>GET /repos/{owner}/{repo}/actions/runs?head_sha={sha}, every page.</summary>
    public Task<PageRead<WorkflowRun>> ListRunsAsync(string token, string repo, string sha, PageCache<WorkflowRun>? cache, CancellationToken cancellationToken) =>
        ReadAllPagesAsync(
            GitHubEndpoint.Runs,
            Url($"{RepoPath(repo)}/actions/runs?head_sha={Uri.EscapeDataString(sha)}&per_page={Number(_perPage)}"),
            token,
            cache,
            GitHubJson.Runs,
            cancellationToken);

    /// <summary>GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs?filter=all: the jobs of every attempt, every page.</summary>
    public Task<PageRead<WorkflowJob>> ListJobsAsync(string token, string repo, long runId, PageCache<WorkflowJob>? cache, CancellationToken cancellationToken) =>
        ReadAllPagesAsync(
            GitHubEndpoint.Jobs,
            Url($"{RepoPath(repo)}/actions/runs/{Number(runId)}/jobs?filter=all&per_page={Number(_perPage)}"),
            token,
            cache,
            GitHubJson.Jobs,
            cancellationToken);

    private async Task<PageRead<T>> ReadAllPagesAsync<T>(
        GitHubEndpoint endpoint,
        Uri first,
        string token,
        PageCache<T>? cache,
        Func<ReadOnlyMemory<byte>, Uri, IReadOnlyList<T>> parse,
        CancellationToken cancellationToken)
    {
        var items = new List<T>();
        var changed = false;
        Uri? url = first;
        for (var pages = 0; url is not null; pages++)
        {
            CheckPagination(url, pages);
            var cached = cache?.Get(url);
            var response = await http.GetAsync(endpoint, url, cached?.ETag, token, cancellationToken).ConfigureAwait(false);
            CachedPage<T> page;
            if (response.IsNotModified)
            {
                page = cached ?? throw NotModifiedWithoutCache(url);
            }
            else
            {
                page = new CachedPage<T>(response.ETag, parse(response.Body, url), response.Next);
                changed = true;
                if (response.ETag is not null)
                {
                    cache?.Put(url, page);
                }
            }

            items.AddRange(page.Items);
            url = page.Next;
        }

        return new PageRead<T>(items, changed);
    }

    private void CheckPagination(Uri next, int pages)
    {
        if (pages >= MaxPages)
        {
            throw new GitHubException(GitHubFailure.MalformedResponse, $"GitHub's pagination did not end after {MaxPages} pages at {next}");
        }

        if (Uri.Compare(next, ApiBase, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) != 0)
        {
            throw new GitHubException(GitHubFailure.MalformedResponse,
                $"GitHub's pagination pointed to {next.GetLeftPart(UriPartial.Authority)}, outside {ApiBase}; the token is not sent there");
        }
    }

    private Uri Url(string relative) => new(ApiBase, relative);

    private static string RepoPath(string repo)
    {
        var parts = repo.Split('/');
        return parts is [var owner, var name]
            ? $"repos/{Uri.EscapeDataString(owner)}/{Uri.EscapeDataString(name)}"
            : throw new ArgumentException($"'{repo}' is not owner/name.", nameof(repo));
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static GitHubException NotModifiedWithoutCache(Uri url) =>
        new(GitHubFailure.UnexpectedStatus, $"GitHub answered 304 Not Modified to GET {url}, which was not a conditional request");
}

/// <summary>Every item of every page, and whether any page differed from the cache.</summary>
internal sealed record PageRead<T>(IReadOnlyList<T> Items, bool Changed);
