using TrunkExporter.Tests.Support;

namespace TrunkExporter.Tests.AlertRules;

/// <summary>Where the rule pack lives, and the literals that a deployment rewrites (alert-rules/README.md).</summary>
internal static class AlertPack
{
    public const string RunbookBase = "http://127.0.0.1:9095/runbooks";
    public const string GrafanaBase = "http://127.0.0.1:3000";
    public const string SinkBase = "http://127.0.0.1:9095";
    public const string HudBase = "http://127.0.0.1:9473";

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
