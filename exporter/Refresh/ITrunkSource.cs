using TrunkExporter.Configuration;
using TrunkExporter.Snapshots;

namespace TrunkExporter.Refresh;

/// <summary>Where a repository's trunk data comes from. Any exception fails that one refresh only.</summary>
internal interface ITrunkSource
{
    /// <summary>Whether this source serves the repository (a replay file, GitHub, ...).</summary>
    bool Serves(RepositoryTarget target);

    Task<TrunkSnapshot> LoadAsync(RepositoryTarget target, CancellationToken cancellationToken);
}
