using Prometheus;

namespace TrunkExporter.Metrics;

/// <summary>
/// One gauge family kept equal to the newest series set: an apply sets the series that are new or
/// changed and removes the ones that vanished, so a vanished job or commit leaves the next scrape.
/// Expiring metrics (WithManagedLifetime) would keep them until they time out.
/// </summary>
internal sealed class AppliedGauge(Gauge gauge)
{
    private Dictionary<string[], double> _applied = new(LabelValuesComparer.Instance);
    private Dictionary<string[], double> _next = new(LabelValuesComparer.Instance);

    /// <summary>Starts a new set, dropping what an apply that failed half-way may have left.</summary>
    public void Begin() => _next.Clear();

    /// <summary>Adds one series of the set being built; new series are created in this order.</summary>
    public void Add(string[] labelValues, double value)
    {
        _next[labelValues] = value;
        if (!_applied.TryGetValue(labelValues, out var applied) || !applied.Equals(value))
        {
            gauge.WithLabels(labelValues).Set(value);
        }
    }

    /// <summary>Ends the set: every series applied before and not added since is removed.</summary>
    public void Complete()
    {
        foreach (var labelValues in _applied.Keys)
        {
            if (!_next.ContainsKey(labelValues))
            {
                gauge.RemoveLabelled(labelValues);
            }
        }

        (_applied, _next) = (_next, _applied);
    }
}
