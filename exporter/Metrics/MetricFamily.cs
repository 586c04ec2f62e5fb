using Prometheus;

namespace TrunkExporter.Metrics;

/// <summary>
/// A metric family as scraped by Prometheus. <see cref="Name"/> is the sample name: counters carry
/// their <c>_total</c> suffix, which prometheus-net strips from OpenMetrics' TYPE and HELP lines.
/// </summary>
internal sealed record MetricFamily(string Name, MetricType Type, string Help, IReadOnlyList<string> LabelNames)
{
    /// <summary>This family's gauge on the registry, the one already there if any.</summary>
    public Gauge GaugeOn(CollectorRegistry registry)
    {
        ThrowUnless(MetricType.Gauge);
        return Prometheus.Metrics.WithCustomRegistry(registry).CreateGauge(Name, Help, new GaugeConfiguration
        {
            LabelNames = [.. LabelNames],

            // A series appears with its first value, never as a 0 that a scrape could catch in between.
            SuppressInitialValue = true,
        });
    }

    /// <summary>This family's counter on the registry, the one already there if any.</summary>
    public Counter CounterOn(CollectorRegistry registry)
    {
        ThrowUnless(MetricType.Counter);
        return Prometheus.Metrics.WithCustomRegistry(registry).CreateCounter(Name, Help, new CounterConfiguration
        {
            LabelNames = [.. LabelNames],
            SuppressInitialValue = true,
        });
    }

    /// <summary>Registers the family, so that the registry writes families in the order they were registered.</summary>
    public void RegisterOn(CollectorRegistry registry)
    {
        _ = Type == MetricType.Counter ? (Collector)CounterOn(registry) : GaugeOn(registry);
    }

    private void ThrowUnless(MetricType type)
    {
        if (Type != type)
        {
            throw new InvalidOperationException($"{Name} is a {Type}, not a {type}.");
        }
    }
}
