namespace TrunkExporter.Metrics;

internal enum MetricType
{
    Gauge,
    Counter,
}
