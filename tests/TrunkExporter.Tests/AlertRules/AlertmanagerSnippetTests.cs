using TrunkExporter.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace TrunkExporter.Tests.AlertRules;

/// <summary>
/// alertmanager/snippet.yml, the pieces a team merges into its own Alertmanager configuration: merged
/// into a minimal configuration it passes amtool and routes as the complete alertmanager.yml does, whose
/// routes and inhibitions come from the same mixin source.
/// </summary>
public sealed class AlertmanagerSnippetTests
{
    private const string CatchAll = "your-default";

    public static TheoryData<string, string> Routes
    {
        get
        {
            var routes = new TheoryData<string, string>();
            foreach (var row in AlertmanagerConfigTests.Routes)
            {
                routes.Add((string)row[0], (string)row[1] == "default" ? CatchAll : (string)row[1]);
            }

            return routes;
        }
    }

    [Fact]
    public async Task Merged_into_a_minimal_configuration_it_passes_amtool_check_config()
    {
        using var scratch = await MergedAsync();

        var result = await ExternalTool.RunAsync("amtool", ["check-config", scratch.Combine("alertmanager.yml")]);

        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.Contains("1 templates", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("1 inhibit rules", result.StandardOutput, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Merged_it_routes_by_team_then_priority_like_the_complete_configuration(string labels, string receiver)
    {
        using var scratch = await MergedAsync();

        var result = await ExternalTool.RunAsync(
            "amtool",
            ["config", "routes", "test", "--config.file=" + scratch.Combine("alertmanager.yml"), "--verify.receivers=" + receiver, .. labels.Split(' ')]);

        Assert.True(result.ExitCode == 0, result.Describe());
    }

    [Fact]
    public void It_has_the_complete_configurations_inhibitions_templates_and_team_routes()
    {
        var snippet = Load(AlertPack.Snippet);
        var complete = Load(AlertPack.AlertmanagerConfig);

        Assert.Equal(Text(complete["inhibit_rules"]), Text(snippet["inhibit_rules"]));
        Assert.Equal(Text(complete["templates"]), Text(snippet["templates"]));
        var routes = (YamlSequenceNode)((YamlMappingNode)snippet["route"])["routes"];
        Assert.All(routes.Children.Cast<YamlMappingNode>(), route => Assert.Equal("[alertname, repo, branch]", Text(route["group_by"])));
        Assert.Equal(
            Text(((YamlMappingNode)complete["route"])["routes"]),
            Text(new YamlSequenceNode(routes.Children.Cast<YamlMappingNode>().Select(route =>
                new YamlMappingNode(route.Children.Where(child => ((YamlScalarNode)child.Key).Value != "group_by"))))));
    }

    [Fact]
    public void It_shows_a_pager_a_chat_and_the_issue_bridge_with_secrets_in_files()
    {
        var text = File.ReadAllText(AlertPack.Snippet);
        var receivers = (YamlSequenceNode)Load(AlertPack.Snippet)["receivers"];
        var kinds = receivers.Children.Cast<YamlMappingNode>()
            .SelectMany(receiver => receiver.Children.Keys.Cast<YamlScalarNode>().Select(key => key.Value))
            .ToHashSet(StringComparer.Ordinal);

        Assert.Contains("pagerduty_configs", kinds);
        Assert.Contains("slack_configs", kinds);
        Assert.Contains("routing_key_file:", text, StringComparison.Ordinal);
        Assert.Contains("api_url_file:", text, StringComparison.Ordinal);
        Assert.Contains("# - name: github-issues", text, StringComparison.Ordinal);
        Assert.Contains("/alertmanager/webhook", text, StringComparison.Ordinal);
        Assert.Contains("credentials_file:", text, StringComparison.Ordinal);
    }

    /// <summary>The snippet plus what every configuration has anyway: a root receiver.</summary>
    private static async Task<TempDirectory> MergedAsync()
    {
        var scratch = new TempDirectory();
        var snippet = await File.ReadAllTextAsync(AlertPack.Snippet);
        Assert.Contains("\nroute:\n", snippet, StringComparison.Ordinal);
        var merged = snippet.Replace("\nroute:\n", $"\nroute:\n  receiver: {CatchAll}\n", StringComparison.Ordinal)
            + $"  - name: {CatchAll}\n";
        await File.WriteAllTextAsync(scratch.Combine("alertmanager.yml"), merged);
        Directory.CreateDirectory(scratch.Combine("templates"));
        foreach (var template in Directory.GetFiles(Path.Combine(AlertPack.Root, "alertmanager", "templates")))
        {
            File.Copy(template, scratch.Combine("templates", Path.GetFileName(template)));
        }

        return scratch;
    }

    private static YamlMappingNode Load(string path)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            stream.Load(reader);
        }

        return (YamlMappingNode)Assert.Single(stream.Documents).RootNode;
    }

    private static string Text(YamlNode node) => node switch
    {
        YamlScalarNode scalar => scalar.Value ?? string.Empty,
        YamlSequenceNode sequence => "[" + string.Join(", ", sequence.Children.Select(Text)) + "]",
        YamlMappingNode mapping => "{" + string.Join(", ", mapping.Children.Select(pair => Text(pair.Key) + ": " + Text(pair.Value))) + "}",
        _ => node.ToString(),
    };
}
