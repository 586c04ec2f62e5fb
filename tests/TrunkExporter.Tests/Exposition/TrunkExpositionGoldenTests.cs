using Prometheus;
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
    [InlineData("OpenMetricsText", "trunk-metrics.openmetrics")]
    public async Task Trunk_metrics_match_the_golden_text(string format, string golden)
    {
        Golden.AssertMatches(golden, await RenderAsync(Enum.Parse<ExpositionFormat>(format)));
    }

    [Theory]
    [InlineData("PrometheusText")]
    [InlineData("OpenMetricsText")]
    public async Task Promtool_accepts_the_output(string format)
    {
        var result = await ExternalTool.RunAsync("promtool", ["check", "metrics"], await RenderAsync(Enum.Parse<ExpositionFormat>(format)));

        Assert.True(result.ExitCode == 0 && result.StandardError.Length == 0 && result.StandardOutput.Length == 0, result.Describe());
    }

    internal static Task<string> RenderAsync(ExpositionFormat format) => TrunkExposition.RenderAsync(
        [TrunkHealthCalculator.Calculate(Pytorch(), ScopeSettings.Default), TrunkHealthCalculator.Calculate(Other(), ScopeSettings.Default)],
        [new BranchOwner("pytorch/pytorch", "main", "dev-infra"), new BranchOwner("octo-org/octo-repo", "release/2.6", "team \"q\"")],
        format,
        buildInfo: false);

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
