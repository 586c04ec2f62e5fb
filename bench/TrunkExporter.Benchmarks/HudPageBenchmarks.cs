using BenchmarkDotNet.Attributes;
using TrunkExporter.Configuration;
using TrunkExporter.Health;
using TrunkExporter.Hud;
using TrunkExporter.Refresh;

namespace TrunkExporter.Benchmarks;

/// <summary>
/// Issue 14's goal: the HUD page of a PyTorch-scale window (100 commits x 1,500 job runs) renders in under 20 ms.
/// <c>dotnet run -c Release --project bench/TrunkExporter.Benchmarks -- --filter '*HudPage*' --inProcess --warmupCount 5 --iterationCount 20</c>
/// </summary>
[MemoryDiagnoser]
public class HudPageBenchmarks
{
    private BranchState _state = null!;
    private HudSettings _settings = null!;

    /// <summary>Grid columns (jobs that failed in the window) of the measured page, printed by BenchmarkDotNet as a parameter-free figure.</summary>
    public int Columns => _state.Health!.Grid.Columns.Count;

    [GlobalSetup]
    public void Setup()
    {
        var scope = ScopeSettings.Default with { Window = 100 };
        var target = new BranchTarget("pytorch/pytorch", "main", "dev-infra", scope, null, false);
        _state = new BranchState(target, TrunkHealthCalculator.Calculate(PytorchScaleTrunk.Create(), scope), DateTimeOffset.UnixEpoch);
        _settings = new HudSettings(GitHubWeb.Public, 60);
        Console.WriteLine($"// HUD page: {_state.Health!.Grid.Rows} rows x {Columns} job columns, {HudPage.Render(_state, _settings).Length:N0} characters");
    }

    [Benchmark(Description = "HUD page render: 100 commits x 1,500 job runs")]
    public string RenderHudPage() => HudPage.Render(_state, _settings);
}
