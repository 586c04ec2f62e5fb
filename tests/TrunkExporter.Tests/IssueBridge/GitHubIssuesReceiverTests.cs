using TrunkExporter.Tests.AlertRules;
using TrunkExporter.Tests.Support;

namespace TrunkExporter.Tests.IssueBridge;

/// <summary>
/// The github-issues receiver (commented in the snippet, enabled by the demo in the complete configuration):
/// amtool accepts it, the trunk alerts reach the bridge and still their pager or ticket receiver, and the
/// bridge's own meta alert never reaches the bridge.
/// </summary>
public sealed class GitHubIssuesReceiverTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task The_uncommented_receiver_is_valid_and_sends_the_trunk_alerts_to_the_bridge_and_on()
    {
        var config = Uncommented();

        var check = await ExternalTool.RunAsync("amtool", ["check-config", config]);
        Assert.True(check.ExitCode == 0, check.Describe());
        Assert.Contains("github-issues", File.ReadAllText(config), StringComparison.Ordinal);
        Assert.Contains("credentials_file: /etc/alertmanager/issue-bridge.token", File.ReadAllText(config), StringComparison.Ordinal);

        Assert.Contains("- name: github-issues", File.ReadAllText(Path.Combine(Path.GetDirectoryName(AlertPack.AlertmanagerConfig)!, "snippet.yml")), StringComparison.Ordinal);
        Assert.Equal("github-issues,dev-infra-page", await RouteAsync(config, "alertname=TrunkBadlyBroken repo=pytorch/pytorch branch=main team=dev-infra priority=P1"));
        Assert.Equal("github-issues,dev-infra-ticket", await RouteAsync(config, "alertname=TrunkBroken repo=pytorch/pytorch branch=main team=dev-infra priority=P2"));
        Assert.Equal("dev-infra-ticket", await RouteAsync(config, "alertname=TrunkExporterStale repo=pytorch/pytorch branch=main team=dev-infra priority=P2"));
        Assert.Equal("default", await RouteAsync(config, "alertname=TrunkIssueBridgeFailing job=trunk-issue-bridge priority=P2"));
    }

    /// <summary>The generated complete configuration with the github-issues route and receiver enabled as the demo does, beside a copy of its templates.</summary>
    private string Uncommented()
    {
        var config = StackConfiguration.EnableIssues(
            File.ReadAllText(AlertPack.AlertmanagerConfig),
            new IssueReceiver(new Uri("http://127.0.0.1:9474/alertmanager/webhook"), "/etc/alertmanager/issue-bridge.token"));
        var templates = Directory.CreateDirectory(_directory.Combine("templates"));
        foreach (var template in Directory.GetFiles(Path.GetDirectoryName(AlertPack.TemplatesGlob)!, "*.tmpl"))
        {
            File.Copy(template, Path.Combine(templates.FullName, Path.GetFileName(template)));
        }

        var path = _directory.File("alertmanager.yml");
        File.WriteAllText(path, config);
        return path;
    }

    private static async Task<string> RouteAsync(string config, string labels)
    {
        var result = await ExternalTool.RunAsync("amtool", ["config", "routes", "test", "--config.file=" + config, .. labels.Split(' ')]);
        Assert.True(result.ExitCode == 0, result.Describe());
        return result.StandardOutput.Trim();
    }
}
