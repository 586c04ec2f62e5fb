
namespace TrunkExporter.Stack;

/// <summary>What the Prometheus under test scrapes, evaluates and notifies.</summary>
internal sealed record PrometheusSetup
{
    /// <summary>The exporter's scrape job name: the one the mixin's default selector (_config.trunkExporterSelector) names.</summary>
    public const string ExporterJob = "trunk-exporter";

    /// <summary>host:port targets of the <see cref="ExporterJob"/> job.</summary>
    public required IReadOnlyList<string> ExporterTargets { get; init; }

    /// <summary>Absolute paths of rule files to load.</summary>
    public IReadOnlyList<string> RuleFiles { get; init; } = [];

    /// <summary>Where alerts are sent, when they should be.</summary>
    public Uri? AlertmanagerUrl { get; init; }

    /// <summary>
    /// More Alertmanagers every alert goes to as well (an HA pair: each Prometheus sends to every
    /// member of the cluster, which deduplicates); they share <see cref="AlertmanagerUrl"/>'s scheme and path.
    /// </summary>
    public IReadOnlyList<Uri> MoreAlertmanagerUrls { get; init; } = [];

    /// <summary>Labels that tell this Prometheus from its HA twin in stored series (not in alerts: they are dropped there).</summary>
    public IReadOnlyDictionary<string, string> ExternalLabels { get; init; } = new Dictionary<string, string>();

    /// <summary>A fixed web port (a restart where the old one was), or 0 for a free one.</summary>
    public int Port { get; init; }

    /// <summary>Scrape and rule evaluation interval.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The repository's rule pack, alert-rules/prometheus/*.rules.yml.</summary>
    public static IReadOnlyList<string> ShippedRuleFiles()
    {
        var directory = RepoPaths.InRepo("alert-rules", "prometheus");
        var files = Directory.Exists(directory)
            ? Directory.GetFiles(directory, "*.rules.yml").Order(StringComparer.Ordinal).ToArray()
            : [];
        return files.Length > 0
            ? files
            : throw new FileNotFoundException($"No rule files match {directory}/*.rules.yml: the live-stack tests load the shipped rule pack.");
    }
}
