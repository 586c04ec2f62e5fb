using TrunkExporter.Exposition;
using TrunkExporter.Health;
using TrunkExporter.Metrics;
using TrunkExporter.Snapshots;
using TrunkExporter.Tests.Support;

namespace TrunkExporter.Tests.Exposition;

/// <summary>The trunk families of contract section 7, byte for byte, in both formats.</summary>
public sealed class TrunkExpositionGoldenTests
{
    [Theory]
    [InlineData("PrometheusText", "trunk-metrics.prom")]
    [InlineData("OpenMetrics", "trunk-metrics.openmetrics")]
    public void Trunk_metrics_match_the_golden_text(string format, string golden)
    {
        Golden.AssertMatches(golden, Render(Enum.Parse<ExpositionFormat>(format)));
    }

    [Fact]
    public async Task Promtool_accepts_the_text_format()
    {
        var result = await ExternalTool.RunAsync("promtool", ["check", "metrics"], Render(ExpositionFormat.PrometheusText));

        Assert.True(result.ExitCode == 0 && result.StandardError.Length == 0 && result.StandardOutput.Length == 0, result.Describe());
    }

    internal static string Render(ExpositionFormat format)
    {
        var writer = new ExpositionWriter(format);
        TrunkMetricsWriter.Write(
            writer,
            [TrunkHealthCalculator.Calculate(Pytorch(), ScopeSettings.Default), TrunkHealthCalculator.Calculate(Other(), ScopeSettings.Default)],
            [new BranchOwner("pytorch/pytorch", "main", "dev-infra"), new BranchOwner("octo-org/octo-repo", "release/2.6", "team \"q\"")]);
        return writer.Complete();
    }

    private static TrunkSnapshot Pytorch()
    {
        const string Test = "linux-jammy-py3.10-gcc11 / test (default, {0}, 5, linux.4xlarge)";
        IReadOnlyList<SnapshotJob> Commit(string test, char docs, char weird) =>
        [
            .. TrunkBuilder.JobRuns("pull", Test, test),
            TrunkBuilder.Run("docs-build", "build-docs-python-false", docs),
            TrunkBuilder.Run("trunk", "odd \"quoted\" \\ job\nname", weird),
            TrunkBuilder.Run("inductor", "cuda12.8 / test (inductor, 1, 2, linux.g5.4xlarge.nvidia.gpu)", 'F'),
        ];
        return TrunkBuilder.Snapshot(Commit("FS", 'S', 'P'), Commit("F", 'F', 'F'), Commit("SF", 'S', 'S'), Commit("SS", 'S', 'S'));
    }

    private static TrunkSnapshot Other() => TrunkBuilder.Snapshot([TrunkBuilder.Run("pull", "lint", 'S')]) with { Repo = "octo-org/octo-repo", Branch = "release/2.6" };
}
