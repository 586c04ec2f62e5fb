using System.CommandLine;
using TrunkExporter.Samples;

// trunk-samples --scenario p2|p1 [--seed N] --out FILE
return await SampleCommand.Create().Parse(args).InvokeAsync().ConfigureAwait(false);
