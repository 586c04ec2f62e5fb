using System.Reflection;
using BenchmarkDotNet.Running;
using TrunkExporter.Benchmarks.Requests;

// `dotnet run -c Release --project bench/TrunkExporter.Benchmarks -- requests` counts GitHub requests (ours vs the minimum and naive censuses);
// `dotnet run -c Release --project bench/TrunkExporter.Benchmarks -- --filter '*'` runs the timing benchmarks.
if (args is ["requests", ..])
{
    return await RequestCountBenchmark.RunAsync(Console.Out);
}

// `... -- coldstart [--every-workflow]`: a PyTorch-scale cold start against a fake GitHub at 150 ms per answer, then a restart over the saved cache.
if (args is ["coldstart", .. var rest])
{
    return await TrunkExporter.Benchmarks.ColdStart.ColdStartMeasurement.RunAsync(Console.Out, rest);
}

// `... -- rss`: a real `trunk-exporter serve` against a fake GitHub serving endless bodies; idle and peak RSS.
if (args is ["rss", ..])
{
    return await TrunkExporter.Benchmarks.Memory.EndlessBodyRss.RunAsync(Console.Out);
}

// `... -- webhook-refresh`: requests of one incremental refresh after one job change (webhook design option a).
if (args is ["webhook-refresh", ..])
{
    return await TrunkExporter.Benchmarks.Webhooks.RefreshPerEventBenchmark.RunAsync(Console.Out);
}

BenchmarkSwitcher.FromAssembly(Assembly.GetExecutingAssembly()).Run(args);
return 0;
