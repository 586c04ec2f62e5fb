using TrunkExporter.Tests.Dashboards;
using TrunkExporter.Tests.Support;

namespace TrunkExporter.Tests.AlertRules;

/// <summary>
/// The runbook and Grafana base URLs are literals that a deployment (and the demo) rewrites in a
/// copy of the pack with sed (alert-rules/README.md): each must sit exactly where the links are
/// built, and rewriting it must move every link.
/// </summary>
public sealed class BaseUrlTests
{
    private const string TrunkDashboardQuery = "/d/trunk-health/trunk-health?var-repo={{ $labels.repo | urlquery }}&var-branch={{ $labels.branch | urlquery }}";

    [Fact]
    public void Each_base_url_literal_appears_once_per_alert_and_nowhere_else()
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
    public void The_readme_names_each_literal()
    {
        var readme = File.ReadAllText(AlertPack.Readme);

        Assert.Contains($"`{AlertPack.RunbookBase}`", readme, StringComparison.Ordinal);
        Assert.Contains($"`{AlertPack.GrafanaBase}`", readme, StringComparison.Ordinal);
        Assert.Contains($"`{AlertPack.SinkBase}`", readme, StringComparison.Ordinal);
        Assert.Contains($"`{AlertPack.HudBase}`", readme, StringComparison.Ordinal);
    }

    /// <summary>The dashboard's runbook links and the alerts' runbook_url must move together (both READMEs, "Base URLs").</summary>
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

    [Fact]
    public async Task Rewriting_the_literals_moves_every_link_and_keeps_the_rules_valid()
    {
        using var scratch = new TempDirectory();
        var rewritten = new List<string>();
        foreach (var file in AlertPack.RuleFiles)
        {
            var copy = scratch.Combine(Path.GetFileName(file));
            await File.WriteAllTextAsync(copy, (await File.ReadAllTextAsync(file))
                .Replace(AlertPack.RunbookBase, "https://runbooks.example.org/trunk", StringComparison.Ordinal)
                .Replace(AlertPack.GrafanaBase, "https://grafana.example.org", StringComparison.Ordinal)
                .Replace(AlertPack.HudBase, "https://trunk-exporter.example.org", StringComparison.Ordinal));
            rewritten.Add(copy);
        }

        var alerts = RuleFileReader.Read(rewritten).Where(rule => rule.Alert is not null).ToList();
        Assert.All(alerts, alert =>
        {
            Assert.StartsWith("https://runbooks.example.org/trunk/", alert.Annotations["runbook_url"], StringComparison.Ordinal);
            Assert.StartsWith("https://grafana.example.org/d/", alert.Annotations["dashboard_url"], StringComparison.Ordinal);
            Assert.All(alert.Annotations.Values, value => Assert.DoesNotContain("127.0.0.1", value, StringComparison.Ordinal));
        });
        var check = await ExternalTool.RunAsync("promtool", ["check", "rules", "--lint=all", "--lint-fatal", .. rewritten]);
        Assert.True(check.ExitCode == 0, check.Describe());
    }

    /// <summary>Occurrences in the pack's own files; the tests' expectations and the README are not the pack.</summary>
    private static int Occurrences(string literal) =>
        Directory.GetFiles(AlertPack.Root, "*", SearchOption.AllDirectories)
            .Where(file => !file.StartsWith(AlertPack.TestDirectory + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .Where(file => file != AlertPack.Readme)
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
