using System.Globalization;
using System.Text;
using Prometheus;

namespace TrunkExporter.Tests.GitHub;

/// <summary>A served gauge's value, read the way a scrape reads it: from the registry's text exposition.</summary>
internal static class Gauges
{
    public static async Task<double?> ValueAsync(CollectorRegistry registry, string name, string resource)
    {
        using var text = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(text);
        var prefix = $"{name}{{resource=\"{resource}\"}} ";
        var line = Encoding.UTF8.GetString(text.ToArray()).Split('\n').FirstOrDefault(candidate => candidate.StartsWith(prefix, StringComparison.Ordinal));
        return line is null ? null : double.Parse(line[prefix.Length..], CultureInfo.InvariantCulture);
    }
}
