using Microsoft.Extensions.Logging;
using TrunkExporter.Configuration;
using TrunkExporter.Core;
using TrunkExporter.Health;
using TrunkExporter.Sources;

namespace TrunkExporter.Refresh;

/// <summary>One refresh of one repository: load from its source, calculate, publish; a failure keeps the last good state.</summary>
/// <param name="metrics">The refresh self-metrics, counted as each refresh ends; none when absent (a caller without /metrics).</param>
internal sealed class BranchRefresher(
    IEnumerable<ITrunkSource> sources,
    TrunkStateStore store,
    TimeProvider time,
    ILogger<BranchRefresher> logger,
    RefreshMetrics? metrics = null)
{
    private readonly ITrunkSource[] _sources = [.. sources];

    public async Task<BranchState> RefreshAsync(BranchTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var started = time.GetTimestamp();
        try
        {
            var source = _sources.FirstOrDefault(candidate => candidate.Serves(target))
                ?? throw new InvalidOperationException($"no source serves {target.Repo}: set its ReplayFile or configure GitHub access");
            var snapshot = await source.LoadAsync(target, cancellationToken).ConfigureAwait(false);
            var health = TrunkHealthCalculator.Calculate(snapshot, target.Scope);
            var duration = time.GetElapsedTime(started);
            RefreshLog.Refreshed(logger, target.Repo, target.Branch, health.WindowCommits, health.ConsecutiveBrokenCommits, duration.TotalMilliseconds);
            var now = time.GetUtcNow();
            metrics?.Succeeded(target, duration);
            return store.Update(target, state => state with
            {
                Health = health,
                LastSuccess = now,
                LastError = null,
                LastRefreshDuration = duration,
                NeedsOperator = false,
            });
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var duration = time.GetElapsedTime(started);
            RefreshLog.RefreshFailed(logger, target.Repo, target.Branch, ex.Message);
            metrics?.Failed(target, duration);
            return store.Update(target, state => state with
            {
                RefreshFailures = state.RefreshFailures + 1,
                LastError = ex.Message,
                LastRefreshDuration = duration,
                NeedsOperator = ex is IOperatorFailure { NeedsOperator: true },
            });
        }
    }
}
