namespace TrunkExporter.Exposition;

internal enum ExpositionFormat
{
    /// <summary>Prometheus text format 0.0.4.</summary>
    PrometheusText,

    /// <summary>OpenMetrics 1.0.0 text.</summary>
    OpenMetrics,
}
