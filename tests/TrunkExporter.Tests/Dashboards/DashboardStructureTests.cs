using TrunkExporter.Tests.Support;
using System.Text.Json.Nodes;
using TrunkExporter.Metrics;

namespace TrunkExporter.Tests.Dashboards;

/// <summary>What Grafana needs to load the dashboards from files unchanged, checked without any server.</summary>
public sealed class DashboardStructureTests
{
    /// <summary>Grafana 10.4's schema: pinned, so Grafana never migrates the files on load.</summary>
    private const int SchemaVersion = 39;

    private const int GridColumns = 24;

    private static readonly string[] ExportSections = ["__inputs", "__requires", "__elements"];

    private static readonly JsonObject DatasourceVariable = new() { ["type"] = "prometheus", ["uid"] = "${datasource}" };

    public static TheoryData<string> Dashboards() => [.. DashboardFile.Names];

    [Theory]
    [InlineData(DashboardFile.TrunkHealth, "trunk-health")]
    [InlineData(DashboardFile.TrunkExporter, "trunk-exporter")]
    public void Each_dashboard_is_a_json_object_with_its_fixed_uid(string name, string uid)
    {
        var dashboard = DashboardFile.Load(name);

        Assert.Equal(uid, dashboard.Uid);
        Assert.False(string.IsNullOrWhiteSpace((string?)dashboard.Root["title"]), $"{name} has no title.");
    }

    [Fact]
    public void Dashboard_uids_are_unique()
    {
        var uids = DashboardFile.Names.Select(name => DashboardFile.Load(name).Uid).ToList();

        Assert.Equal(uids.Count, uids.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [MemberData(nameof(Dashboards))]
    public void Panel_ids_are_unique_positive_integers(string name)
    {
        var ids = DashboardFile.Load(name).GridItems.Select(panel => (int?)panel["id"]).ToList();

        Assert.All(ids, id => Assert.True(id > 0, $"{name} has a panel without a positive integer id."));
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Dashboards))]
    public void Every_panel_sits_inside_the_24_column_grid_without_overlapping_another(string name)
    {
        var boxes = DashboardFile.Load(name).GridItems.Select(panel => (
            Title: (string?)panel["title"],
            X: (int?)panel["gridPos"]?["x"] ?? -1,
            Y: (int?)panel["gridPos"]?["y"] ?? -1,
            W: (int?)panel["gridPos"]?["w"] ?? 0,
            H: (int?)panel["gridPos"]?["h"] ?? 0)).ToList();

        foreach (var box in boxes)
        {
            Assert.True(box is { X: >= 0, Y: >= 0, W: >= 1, H: >= 1 } && box.X + box.W <= GridColumns,
                $"{name}: panel '{box.Title}' at x={box.X} y={box.Y} w={box.W} h={box.H} is outside the {GridColumns}-column grid.");
        }

        foreach (var (a, b) in boxes.SelectMany((a, i) => boxes.Skip(i + 1).Select(b => (a, b))))
        {
            var overlap = a.X < b.X + b.W && b.X < a.X + a.W && a.Y < b.Y + b.H && b.Y < a.Y + a.H;
            Assert.False(overlap, $"{name}: panels '{a.Title}' and '{b.Title}' overlap.");
        }
    }

    [Theory]
    [MemberData(nameof(Dashboards))]
    public void Every_panel_query_variable_and_annotation_uses_the_datasource_variable(string name)
    {
        var dashboard = DashboardFile.Load(name);
        var users = dashboard.Panels.Select(panel => ($"panel '{(string?)panel["title"]}'", panel["datasource"]))
            .Concat(dashboard.Panels.SelectMany(panel => DashboardFile.Objects(panel["targets"])
                .Where(target => target["datasource"] is not null)
                .Select(target => ($"panel '{(string?)panel["title"]}' query {(string?)target["refId"]}", target["datasource"]))))
            .Concat(dashboard.Variables.Where(variable => (string?)variable["type"] == "query")
                .Select(variable => ($"variable {(string?)variable["name"]}", variable["datasource"])))
            .Concat(dashboard.Annotations.Select(annotation => ($"annotation '{(string?)annotation["name"]}'", annotation["datasource"])));

        Assert.All(users, user => Assert.True(
            JsonNode.DeepEquals(DatasourceVariable, user.Item2),
            $"{name}: {user.Item1} uses data source {user.Item2?.ToJsonString() ?? "(none)"} instead of {DatasourceVariable.ToJsonString()}."));
        Assert.NotEmpty(dashboard.Panels);
    }

    [Theory]
    [MemberData(nameof(Dashboards))]
    public void The_datasource_variable_offers_the_prometheus_data_sources(string name)
    {
        var variable = DashboardFile.Load(name).Variable("datasource");

        Assert.Equal("datasource", (string?)variable["type"]);
        Assert.Equal("prometheus", (string?)variable["query"]);
    }

    [Theory]
    [MemberData(nameof(Dashboards))]
    public void Every_variable_a_dashboard_references_is_defined(string name)
    {
        var dashboard = DashboardFile.Load(name);
        var defined = dashboard.Variables.Select(variable => (string)variable["name"]!).ToHashSet(StringComparer.Ordinal);

        var undefined = dashboard.Strings()
            .SelectMany(text => GrafanaTemplate.References(text.Value).Select(reference => (text.Path, reference)))
            .Where(use => !defined.Contains(use.reference) && !GrafanaTemplate.IsBuiltIn(use.reference) && !GrafanaTemplate.IsRegexGroup(use.reference))
            .Select(use => $"${use.reference} at {use.Path}")
            .ToList();

        Assert.True(undefined.Count == 0, $"{name} references undefined variables: {string.Join("; ", undefined)}");
    }

