using TrunkExporter.Configuration;
using TrunkExporter.GitHub.Reading;
using TrunkExporter.Snapshots;

namespace TrunkExporter.Sources;

/// <summary>Serves every repository that has no replay file, live from GitHub.</summary>
internal sealed class GitHubSource(GitHubTrunkReader reader) : ITrunkSource
{
    public bool Serves(BranchTarget target) => target?.ReplayFile is null;

    public Task<TrunkSnapshot> LoadAsync(BranchTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var workflows = target.Scope.WorkflowPattern;
        return reader.ReadAsync(target.Repo, target.Branch, target.Scope.Window, workflows.IsMatch, cancellationToken);
    }
}
