namespace TrunkExporter.Exposition;

/// <summary>
/// A metric family as scraped by Prometheus. <see cref="Name"/> is the sample name: counters
/// carry their <c>_total</c> suffix, which OpenMetrics strips from the family's TYPE and HELP lines.
/// </summary>
internal sealed record MetricFamily(string Name, MetricType Type, string Help, IReadOnlyList<string> LabelNames)
{
    public string OpenMetricsName => Type == MetricType.Counter && Name.EndsWith("_total", StringComparison.Ordinal)
        ? Name[..^"_total".Length]
        : Name;
}
