using Microsoft.Extensions.Options;
using TrunkExporter.Configuration;
using TrunkExporter.GitHub.Reading;
using TrunkExporter.Refresh;
using TrunkExporter.Snapshots;

namespace TrunkExporter.GitHub;

/// <summary>Serves every repository that has no replay file, live from GitHub, with its cache kept in the data directory.</summary>
internal sealed class GitHubSource(GitHubTrunkReader reader, IOptions<GitHubOptions> options) : ITrunkSource
{
    public bool Serves(RepositoryTarget target) => target?.ReplayFile is null;

    public Task<TrunkSnapshot> LoadAsync(RepositoryTarget target, CancellationToken cancellationToken) =>
        LoadAsync(target, partial: null, cancellationToken);

    public Task<TrunkSnapshot> LoadAsync(RepositoryTarget target, Action<TrunkSnapshot>? partial, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        return reader.RefreshAsync(Identity(target), target.Scope.WorkflowPattern.IsMatch, partial, cancellationToken);
    }

    public TrunkSnapshot? Restore(RepositoryTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return reader.Restore(Identity(target));
    }

    private BranchCacheIdentity Identity(RepositoryTarget target) =>
        new(target.Repo, target.Branch, GitHubHttp(options.Value), target.Scope.Window, target.Scope.WorkflowPattern.ToString(), options.Value.PerPage);

    private static string GitHubHttp(GitHubOptions value) => Http.GitHubHttp.ApiBase(value).AbsoluteUri;
}
