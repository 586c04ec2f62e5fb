using TrunkExporter.Tests.Dashboards;
using TrunkExporter.Tests.Support;

namespace TrunkExporter.Tests.AlertRules;

/// <summary>
/// The base URLs come from the mixin's _config (alert-rules/README.md, "Configure the mixin"): in the
/// shipped files, rendered with the defaults, each sits exactly where the links are built.
/// Rendering with other bases moves every link: tests/TrunkExporter.Tests/Mixin.
/// </summary>
public sealed class BaseUrlTests
{
    private const string TrunkDashboardQuery = "/d/trunk-health/trunk-health?var-repo={{ $labels.repo | urlquery }}&var-branch={{ $labels.branch | urlquery }}";

    [Fact]
    public void Each_base_url_appears_once_per_alert_and_nowhere_else()
    {
        var alerts = AlertPack.Alerts;

        Assert.Equal(alerts.Count, Occurrences(AlertPack.RunbookBase));
        Assert.Equal(alerts.Count, Occurrences(AlertPack.GrafanaBase));
        Assert.All(alerts, alert =>
        {
            Assert.StartsWith(AlertPack.RunbookBase + "/", alert.Annotations["runbook_url"], StringComparison.Ordinal);
            Assert.StartsWith(AlertPack.GrafanaBase + "/d/", alert.Annotations["dashboard_url"], StringComparison.Ordinal);
        });
    }

    [Fact]
    public void The_hud_literal_builds_the_hud_url_of_both_trunk_alerts_and_nothing_else()
    {
        var trunk = AlertPack.Alerts.Where(alert => alert.Alert is "TrunkBroken" or "TrunkBadlyBroken").ToList();

        Assert.Equal(2, trunk.Count);
        // The exporter's address also appears in runbooks (curl /healthz): only the HUD links must move with the HUD base.
        Assert.Equal(trunk.Count, Occurrences(AlertPack.HudBase + "/hud/"));
        Assert.All(trunk, alert => Assert.Equal(AlertPack.HudBase + "/hud/{{ $labels.repo }}/{{ $labels.branch }}", alert.Annotations["hud_url"]));
    }

    [Fact]
    public void The_sink_literal_appears_only_in_the_receivers()
    {
        var receivers = AlertmanagerConfigFile.Load().Receivers;
        var config = File.ReadAllText(AlertPack.AlertmanagerConfig);

        Assert.Equal(2 * receivers.Count, Count(config, AlertPack.SinkBase + "/"));
    }

    [Fact]
    public void Trunk_alerts_open_the_trunk_dashboard_filtered_to_their_repo_and_branch()
    {
        Assert.All(
            AlertPack.Alerts.Where(alert => alert.Alert is "TrunkBroken" or "TrunkBadlyBroken"),
            alert => Assert.Equal(AlertPack.GrafanaBase + TrunkDashboardQuery, alert.Annotations["dashboard_url"]));
    }

    [Fact]
    public void The_readme_names_each_default()
    {
        var readme = File.ReadAllText(AlertPack.Readme);

        Assert.Contains($"`{AlertPack.RunbookBase}`", readme, StringComparison.Ordinal);
        Assert.Contains($"`{AlertPack.GrafanaBase}`", readme, StringComparison.Ordinal);
        Assert.Contains($"`{AlertPack.SinkBase}`", readme, StringComparison.Ordinal);
        Assert.Contains($"`{AlertPack.HudBase}`", readme, StringComparison.Ordinal);
    }

    /// <summary>The dashboard's runbook links and the alerts' runbook_url must move together (both READMEs; the mixin writes one setting into both).</summary>
    [Fact]
    public void The_trunk_dashboard_runbook_base_variable_is_the_rules_runbook_base()
    {
        var variable = DashboardFile.Load(DashboardFile.TrunkHealth).Variable("runbook_base");

        Assert.Equal("constant", (string?)variable["type"]);
        Assert.Equal(2, (int?)variable["hide"]);
        Assert.Equal(AlertPack.RunbookBase, DashboardFile.VariableQuery(variable));
        Assert.Equal(AlertPack.RunbookBase, (string?)variable["current"]?["value"]);
        Assert.Equal(AlertPack.RunbookBase, (string?)variable["current"]?["text"]);
    }

    [Fact]
    public void Both_readmes_say_the_dashboard_runbook_base_changes_with_the_rules()
    {
        foreach (var readme in new[] { AlertPack.Readme, RepoPaths.InRepo("grafana-dashboards", "README.md") })
        {
            var text = File.ReadAllText(readme);
            Assert.Contains("`runbook_base`", text, StringComparison.Ordinal);
            Assert.Contains($"`{AlertPack.RunbookBase}`", text, StringComparison.Ordinal);
        }
    }

    /// <summary>Occurrences in the shipped rule and Alertmanager files (the mixin's config names each default once).</summary>
    private static int Occurrences(string literal) =>
        Directory.GetFiles(AlertPack.PrometheusDirectory, "*", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(Path.Combine(AlertPack.Root, "alertmanager"), "*", SearchOption.AllDirectories))
            .Sum(file => Count(File.ReadAllText(file), literal));

    private static int Count(string text, string literal)
    {
        var count = 0;
        for (var index = text.IndexOf(literal, StringComparison.Ordinal); index >= 0; index = text.IndexOf(literal, index + literal.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
