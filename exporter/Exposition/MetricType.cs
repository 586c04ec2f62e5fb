namespace TrunkExporter.Exposition;

internal enum MetricType
{
    Gauge,
    Counter,
}
