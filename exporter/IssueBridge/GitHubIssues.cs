using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Octokit;
using Octokit.Internal;
using TrunkExporter.GitHub;
using TrunkExporter.GitHub.Auth;
using TrunkExporter.GitHub.Http;

namespace TrunkExporter.IssueBridge;

/// <summary>
/// The issues API through Octokit over the exporter's one handler chain (sign-in, rate-limit governor,
/// content-creation limiter, retries that never repeat a write which may have taken effect). Every
/// failure arrives as one <see cref="GitHubException"/> line.
/// </summary>
internal sealed class GitHubIssues(IHttpClient http, IOptions<GitHubOptions> options)
{
    /// <summary>The colour of the labels the bridge creates (GitHub wants one).</summary>
    private const string LabelColor = "d93f0b";

    private readonly Uri _api = GitHubHttp.ApiBase(options.Value);
    private readonly ConcurrentDictionary<string, GitHubClient> _clients = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, HashSet<string>> _labels = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates the labels the repository lacks; the repository's labels are read once per process.</summary>
    public async Task EnsureLabelsAsync(string repository, IReadOnlyList<string> labels, CancellationToken cancellationToken)
    {
        var (owner, name) = Split(repository);
        var client = Client(repository);
        if (!_labels.TryGetValue(repository, out var known))
        {
            var existing = await client.Issue.Labels.GetAllForRepository(owner, name, new ApiOptions { PageSize = 100 }).WaitAsync(cancellationToken).ConfigureAwait(false);
            known = new HashSet<string>(existing.Select(label => label.Name), StringComparer.OrdinalIgnoreCase);
            _labels[repository] = known;
        }

        foreach (var label in labels)
        {
            bool missing;
            lock (known)
            {
                missing = !known.Contains(label);
            }

            if (!missing)
            {
                continue;
            }

            try
            {
                await client.Issue.Labels.Create(owner, name, new NewLabel(label, LabelColor) { Description = "Filed by trunk-exporter issue-bridge" })
                    .WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (GitHubException ex) when (ex.Failure == GitHubFailure.UnexpectedStatus)
            {
                // 422: created meanwhile by someone else; the issue can use it.
                _labels.TryRemove(repository, out _);
            }

            lock (known)
            {
                known.Add(label);
            }
        }
    }

    /// <summary>
    /// The newest open issue carrying <paramref name="marker"/> among the open issues with <paramref name="sourceLabel"/> (the first 100,
    /// newest first), other than <paramref name="except"/> (the previous occurrence's issue, should a person have reopened it).
    /// </summary>
    public async Task<int?> FindOpenAsync(string repository, string sourceLabel, string marker, int? except, CancellationToken cancellationToken)
    {
        var (owner, name) = Split(repository);
        var request = new RepositoryIssueRequest
        {
            State = ItemStateFilter.Open,
            SortProperty = IssueSort.Created,
            SortDirection = SortDirection.Descending,
        };
        request.Labels.Add(sourceLabel);
        var issues = await Client(repository).Issue.GetAllForRepository(owner, name, request, new ApiOptions { PageSize = 100, PageCount = 1, StartPage = 1 })
            .WaitAsync(cancellationToken).ConfigureAwait(false);
        return issues.FirstOrDefault(issue => issue.PullRequest is null && issue.Number != except && (issue.Body ?? string.Empty).Contains(marker, StringComparison.Ordinal))?.Number;
    }

    public async Task<int> CreateAsync(string repository, string title, string body, IReadOnlyList<string> labels, CancellationToken cancellationToken)
    {
        var (owner, name) = Split(repository);
        var issue = new NewIssue(title) { Body = body };
        foreach (var label in labels)
        {
            issue.Labels.Add(label);
        }

        var created = await Client(repository).Issue.Create(owner, name, issue).WaitAsync(cancellationToken).ConfigureAwait(false);
        return created.Number > 0 ? created.Number
            : throw new GitHubException(GitHubFailure.MalformedResponse, $"GitHub answered the new issue in {repository} without an issue number");
    }

    /// <summary>True when the issue is open.</summary>
    public async Task<bool> IsOpenAsync(string repository, int number, CancellationToken cancellationToken)
    {
        var (owner, name) = Split(repository);
        var issue = await Client(repository).Issue.Get(owner, name, number).WaitAsync(cancellationToken).ConfigureAwait(false);
        return issue.State.Value == ItemState.Open;
    }

    /// <summary>Whether a comment holding <paramref name="marker"/> is among the issue's comments (up to 10 pages).</summary>
    public async Task<bool> HasCommentAsync(string repository, int number, string marker, CancellationToken cancellationToken)
    {
        var (owner, name) = Split(repository);
        var comments = await Client(repository).Issue.Comment.GetAllForIssue(owner, name, number, new ApiOptions { PageSize = 100, PageCount = 10, StartPage = 1 })
            .WaitAsync(cancellationToken).ConfigureAwait(false);
        return comments.Any(comment => (comment.Body ?? string.Empty).Contains(marker, StringComparison.Ordinal));
    }

    public async Task CommentAsync(string repository, int number, string body, CancellationToken cancellationToken)
    {
        var (owner, name) = Split(repository);
        await Client(repository).Issue.Comment.Create(owner, name, number, body).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task CloseAsync(string repository, int number, CancellationToken cancellationToken)
    {
        var (owner, name) = Split(repository);
        await Client(repository).Issue.Update(owner, name, number, new IssueUpdate { State = ItemState.Closed, StateReason = ItemStateReason.Completed })
            .WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private GitHubClient Client(string repository) => _clients.GetOrAdd(repository, repo => new GitHubClient(new Connection(
        GitHubHttp.Product, _api, new InMemoryCredentialStore(new Credentials(GitHubSignIn.Reference(repo), AuthenticationType.Bearer)), http, new SimpleJsonSerializer())));

    private static (string Owner, string Name) Split(string repository)
    {
        var slash = repository.IndexOf('/', StringComparison.Ordinal);
        return (repository[..slash], repository[(slash + 1)..]);
    }
}
