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

    [GeneratedRegex("```yaml\n(# prometheus.yml.*?)```", RegexOptions.Singleline)]
    private static partial Regex PrometheusBlock();
}
