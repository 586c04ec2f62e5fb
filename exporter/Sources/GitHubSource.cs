using Microsoft.Extensions.Options;
using TrunkExporter.Configuration;
using TrunkExporter.GitHub;
using TrunkExporter.GitHub.Reading;
using TrunkExporter.Snapshots;

namespace TrunkExporter.Sources;

/// <summary>Serves every repository that has no replay file, live from GitHub, with its cache kept in the data directory.</summary>
internal sealed class GitHubSource(GitHubTrunkReader reader, IOptions<GitHubOptions> options) : ITrunkSource
{
    public bool Serves(BranchTarget target) => target?.ReplayFile is null;

    public Task<TrunkSnapshot> LoadAsync(BranchTarget target, CancellationToken cancellationToken) =>
        LoadAsync(target, partial: null, cancellationToken);

    public Task<TrunkSnapshot> LoadAsync(BranchTarget target, Action<TrunkSnapshot>? partial, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        return reader.RefreshAsync(Identity(target), target.Scope.WorkflowPattern.IsMatch, partial, cancellationToken);
    }

    public TrunkSnapshot? Restore(BranchTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return reader.Restore(Identity(target));
    }

    private BranchCacheIdentity Identity(BranchTarget target) => new(
        target.Repo, target.Branch, GitHub.Http.GitHubHttp.ApiBase(options.Value).AbsoluteUri, target.Scope.Window, target.Scope.WorkflowPattern.ToString(), options.Value.PerPage);
}
