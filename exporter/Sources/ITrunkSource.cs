using TrunkExporter.Configuration;
using TrunkExporter.Snapshots;

namespace TrunkExporter.Sources;

/// <summary>Where a repository's trunk data comes from. Any exception fails that one refresh only.</summary>
internal interface ITrunkSource
{
    /// <summary>Whether this source serves the repository (a replay file, GitHub, ...).</summary>
    bool Serves(BranchTarget target);

    Task<TrunkSnapshot> LoadAsync(BranchTarget target, CancellationToken cancellationToken);
}
