using BenchmarkDotNet.Attributes;
using TrunkExporter.Configuration;
using TrunkExporter.Exposition;
using TrunkExporter.Health;
using TrunkExporter.Metrics;
using TrunkExporter.Refresh;
using TrunkExporter.Snapshots;

namespace TrunkExporter.Benchmarks;

/// <summary>The goals: engine under 50 ms and /metrics render under 5 ms for 100 commits x 1,500 job runs.</summary>
[MemoryDiagnoser]
[ShortRunJob]
public class TrunkHealthBenchmarks
{
    private TrunkSnapshot _snapshot = null!;
    private ScopeSettings _scope = null!;
    private MetricsRenderer _renderer = null!;

    [GlobalSetup]
    public void Setup()
    {
        _snapshot = PytorchScaleTrunk.Create();
        _scope = ScopeSettings.Default with { Window = 100 };
        var target = new RepositoryTarget("pytorch/pytorch", "main", "dev-infra", _scope, null, false);
        var store = new TrunkStateStore([target]);
        store.Update(target, state => state with
        {
            Health = TrunkHealthCalculator.Calculate(_snapshot, _scope),
            LastSuccess = DateTimeOffset.UnixEpoch,
            LastRefreshDuration = TimeSpan.FromSeconds(1),
        });
        _renderer = new MetricsRenderer(store, []);
    }

    [Benchmark(Description = "engine: 100 commits x 1,500 job runs")]
    public int Engine() => TrunkHealthCalculator.Calculate(_snapshot, _scope).Jobs.Count;

    [Benchmark(Description = "/metrics render, text 0.0.4")]
    public string RenderText() => _renderer.Render(ExpositionFormat.PrometheusText);

    [Benchmark(Description = "/metrics render, OpenMetrics")]
    public string RenderOpenMetrics() => _renderer.Render(ExpositionFormat.OpenMetrics);
}
