using Prometheus;
using TrunkExporter.Configuration;
using TrunkExporter.Metrics;

namespace TrunkExporter.Refresh;

/// <summary>
/// The refresh loop's self-metrics, set by the refresher when a refresh ends. The last-success time is
/// not among them: <see cref="TrunkPublisher"/> publishes it with the state it belongs to.
/// </summary>
internal sealed class RefreshMetrics
{
    private readonly Counter _failures;
    private readonly Gauge _duration;

    public RefreshMetrics(ServedMetrics served, TrunkStateStore store)
    {
        ArgumentNullException.ThrowIfNull(served);
        ArgumentNullException.ThrowIfNull(store);
        _failures = MetricCatalog.RefreshFailures.CounterOn(served.Registry);
        _duration = MetricCatalog.RefreshDuration.GaugeOn(served.Registry);

        // Every configured branch counts its failures from the start, 0 included.
        foreach (var state in store.Current)
        {
            _failures.WithLabels(state.Target.Repo, state.Target.Branch).Publish();
        }
    }

    public void Succeeded(BranchTarget target, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(target);
        _duration.WithLabels(target.Repo, target.Branch).Set(duration.TotalSeconds);
    }

    public void Failed(BranchTarget target, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(target);
        _failures.WithLabels(target.Repo, target.Branch).Inc();
        _duration.WithLabels(target.Repo, target.Branch).Set(duration.TotalSeconds);
    }
}
