using System.Reflection;
using System.Runtime.InteropServices;

namespace TrunkExporter.Metrics;

internal static class BuildInfo
{
    public static string Version { get; } =
        typeof(BuildInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "unknown";

    public static string Runtime { get; } = RuntimeInformation.FrameworkDescription;
}
