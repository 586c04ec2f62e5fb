using TrunkExporter.Configuration;
using TrunkExporter.Core;
using TrunkExporter.Health;

namespace TrunkExporter.Refresh;

/// <summary>What the exporter knows about one branch; replaced whole on every refresh, never mutated.</summary>
/// <param name="Health">The last good trunk state; kept when a later refresh fails.</param>
/// <param name="NeedsOperator">The latest refresh failed in a way only an operator can mend (see <see cref="IOperatorFailure"/>).</param>
internal sealed record BranchState(
    BranchTarget Target,
    TrunkHealth? Health = null,
    DateTimeOffset? LastSuccess = null,
    long RefreshFailures = 0,
    string? LastError = null,
    TimeSpan? LastRefreshDuration = null,
    bool NeedsOperator = false)
{
    /// <summary>Refreshed at least once, and the latest failure (if any) is one that retrying can mend.</summary>
    public bool IsReady => LastSuccess is not null && !NeedsOperator;
}
