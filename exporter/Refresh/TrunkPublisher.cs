using TrunkExporter.Metrics;

namespace TrunkExporter.Refresh;

/// <summary>
/// Before every collection, applies the newest published state to the trunk gauges (a diff, and
/// only when a refresh published something new). A scrape reads memory only: it never waits on a refresh.
/// The last-success time comes from the same state as the trunk series: the rule pack reads a
/// reported N only where a last success exists, so a scrape must never see the success of a
/// refresh without the series it produced (that would read as N = 0 and resolve a firing alert).
/// </summary>
internal sealed class TrunkPublisher
{
    private readonly TrunkStateStore _store;
    private readonly TrunkGauges _gauges;
    private readonly Prometheus.Gauge _lastSuccess;
    private readonly Lock _apply = new();
    private IReadOnlyList<BranchState>? _applied;

    public TrunkPublisher(TrunkStateStore store, ServedMetrics served)
    {
        ArgumentNullException.ThrowIfNull(served);
        _store = store;
        _gauges = new TrunkGauges(served.Registry);
        _lastSuccess = MetricCatalog.LastSuccess.GaugeOn(served.Registry);
        served.Registry.AddBeforeCollectCallback(ApplyNewest);
    }

    public void ApplyNewest()
    {
        var states = _store.Current;
        lock (_apply)
        {
            // The store replaces its array on every publication, so an unchanged array means nothing new.
            if (ReferenceEquals(states, _applied))
            {
                return;
            }

            _gauges.Apply(
                [.. states.Where(state => state.Health is not null).Select(state => state.Health!)],
                states.Select(state => new BranchOwner(state.Target.Repo, state.Target.Branch, state.Target.Team)));
            foreach (var state in states)
            {
                if (state.LastSuccess is { } at)
                {
                    _lastSuccess.WithLabels(state.Target.Repo, state.Target.Branch).Set(TrunkGauges.UnixSeconds(at));
                }
            }

            _applied = states;
        }
    }
}
