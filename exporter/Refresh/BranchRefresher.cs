using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using TrunkExporter.Configuration;
using TrunkExporter.Core;
using TrunkExporter.Health;
using TrunkExporter.Snapshots;
using TrunkExporter.Sources;

namespace TrunkExporter.Refresh;

/// <summary>One refresh of one repository: load from its source, calculate, publish; a failure keeps the last good state.</summary>
/// <param name="metrics">The refresh self-metrics, counted as each refresh ends; none when absent (a caller without /metrics).</param>
/// <param name="amendment">Webhook events laid over every polled snapshot; none when webhooks are off.</param>
internal sealed class BranchRefresher(
    IEnumerable<ITrunkSource> sources,
    TrunkStateStore store,
    TimeProvider time,
    ILogger<BranchRefresher> logger,
    RefreshMetrics? metrics = null,
    ISnapshotAmendment? amendment = null)
{
    private readonly ITrunkSource[] _sources = [.. sources];

    /// <summary>One poll of a branch at a time.</summary>
    private readonly ConcurrentDictionary<BranchKey, SemaphoreSlim> _polls = new();

    /// <summary>
    /// One calculation and publication of a branch at a time, polls and webhook events alike; held only while
    /// calculating, so an event is never kept waiting by a poll's GitHub requests.
    /// </summary>
    private readonly ConcurrentDictionary<BranchKey, SemaphoreSlim> _publications = new();

    /// <summary>The last polled snapshot per branch, kept only with an amendment (to re-apply events without polling).</summary>
    private readonly ConcurrentDictionary<BranchKey, TrunkSnapshot> _polled = new();

    /// <summary>
    /// At start-up: the state the source saved in an earlier run, published at once with the time it was
    /// read as its last success, so the age metrics tell how old it is. False when there is none.
    /// </summary>
    public bool Restore(BranchTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (_sources.FirstOrDefault(candidate => candidate.Serves(target))?.Restore(target) is not { } snapshot)
        {
            return false;
        }

        var health = TrunkHealthCalculator.Calculate(snapshot, target.Scope);
        RefreshLog.Restored(logger, target.Repo, target.Branch, health.WindowCommits, snapshot.CapturedAt);
        if (amendment is not null)
        {
            // Webhook events can then be laid over the restored window before the first poll ends.
            _polled[target.Key] = snapshot;
        }

        store.Update(target, state => state.LastSuccess is null ? state with { Health = health, LastSuccess = snapshot.CapturedAt } : state);
        return true;
    }

    public async Task<BranchState> RefreshAsync(BranchTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var gate = Gate(_polls, target);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await PollAsync(target, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Publishes the branch again from its last polled snapshot with the amendment applied: no request to the
    /// source. Does nothing before the first successful poll (that poll applies it).
    /// </summary>
    public async Task<bool> ReapplyAsync(BranchTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var gate = Gate(_publications, target);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (amendment is null || !_polled.TryGetValue(target.Key, out var polled))
            {
                return false;
            }

            var health = TrunkHealthCalculator.Calculate(amendment.Amend(target, polled, pollStarted: null), target.Scope);
            store.Update(target, state => state with { Health = health });
            return true;
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<BranchState> PollAsync(BranchTarget target, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var startedAt = time.GetUtcNow();
        try
        {
            var source = _sources.FirstOrDefault(candidate => candidate.Serves(target))
                ?? throw new InvalidOperationException($"no source serves {target.Repo}: set its ReplayFile or configure GitHub access");
            // Until a first refresh succeeds, a partial window may be published: its series (trunk_window_commits
            // says how many commits), never a last-success time, so the rule pack neither fires nor resolves on it.
            var partial = store.Current.First(state => state.Target.Key == target.Key).LastSuccess is null
                ? snapshot => PublishPartial(target, snapshot)
                : (Action<TrunkSnapshot>?)null;
            var snapshot = await source.LoadAsync(target, partial, cancellationToken).ConfigureAwait(false);
            var gate = Gate(_publications, target);
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (amendment is not null)
                {
                    _polled[target.Key] = snapshot;
                    snapshot = amendment.Amend(target, snapshot, startedAt);
                }

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
            finally
            {
                gate.Release();
            }
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

    private static SemaphoreSlim Gate(ConcurrentDictionary<BranchKey, SemaphoreSlim> gates, BranchTarget target) =>
        gates.GetOrAdd(target.Key, _ => new SemaphoreSlim(1, 1));

    private void PublishPartial(BranchTarget target, TrunkSnapshot snapshot)
    {
        var health = TrunkHealthCalculator.Calculate(snapshot, target.Scope);
        RefreshLog.Partial(logger, target.Repo, target.Branch, health.WindowCommits, target.Scope.Window, health.ConsecutiveBrokenCommits);
        store.Update(target, state => state.LastSuccess is null ? state with { Health = health } : state);
    }
}
