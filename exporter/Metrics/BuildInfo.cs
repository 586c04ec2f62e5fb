using System.Reflection;
using System.Runtime.InteropServices;
using Prometheus;

namespace TrunkExporter.Metrics;

internal static class BuildInfo
{
    public static string Version { get; } =
        typeof(BuildInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "unknown";

    public static string Runtime { get; } = RuntimeInformation.FrameworkDescription;

    /// <summary>Sets <c>trunk_exporter_build_info</c>, which never changes while the process runs.</summary>
    public static void SetOn(CollectorRegistry registry) =>
        MetricCatalog.BuildInfo.GaugeOn(registry).WithLabels(Version, Runtime).Set(1);
}
