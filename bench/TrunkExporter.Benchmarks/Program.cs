using System.Reflection;
using BenchmarkDotNet.Running;

// `dotnet run -c Release --project bench/TrunkExporter.Benchmarks -- --filter '*'` runs the timing benchmarks.
BenchmarkSwitcher.FromAssembly(Assembly.GetExecutingAssembly()).Run(args);
