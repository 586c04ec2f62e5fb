using TrunkExporter.Configuration;
using TrunkExporter.Snapshots;

namespace TrunkExporter.Sources;

/// <summary>Where a repository's trunk data comes from. Any exception fails that one refresh only.</summary>
internal interface ITrunkSource
{
    /// <summary>Whether this source serves the repository (a replay file, GitHub, ...).</summary>
    bool Serves(BranchTarget target);

    Task<TrunkSnapshot> LoadAsync(BranchTarget target, CancellationToken cancellationToken);

    /// <summary>
    /// The same, for a source that reads a window piece by piece: <paramref name="partial"/> is called
    /// at most once with the newest commits already complete (a streak there is a lower bound).
    /// </summary>
    Task<TrunkSnapshot> LoadAsync(BranchTarget target, Action<TrunkSnapshot>? partial, CancellationToken cancellationToken) =>
        LoadAsync(target, cancellationToken);

    /// <summary>At start-up, before the first load: the state saved by an earlier run, if the source keeps one.</summary>
    TrunkSnapshot? Restore(BranchTarget target) => null;
}
