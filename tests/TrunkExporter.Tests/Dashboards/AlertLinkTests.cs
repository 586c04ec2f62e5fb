using System.Text.Json;
using System.Web;

namespace TrunkExporter.Tests.Dashboards;

/// <summary>The trunk alerts and the trunk dashboard point at each other: dashboard_url opens it filtered, its links open the alerts' runbooks.</summary>
[Collection(DashboardStackDefinition.Name)]
public sealed class AlertLinkTests(DashboardStackFixture stack)
{
    private static readonly string[] TrunkAlerts = ["TrunkBroken", "TrunkBadlyBroken"];

    [Fact]
    public async Task An_active_trunk_alert_links_to_the_trunk_dashboard_filtered_to_its_repo_and_branch()
    {
        var dashboard = DashboardFile.Load(DashboardFile.TrunkHealth);
        var variables = dashboard.Variables.Select(variable => (string?)variable["name"]).ToList();
        Assert.Contains("repo", variables);
        Assert.Contains("branch", variables);
        var alerts = (await stack.Prometheus.GetDataAsync("api/v1/alerts")).GetProperty("alerts").EnumerateArray()
            .Where(alert => TrunkAlerts.Contains(alert.GetProperty("labels").GetProperty("alertname").GetString())
                && alert.GetProperty("labels").GetProperty("repo").GetString() == DashboardStackFixture.Repo)
            .ToList();
        Assert.NotEmpty(alerts);

        foreach (var alert in alerts)
        {
            var url = new Uri(alert.GetProperty("annotations").GetProperty("dashboard_url").GetString()!);
            Assert.StartsWith($"/d/{dashboard.Uid}/", url.AbsolutePath, StringComparison.Ordinal);
            var query = HttpUtility.ParseQueryString(url.Query);
            Assert.Equal(DashboardStackFixture.Repo, query["var-repo"]);
            Assert.Equal(DashboardStackFixture.Branch, query["var-branch"]);
        }
    }

    [Fact]
    public async Task Both_trunk_alerts_point_their_dashboard_url_at_the_trunk_dashboard_uid_with_repo_and_branch()
    {
        var uid = DashboardFile.Load(DashboardFile.TrunkHealth).Uid;
        var annotations = await TrunkAlertAnnotationsAsync("dashboard_url");

        Assert.Equal(TrunkAlerts.Order(StringComparer.Ordinal), annotations.Keys.Order(StringComparer.Ordinal));
        foreach (var (alert, url) in annotations)
        {
            Assert.True(url.Contains($"/d/{uid}/", StringComparison.Ordinal), $"{alert} dashboard_url {url} does not open /d/{uid}/.");
            Assert.True(url.Contains("var-repo=", StringComparison.Ordinal), $"{alert} dashboard_url {url} does not set var-repo.");
            Assert.True(url.Contains("var-branch=", StringComparison.Ordinal), $"{alert} dashboard_url {url} does not set var-branch.");
        }
    }

    [Fact]
    public async Task The_trunk_status_links_are_the_alerts_runbooks()
    {
        var dashboard = DashboardFile.Load(DashboardFile.TrunkHealth);
        var values = QueryValues.For(dashboard, QueryValues.Sample, stack);
        var links = DashboardFile.Objects(dashboard.Panel(TrunkHealthPanels.TrunkStatus)["fieldConfig"]?["defaults"]?["links"])
            .Select(link => GrafanaTemplate.Expand((string)link["url"]!, values))
            .ToHashSet(StringComparer.Ordinal);

        foreach (var (alert, runbook) in await TrunkAlertAnnotationsAsync("runbook_url"))
        {
            Assert.True(links.Contains(runbook), $"The trunk status panel does not link to {alert}'s runbook {runbook}; it links to: {string.Join(", ", links)}.");
        }
    }

    /// <summary>The annotation of each trunk alert rule as loaded by Prometheus (templates unexpanded).</summary>
    private async Task<Dictionary<string, string>> TrunkAlertAnnotationsAsync(string annotation)
    {
        var rules = (await stack.Prometheus.GetDataAsync("api/v1/rules?type=alert")).GetProperty("groups").EnumerateArray()
            .SelectMany(group => group.GetProperty("rules").EnumerateArray())
            .Where(rule => TrunkAlerts.Contains(rule.GetProperty("name").GetString()));
        return rules.ToDictionary(
            rule => rule.GetProperty("name").GetString()!,
            rule => rule.GetProperty("annotations").TryGetProperty(annotation, out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()!
                : string.Empty,
            StringComparer.Ordinal);
    }
}
