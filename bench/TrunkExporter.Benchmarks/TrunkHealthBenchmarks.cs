using BenchmarkDotNet.Attributes;
using TrunkExporter.Health;
using TrunkExporter.Snapshots;

namespace TrunkExporter.Benchmarks;

/// <summary>The engine's goal: under 50 ms for 100 commits x 1,500 job runs.</summary>
[MemoryDiagnoser]
[ShortRunJob]
public class TrunkHealthBenchmarks
{
    private TrunkSnapshot _snapshot = null!;
    private ScopeSettings _scope = null!;

    [GlobalSetup]
    public void Setup()
    {
        _snapshot = PytorchScaleTrunk.Create();
        _scope = ScopeSettings.Default with { Window = 100 };
    }

    [Benchmark(Description = "engine: 100 commits x 1,500 job runs")]
    public int Engine() => TrunkHealthCalculator.Calculate(_snapshot, _scope).Jobs.Count;
}
