using System.Text;
using Prometheus;

namespace TrunkExporter.Metrics;

internal static class Render
{
    /// <summary>The registry's exposition in the format, as prometheus-net writes it (UTF-8).</summary>
    public static async Task<string> ToStringAsync(CollectorRegistry registry, ExpositionFormat format, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registry);
        using var stream = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(stream, format, cancellationToken).ConfigureAwait(false);
        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }
}
