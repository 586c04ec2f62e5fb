using TrunkExporter.Configuration;
using TrunkExporter.GitHub.Reading;
using TrunkExporter.Refresh;
using TrunkExporter.Snapshots;

namespace TrunkExporter.GitHub;

/// <summary>Serves every repository that has no replay file, live from GitHub.</summary>
internal sealed class GitHubSource(GitHubTrunkReader reader) : ITrunkSource
{
    public bool Serves(RepositoryTarget target) => target?.ReplayFile is null;

    public Task<TrunkSnapshot> LoadAsync(RepositoryTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var workflows = target.Scope.WorkflowPattern;
        return reader.ReadAsync(target.Repo, target.Branch, target.Scope.Window, workflows.IsMatch, cancellationToken);
    }
}
