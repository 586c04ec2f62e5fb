using Prometheus;

namespace TrunkExporter.Metrics;

/// <summary>
/// The registry <c>/metrics</c> serves: a custom one (none of prometheus-net's default metrics), in
/// which every family of <see cref="MetricCatalog"/> is registered first and in catalog order, so the
/// contract's trunk families come first and the exporter's own <c>trunk_exporter_*</c> families after
/// them. The runtime view (<see cref="RuntimeView"/>, HTTP request metrics) is registered after both.
/// </summary>
internal sealed class ServedMetrics
{
    public ServedMetrics()
    {
        Registry = Prometheus.Metrics.NewCustomRegistry();
        foreach (var family in MetricCatalog.All)
        {
            family.RegisterOn(Registry);
        }

        BuildInfo.SetOn(Registry);
    }

    public CollectorRegistry Registry { get; }

    /// <summary>What a scrape in the format gets (for tests and benchmarks; the endpoint streams the same).</summary>
    public Task<string> RenderAsync(ExpositionFormat format, CancellationToken cancellationToken = default) =>
        Render.ToStringAsync(Registry, format, cancellationToken);
}
