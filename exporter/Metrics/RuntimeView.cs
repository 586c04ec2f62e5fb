using Prometheus;

namespace TrunkExporter.Metrics;

/// <summary>
/// The usual runtime view of a prometheus-net exporter, registered after the catalog's families:
/// <c>process_*</c> and <c>dotnet_*</c> (prometheus-net's DotNetStats, read from the process when a
/// scrape collects). The HTTP request metrics of the exporter's endpoints come from the app's
/// middleware (see ExporterApp). The runtime's System.Runtime meter is left out: its names (such as
/// <c>dotnet_timer_count</c> on a gauge) fail <c>promtool check metrics</c>.
/// </summary>
internal static class RuntimeView
{
    public static void RegisterOn(ServedMetrics served)
    {
        ArgumentNullException.ThrowIfNull(served);
        DotNetStats.Register(served.Registry);
    }
}