    [Theory]
    [MemberData(nameof(Dashboards))]
    public void The_schema_version_is_pinned(string name) =>
        Assert.Equal(SchemaVersion, (int?)DashboardFile.Load(name).Root["schemaVersion"]);

    [Theory]
    [MemberData(nameof(Dashboards))]
    public void No_exported_dashboard_inputs_remain(string name)
    {
        var dashboard = DashboardFile.Load(name);

        Assert.All(ExportSections, key => Assert.False(dashboard.Root.ContainsKey(key), $"{name} still has the export section {key}."));
        Assert.All(dashboard.Strings(), text => Assert.False(
            text.Value.Contains("${DS_", StringComparison.Ordinal), $"{name}: {text.Path} uses an import input: {text.Value}"));
        Assert.Null(dashboard.Root["id"]);
    }

    [Fact]
    public void The_trunk_variables_are_chained_label_values_of_trunk_repo_info()
    {
        var dashboard = DashboardFile.Load(DashboardFile.TrunkHealth);

        Assert.Equal("label_values(trunk_repo_info, repo)", DashboardFile.VariableQuery(dashboard.Variable("repo")));
        Assert.Equal("label_values(trunk_repo_info{repo=~\"$repo\"}, branch)", DashboardFile.VariableQuery(dashboard.Variable("branch")));
        Assert.Equal("label_values(trunk_repo_info{repo=~\"$repo\", branch=~\"$branch\"}, team)", DashboardFile.VariableQuery(dashboard.Variable("team")));
    }

    [Fact]
    public void Trunk_status_is_n_coloured_at_the_alert_thresholds_and_links_both_runbooks()
    {
        var panel = DashboardFile.Load(DashboardFile.TrunkHealth).Panel(TrunkHealthPanels.TrunkStatus);
        var defaults = panel["fieldConfig"]!["defaults"]!;
        var steps = DashboardFile.Objects(defaults["thresholds"]?["steps"])
            .Select(step => ((string?)step["color"], (double?)step["value"])).ToList();
        var links = DashboardFile.Objects(defaults["links"]).Select(link => (string?)link["url"]).ToList();

        Assert.Contains("repo_branch:trunk_broken_jobs:count", (string?)panel["targets"]![0]!["expr"], StringComparison.Ordinal);
        Assert.Equal([("green", null), ("#FF9830", 1), ("red", 6)], steps);
        Assert.Equal(["${runbook_base}/TrunkBroken.md", "${runbook_base}/TrunkBadlyBroken.md"], links);
    }

    [Fact]
    public void Each_bar_of_failing_jobs_per_commit_links_to_its_commit()
    {
        var panel = DashboardFile.Load(DashboardFile.TrunkHealth).Panel(TrunkHealthPanels.FailingJobsPerCommit);
        var link = Assert.Single(DashboardFile.Objects(panel["fieldConfig"]!["defaults"]!["links"]));

        Assert.Equal("barchart", (string?)panel["type"]);
        Assert.Equal("https://github.com/${__data.fields.repo:raw}/commit/${__data.fields.sha:raw}", (string?)link["url"]);
    }

    [Fact]
    public void The_streak_table_has_the_columns_and_links_an_on_call_engineer_needs()
    {
        var panel = DashboardFile.Load(DashboardFile.TrunkHealth).Panel(TrunkHealthPanels.StreakTable);
        var organize = DashboardFile.Objects(panel["transformations"]).Single(step => (string?)step["id"] == "organize")["options"]!;
        var columns = organize["renameByName"]!.AsObject().Select(pair => (string?)pair.Value).ToList();
        var excluded = organize["excludeByName"]!.AsObject().Where(pair => (bool?)pair.Value == true).Select(pair => pair.Key).ToList();
        var links = DashboardFile.Objects(panel["fieldConfig"]!["overrides"]).ToDictionary(
            o => (string)o["matcher"]!["options"]!,
            o => DashboardFile.Objects(o["properties"]).Where(p => (string?)p["id"] == "links").Select(p => (string?)p["value"]![0]!["url"]).SingleOrDefault());

        Assert.All(["job", "streak", "failing since", "last failure", "culprit commit"], column => Assert.Contains(column, columns));
        Assert.DoesNotContain("workflow", excluded);
        Assert.Equal("https://github.com/${__data.fields.repo:raw}/commit/${__value.raw}", links["culprit commit"]);
        Assert.StartsWith("https://github.com/${__data.fields.repo:raw}/actions?query=workflow", links["job"], StringComparison.Ordinal);
    }

    [Fact]
    public void Trunk_alerts_are_annotated_when_they_fire()
    {
        var annotation = Assert.Single(DashboardFile.Load(DashboardFile.TrunkHealth).Annotations);
        var expr = (string?)annotation["expr"] ?? string.Empty;

        Assert.True((bool?)annotation["enable"]);
        Assert.Contains("ALERTS{", expr, StringComparison.Ordinal);
        Assert.Contains("TrunkBroken|TrunkBadlyBroken", expr, StringComparison.Ordinal);
        Assert.Contains("alertstate=\"firing\"", expr, StringComparison.Ordinal);
    }
}
