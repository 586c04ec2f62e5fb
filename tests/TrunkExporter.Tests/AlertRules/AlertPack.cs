using TrunkExporter.Tests.Support;

namespace TrunkExporter.Tests.AlertRules;

/// <summary>
/// Where the rule pack lives, and the base URLs that the shipped files carry: the mixin's defaults
/// (alert-rules/mixin/config.libsonnet), deliberately unreachable example domains that a deployment
/// overrides in _config (alert-rules/README.md).
/// </summary>
internal static class AlertPack
{
    public const string RunbookBase = "https://runbooks.example.invalid/alert-rules/runbooks";
    public const string GrafanaBase = "https://grafana.example.invalid";
    public const string SinkBase = "https://notification-sink.example.invalid";
    public const string HudBase = "https://trunk-exporter.example.invalid";

    /// <summary>The reserved top-level domain of every default base URL.</summary>
    public const string ExampleDomain = ".example.invalid";

    public static string MixinDirectory => Path.Combine(Root, "mixin");

    public static string Snippet => Path.Combine(Root, "alertmanager", "snippet.yml");

    public static string Root => RepoPaths.InRepo("alert-rules");

    public static string Readme => Path.Combine(Root, "README.md");

    public static string PrometheusDirectory => Path.Combine(Root, "prometheus");

    public static string AlertmanagerConfig => Path.Combine(Root, "alertmanager", "alertmanager.yml");

    public static string TemplatesGlob => Path.Combine(Root, "alertmanager", "templates", "*.tmpl");

    public static string RunbookDirectory => Path.Combine(Root, "runbooks");

    public static string TestDirectory => Path.Combine(Root, "tests");

    public static string NotificationDirectory => Path.Combine(TestDirectory, "notifications");

    public static IReadOnlyList<string> RuleFiles => Sorted(PrometheusDirectory, "*.rules.yml");

    public static IReadOnlyList<string> PromtoolTestFiles => Sorted(TestDirectory, "*.test.yml");

    public static IReadOnlyList<string> NotificationFiles => Sorted(NotificationDirectory, "*.json");

    public static IReadOnlyList<string> RunbookFiles => Sorted(RunbookDirectory, "*.md");

    public static IReadOnlyList<PrometheusRule> Rules => RuleFileReader.Read(RuleFiles);

    public static IReadOnlyList<PrometheusRule> Alerts => [.. Rules.Where(rule => rule.Alert is not null)];

    private static string[] Sorted(string directory, string pattern) =>
        [.. Directory.GetFiles(directory, pattern).Order(StringComparer.Ordinal)];
}
