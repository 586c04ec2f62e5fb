using System.Globalization;
using System.Text;

namespace TrunkExporter.Stack;

/// <summary>Renders the prometheus.yml of a <see cref="PrometheusSetup"/>.</summary>
internal static class PrometheusConfig
{
    public static string Render(PrometheusSetup setup)
    {
        ArgumentNullException.ThrowIfNull(setup);
        var interval = Duration(setup.Interval);
        var yaml = new StringBuilder()
            .AppendLine("global:")
            .AppendLine(CultureInfo.InvariantCulture, $"  scrape_interval: {interval}")
            .AppendLine(CultureInfo.InvariantCulture, $"  scrape_timeout: {interval}")
            .AppendLine(CultureInfo.InvariantCulture, $"  evaluation_interval: {interval}");
        if (setup.ExternalLabels.Count > 0)
        {
            yaml.AppendLine("  external_labels:");
            foreach (var (name, value) in setup.ExternalLabels)
            {
                yaml.AppendLine(CultureInfo.InvariantCulture, $"    {name}: {Quote(value)}");
            }
        }

        if (setup.RuleFiles.Count > 0)
        {
            yaml.AppendLine("rule_files:");
            foreach (var file in setup.RuleFiles)
            {
                yaml.AppendLine(CultureInfo.InvariantCulture, $"  - {Quote(Path.GetFullPath(file))}");
            }
        }

        if (setup.AlertmanagerUrl is { } alertmanager)
        {
            yaml.AppendLine("alerting:")
                .AppendLine("  alertmanagers:")
                .AppendLine(CultureInfo.InvariantCulture, $"    - scheme: {alertmanager.Scheme}")
                .AppendLine(CultureInfo.InvariantCulture, $"      path_prefix: {Quote(alertmanager.AbsolutePath)}")
                .AppendLine("      static_configs:")
                .AppendLine(CultureInfo.InvariantCulture, $"        - targets: [{string.Join(", ", new[] { alertmanager }.Concat(setup.MoreAlertmanagerUrls).Select(url => Quote(url.Authority)))}]");
            if (setup.ExternalLabels.Count > 0)
            {
                // Twins must send identical alerts, or Alertmanager would see two alerts and notify twice.
                yaml.AppendLine("  alert_relabel_configs:")
                    .AppendLine("    - action: labeldrop")
                    .AppendLine(CultureInfo.InvariantCulture, $"      regex: {Quote(string.Join('|', setup.ExternalLabels.Keys))}");
            }
        }

        yaml.AppendLine("scrape_configs:")
            .AppendLine(CultureInfo.InvariantCulture, $"  - job_name: {PrometheusSetup.ExporterJob}")
            .AppendLine("    static_configs:")
            .AppendLine(CultureInfo.InvariantCulture, $"      - targets: [{string.Join(", ", setup.ExporterTargets.Select(Quote))}]");
        return yaml.ToString();
    }

    private static string Duration(TimeSpan span) => span.TotalSeconds >= 1 && span.TotalSeconds % 1 == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{(long)span.TotalSeconds}s")
        : string.Create(CultureInfo.InvariantCulture, $"{(long)span.TotalMilliseconds}ms");

    // JSON string quoting is valid YAML and escapes whatever a path may hold.
    private static string Quote(string value) => System.Text.Json.JsonSerializer.Serialize(value);
}
