using TrunkExporter.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace TrunkExporter.Tests.Dashboards;

/// <summary>The provisioning files load both dashboards into a stock Grafana from files: no import step, no inputs to fill in.</summary>
public sealed class ProvisioningTests
{
    private static string Provisioning(params string[] parts) => RepoPaths.InRepo(["grafana-dashboards", "provisioning", .. parts]);

    [Fact]
    public void The_datasource_file_provisions_one_prometheus_reached_through_grafana()
    {
        var root = Load(Provisioning("datasources", "trunk-exporter.yml"));
        var source = Assert.Single(Sequence(root, "datasources"));

        Assert.Equal("1", Scalar(root, "apiVersion"));
        Assert.Equal("prometheus", Scalar(source, "type"));
        Assert.Equal("proxy", Scalar(source, "access"));
        Assert.False(string.IsNullOrWhiteSpace(Scalar(source, "uid")));
    }

    /// <summary>
    /// It joins a Grafana that has data sources already: no default to take over, no fixed organisation,
    /// and the address from the deployment's environment (Grafana expands $NAME in provisioning files).
    /// </summary>
    [Fact]
    public void The_datasource_takes_its_url_from_the_environment_and_claims_no_default_or_organisation()
    {
        var root = Load(Provisioning("datasources", "trunk-exporter.yml"));
        var source = Assert.Single(Sequence(root, "datasources"));

        Assert.Equal("$PROMETHEUS_URL", Scalar(source, "url"));
        Assert.Null(Scalar(source, "isDefault"));
        Assert.Null(Scalar(source, "orgId"));
        Assert.False(root.Children.ContainsKey(new YamlScalarNode("deleteDatasources")), "deleting data sources is not the pack's business");
        var readme = File.ReadAllText(RepoPaths.InRepo("grafana-dashboards", "README.md"));
        Assert.Contains("PROMETHEUS_URL", readme, StringComparison.Ordinal);
    }

    [Fact]
    public void The_dashboard_provider_names_no_organisation()
    {
        var provider = Assert.Single(Sequence(Load(Provisioning("dashboards", "trunk-exporter.yml")), "providers"));

        Assert.Null(Scalar(provider, "orgId"));
    }

    [Fact]
    public void The_dashboards_pick_the_provisioned_datasource_through_their_variable_of_its_type()
    {
        var type = Scalar(Assert.Single(Sequence(Load(Provisioning("datasources", "trunk-exporter.yml")), "datasources")), "type");

        Assert.All(DashboardFile.Names, name => Assert.Equal(type, (string?)DashboardFile.Load(name).Variable("datasource")["query"]));
    }

    [Fact]
    public void The_dashboard_provider_reads_the_dashboard_files_from_a_fixed_folder()
    {
        var root = Load(Provisioning("dashboards", "trunk-exporter.yml"));
        var provider = Assert.Single(Sequence(root, "providers"));
        var options = (YamlMappingNode)provider.Children[new YamlScalarNode("options")];

        Assert.Equal("1", Scalar(root, "apiVersion"));
        Assert.Equal("file", Scalar(provider, "type"));
        Assert.Equal("false", Scalar(provider, "allowUiUpdates"));
        Assert.True(Path.IsPathRooted(Scalar(options, "path")), "options.path must be absolute: Grafana resolves a relative one against its own working directory.");
    }

    [Fact]
    public void The_readme_installs_the_dashboards_where_the_provider_reads_them_and_answers_for_every_panel()
    {
        var readme = File.ReadAllText(RepoPaths.InRepo("grafana-dashboards", "README.md"));
        var provider = Assert.Single(Sequence(Load(Provisioning("dashboards", "trunk-exporter.yml")), "providers"));
        var path = Scalar((YamlMappingNode)provider.Children[new YamlScalarNode("options")], "path") ?? "(no options.path)";

        Assert.Contains(path, readme, StringComparison.Ordinal);
        Assert.Contains("provisioning/datasources/trunk-exporter.yml", readme, StringComparison.Ordinal);
        Assert.Contains("provisioning/dashboards/trunk-exporter.yml", readme, StringComparison.Ordinal);
        var titles = DashboardFile.Names.SelectMany(name => DashboardFile.Load(name).Panels.Select(panel => (string)panel["title"]!));
        Assert.All(titles, title => Assert.Contains($"**{title}**", readme, StringComparison.Ordinal));
    }

    private static YamlMappingNode Load(string path)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            stream.Load(reader);
        }

        Assert.DoesNotContain("${DS_", File.ReadAllText(path), StringComparison.Ordinal);
        return (YamlMappingNode)Assert.Single(stream.Documents).RootNode;
    }

    private static List<YamlMappingNode> Sequence(YamlMappingNode node, string key) =>
        [.. ((YamlSequenceNode)node.Children[new YamlScalarNode(key)]).Children.Cast<YamlMappingNode>()];

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlScalarNode)value).Value : null;
}
