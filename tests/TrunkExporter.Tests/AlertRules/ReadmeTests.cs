using System.Text.RegularExpressions;
using TrunkExporter.Tests.Support;

namespace TrunkExporter.Tests.AlertRules;

/// <summary>The configuration that alert-rules/README.md tells people to copy must work.</summary>
public sealed partial class ReadmeTests
{
    [Fact]
    public async Task The_Prometheus_configuration_in_the_readme_passes_promtool_and_finds_the_rules()
    {
        var block = PrometheusBlock().Match(await File.ReadAllTextAsync(AlertPack.Readme));
        Assert.True(block.Success, "alert-rules/README.md lost its '# prometheus.yml' example.");
        using var scratch = new TempDirectory();
        var config = scratch.Combine("prometheus.yml");
        // The example's paths are relative to a prometheus.yml at the repository root.
        await File.WriteAllTextAsync(config, block.Groups[1].Value.Replace("- alert-rules/", "- " + RepoPaths.Root + "/alert-rules/", StringComparison.Ordinal));

        var result = await ExternalTool.RunAsync("promtool", ["check", "config", config]);

        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.All(AlertPack.RuleFiles, file => Assert.Contains(Path.GetFileName(file), result.StandardOutput, StringComparison.Ordinal));
    }

    /// <summary>The README's example of a deployment's own settings renders, and promtool accepts its rules.</summary>
    [Fact]
    public async Task The_readme_config_override_example_renders_valid_rules_with_its_settings()
    {
        var block = OverrideBlock().Match(await File.ReadAllTextAsync(AlertPack.Readme));
        Assert.True(block.Success, "alert-rules/README.md lost its '// trunk-alerts.jsonnet' example.");
        using var scratch = new TempDirectory();
        await File.WriteAllTextAsync(scratch.Combine("trunk-alerts.jsonnet"), block.Groups[1].Value);
        Directory.CreateDirectory(scratch.Combine("out"));

        var render = await ExternalTool.RunAsync(
            "jsonnet", ["-J", AlertPack.MixinDirectory, "-S", "-m", scratch.Combine("out"), scratch.Combine("trunk-alerts.jsonnet")]);
        Assert.True(render.ExitCode == 0, render.Describe());
        var rules = scratch.Combine("out", "trunk-alerts.rules.yml");
        var check = await ExternalTool.RunAsync("promtool", ["check", "rules", rules]);

        Assert.True(check.ExitCode == 0, check.Describe());
        var text = await File.ReadAllTextAsync(rules);
        Assert.Contains("absent(up{job=\"trunk\", namespace=\"ci\"})", text, StringComparison.Ordinal);
        Assert.Contains("https://trunk-exporter.example.org/hud/", text, StringComparison.Ordinal);
        Assert.DoesNotContain(AlertPack.ExampleDomain, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_readme_shows_kube_prometheus_users_where_the_mixin_goes()
    {
        var readme = await File.ReadAllTextAsync(AlertPack.Readme);

        Assert.All(
            ["prometheusAlerts+:: trunk.prometheusAlerts", "grafanaDashboards+:: trunk.grafanaDashboards", "import 'mixin/mixin.libsonnet'", "jb install", "make rules"],
            text => Assert.Contains(text, readme, StringComparison.Ordinal));
    }

    [GeneratedRegex("```jsonnet\n(// trunk-alerts.jsonnet.*?)```", RegexOptions.Singleline)]
    private static partial Regex OverrideBlock();

    [GeneratedRegex("```yaml\n(# prometheus.yml.*?)```", RegexOptions.Singleline)]
    private static partial Regex PrometheusBlock();
}
