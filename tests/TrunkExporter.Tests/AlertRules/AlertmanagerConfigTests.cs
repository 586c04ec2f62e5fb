using TrunkExporter.Tests.Support;

namespace TrunkExporter.Tests.AlertRules;

/// <summary>The Alertmanager configuration as Alertmanager 0.25's amtool sees it: valid, and routing every case.</summary>
public sealed class AlertmanagerConfigTests
{
    /// <summary>Labels of an alert (space separated name=value) and the one receiver it must reach.</summary>
    public static TheoryData<string, string> Routes => new()
    {
        // team first, then priority inside the team
        { "alertname=TrunkBadlyBroken repo=pytorch/pytorch branch=main team=dev-infra priority=P1 severity=critical", "dev-infra-page" },
        { "alertname=TrunkBroken repo=pytorch/pytorch branch=main team=dev-infra priority=P2 severity=warning", "dev-infra-ticket" },
        { "alertname=TrunkExporterStale repo=pytorch/pytorch branch=main team=dev-infra priority=P2 severity=warning", "dev-infra-ticket" },
        { "alertname=TrunkExporterNeverRefreshed repo=pytorch/pytorch branch=main team=dev-infra priority=P2 severity=warning", "dev-infra-ticket" },
        // the exporter alerts carry the team of the repositories the exporter reported (remembered while it is away)
        { "alertname=TrunkExporterDown job=trunk-exporter instance=127.0.0.1:9473 team=dev-infra priority=P2 severity=warning", "dev-infra-ticket" },
        { "alertname=TrunkExporterAbsent job=trunk-exporter instance=127.0.0.1:9473 team=dev-infra priority=P2 severity=warning", "dev-infra-ticket" },
        { "alertname=TrunkExporterGitHubRateLimitLow job=trunk-exporter instance=127.0.0.1:9473 team=dev-infra priority=P3 severity=info", "dev-infra" },
        { "alertname=Custom team=dev-infra priority=P3 severity=info", "dev-infra" },
        { "alertname=Custom team=dev-infra", "dev-infra" },
        // no known team: the default receiver, whatever the priority
        { "alertname=TrunkBadlyBroken repo=pytorch/vision branch=main team=unassigned priority=P1 severity=critical", "default" },
        { "alertname=TrunkBroken repo=pytorch/vision branch=main team=vision priority=P2 severity=warning", "default" },
        { "alertname=TrunkExporterNeverRefreshed repo=pytorch/vision branch=main team=unassigned priority=P2 severity=warning", "default" },
        // an exporter that reported no repository within a day, or no target at all: nobody to ask
        { "alertname=TrunkExporterDown job=trunk-exporter instance=127.0.0.1:9473 priority=P2 severity=warning", "default" },
        { "alertname=TrunkExporterAbsent job=trunk-exporter priority=P2 severity=warning", "default" },
        { "alertname=Anything", "default" },
    };

    [Fact]
    public async Task Amtool_check_config_accepts_the_configuration_and_its_templates()
    {
        var result = await ExternalTool.RunAsync("amtool", ["check-config", AlertPack.AlertmanagerConfig]);

        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.Contains("1 templates", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("1 inhibit rules", result.StandardOutput, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Alerts_route_by_team_then_priority(string labels, string receiver)
    {
        var result = await RoutesTest(receiver, labels);

        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.Equal(receiver, result.StandardOutput.Trim());
    }

    [Fact]
    public async Task A_wrong_expected_receiver_fails_the_routes_test()
    {
        var result = await RoutesTest("no-such-receiver", "team=dev-infra priority=P1");

        Assert.True(result.ExitCode != 0, result.Describe());
    }

    [Fact]
    public void Groups_by_alert_repo_and_branch_and_inhibits_the_P2_while_the_P1_fires()
    {
        var config = AlertmanagerConfigFile.Load();

        Assert.Equal(["alertname", "repo", "branch"], config.GroupBy);
        var rule = Assert.Single(config.InhibitRules);
        Assert.Equal(["alertname=\"TrunkBadlyBroken\""], rule.SourceMatchers);
        Assert.Equal(["alertname=\"TrunkBroken\""], rule.TargetMatchers);
        Assert.Equal(["repo", "branch"], rule.Equal);
    }

    [Fact]
    public void Every_receiver_posts_to_the_local_sink_under_its_own_name_including_resolutions()
    {
        var receivers = AlertmanagerConfigFile.Load().Receivers;

        Assert.Equal(["default", "dev-infra", "dev-infra-page", "dev-infra-ticket"], receivers.Select(receiver => receiver.Name));
        Assert.All(receivers, receiver =>
        {
            Assert.Equal([$"{AlertPack.SinkBase}/alerts/{receiver.Name}"], receiver.WebhookUrls);
            Assert.Equal($"{AlertPack.SinkBase}/messages/{receiver.Name}", receiver.RenderedUrl);
            Assert.True(receiver.SendsResolved, receiver.Name);
        });
    }

    private static Task<ToolResult> RoutesTest(string receiver, string labels) =>
        ExternalTool.RunAsync(
            "amtool",
            ["config", "routes", "test", "--config.file=" + AlertPack.AlertmanagerConfig, "--verify.receivers=" + receiver, .. labels.Split(' ')]);
}
