using TrunkExporter.Tests.Support;

namespace TrunkExporter.Tests.Stack;

/// <summary>The live-stack harness itself: the configuration it writes is one Prometheus accepts, and a server that cannot start says why.</summary>
public sealed class StackHarnessTests
{
    [Fact]
    public async Task The_rendered_prometheus_yml_passes_promtool_with_rules_and_an_alertmanager()
    {
        var directory = Directory.CreateTempSubdirectory("trunk-harness-");
        try
        {
            var rules = Path.Combine(directory.FullName, "probe.rules.yml");
            await File.WriteAllTextAsync(rules, "groups:\n  - name: probe\n    rules:\n      - record: probe:up:sum\n        expr: sum(up)\n");
            var config = Path.Combine(directory.FullName, "prometheus.yml");
            await File.WriteAllTextAsync(config, PrometheusConfig.Render(new PrometheusSetup
            {
                ExporterTargets = ["127.0.0.1:9473", "127.0.0.1:9474"],
                RuleFiles = [rules],
                AlertmanagerUrl = new Uri("http://127.0.0.1:9093/"),
            }));

            var check = await ExternalTool.RunAsync("promtool", ["check", "config", config]);

            Assert.True(check.ExitCode == 0, check.Describe());
            Assert.Contains("SUCCESS: 1 rule files found", check.StandardOutput + check.StandardError, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task An_exporter_that_cannot_start_fails_at_once_with_its_own_error()
    {
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => ExporterProcess.StartAsync(hostArguments: []));

        Assert.Contains("Repositories is empty", failure.Message, StringComparison.Ordinal);
        Assert.Contains("exited with code", failure.Message, StringComparison.Ordinal);
    }
}
