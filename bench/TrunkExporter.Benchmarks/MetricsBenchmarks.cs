using BenchmarkDotNet.Attributes;
using Prometheus;
using TrunkExporter.Configuration;
using TrunkExporter.Health;
using TrunkExporter.Metrics;
using TrunkExporter.Refresh;

namespace TrunkExporter.Benchmarks;

/// <summary>
/// Issue 9's goals for /metrics on prometheus-net: a render under 1 ms and 64 KB allocated, applying
/// a new state under 5 ms. "pytorch" is one branch of 100 commits x 1,500 job runs; "3000-series"
/// is several such branches, 3,000 series in all. A render streams the served registry into a
/// reused buffer, as the endpoint streams it into the response; the state is already applied, as
/// for every scrape but the first after a refresh. An apply moves the window by one commit (one
/// commit arrives, the oldest leaves), alternating between the two states.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class MetricsBenchmarks : IDisposable
{
    private readonly MemoryStream _response = new(capacity: 1024 * 1024);
    private CollectorRegistry _registry = null!;
    private TrunkGauges _gauges = null!;
    private TrunkHealth[][] _states = null!;
    private BranchOwner[] _owners = null!;
    private int _next;

    [Params("pytorch", "3000-series")]
    public string Scale { get; set; } = "pytorch";

    [GlobalSetup]
    public void Setup()
    {
        var scope = ScopeSettings.Default with { Window = 100 };
        var trunk = PytorchScaleTrunk.Create(commits: 101);
        var newer = trunk with { Commits = [.. trunk.Commits.Take(100)] };
        var older = trunk with { Commits = [.. trunk.Commits.Skip(1)] };
        var branches = Scale == "pytorch" ? 1 : BranchesFor3000Series(TrunkHealthCalculator.Calculate(newer, scope));
        _states =
        [
            [.. Enumerable.Range(0, branches).Select(branch => TrunkHealthCalculator.Calculate(newer with { Branch = Branch(branch) }, scope))],
            [.. Enumerable.Range(0, branches).Select(branch => TrunkHealthCalculator.Calculate(older with { Branch = Branch(branch) }, scope))],
        ];
        _owners = [.. Enumerable.Range(0, branches).Select(branch => new BranchOwner("pytorch/pytorch", Branch(branch), "dev-infra"))];

        var targets = _owners.Select(owner => new BranchTarget(owner.Repo, owner.Branch, owner.Team, scope, null, false)).ToArray();
        var store = new TrunkStateStore(targets);
        var served = new ServedMetrics();
        _ = new TrunkPublisher(store, served);
        var refresh = new RefreshMetrics(served, store);
        for (var i = 0; i < targets.Length; i++)
        {
            var health = _states[0][i];
            store.Update(targets[i], state => state with { Health = health, LastSuccess = DateTimeOffset.UnixEpoch });
            refresh.Succeeded(targets[i], TimeSpan.FromSeconds(1));
        }

        _registry = served.Registry;
        Render(ExpositionFormat.PrometheusText);
        var series = System.Text.Encoding.UTF8.GetString(_response.ToArray()).Split('\n').Count(line => line.Length > 0 && line[0] != '#');
        Console.WriteLine($"// {Scale}: {branches} branch(es), {series} series, {_response.Length} bytes of text 0.0.4");

        _gauges = new TrunkGauges(Prometheus.Metrics.NewCustomRegistry());
        _gauges.Apply(_states[0], _owners);
    }

    [Benchmark(Description = "/metrics render, text 0.0.4")]
    public long RenderText() => Render(ExpositionFormat.PrometheusText);

    [Benchmark(Description = "/metrics render, OpenMetrics")]
    public long RenderOpenMetrics() => Render(ExpositionFormat.OpenMetricsText);

    [Benchmark(Description = "apply a new state (window moved by a commit)")]
    public void Apply()
    {
        _next = 1 - _next;
        _gauges.Apply(_states[_next], _owners);
    }

    public void Dispose()
    {
        _response.Dispose();
        GC.SuppressFinalize(this);
    }

    private long Render(ExpositionFormat format)
    {
        _response.SetLength(0);
        _registry.CollectAndExportAsTextAsync(_response, format).GetAwaiter().GetResult();
        return _response.Length;
    }

    private static string Branch(int index) => index == 0 ? "main" : $"release/{index}";

    private static int BranchesFor3000Series(TrunkHealth health)
    {
        var perBranch = health.Jobs.Count + health.Jobs.Count(job => job.Streak > 0) * 3 + 2 * health.Commits.Count(commit => commit.HasData) + 3;
        return Math.Max(1, (int)Math.Round(3000.0 / perBranch));
    }
}
