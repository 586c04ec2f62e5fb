using TrunkExporter.Configuration;
using TrunkExporter.Health;

namespace TrunkExporter.Refresh;

/// <summary>What the exporter knows about one branch; replaced whole on every refresh, never mutated.</summary>
/// <param name="Health">The last good trunk state; kept when a later refresh fails.</param>
internal sealed record RepositoryState(
    RepositoryTarget Target,
    TrunkHealth? Health = null,
    DateTimeOffset? LastSuccess = null,
    long RefreshFailures = 0,
    string? LastError = null,
    TimeSpan? LastRefreshDuration = null)
{
    public bool IsReady => LastSuccess is not null;
}
