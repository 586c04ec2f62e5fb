using System.CommandLine;
using System.Globalization;
using TrunkExporter.Cli;
using TrunkExporter.Snapshots;

namespace TrunkExporter.Samples;

/// <summary><c>trunk-samples --scenario p2|p1 [--seed N] --out FILE</c>: writes a bundled sample trunk (<c>make samples</c>).</summary>
internal static class SampleCommand
{
    public static RootCommand Create()
    {
        var scenario = new Option<string>("--scenario")
        {
            Description = "p2: 2 logical jobs on a failure streak of 3 or more (TrunkBroken); p1: 7 (TrunkBadlyBroken).",
            Required = true,
        };
        scenario.AcceptOnlyFromAmong("p2", "p1");
        var seed = new Option<int?>("--seed") { Description = "Random seed; without it, the scenario's fixed seed that made samples/trunk-<scenario>.json." };
        var output = new Option<FileInfo>("--out") { Description = "Snapshot file to write (contract section 6).", Required = true };

        var command = new RootCommand("trunk-samples: write a generated PyTorch-like sample trunk as a snapshot file.") { scenario, seed, output };
        command.SetAction(result => Run(
            ParseScenario(result.GetValue(scenario)!),
            result.GetValue(seed),
            result.GetValue(output)!,
            Console.Out,
            Console.Error));
        return command;
    }

    public static SampleScenario ParseScenario(string name) => name switch
    {
        "p2" => SampleScenario.P2,
        "p1" => SampleScenario.P1,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "the scenario is p2 or p1"),
    };

    public static int Run(SampleScenario scenario, int? seed, FileInfo output, TextWriter console, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(error);

        var snapshot = SampleTrunkGenerator.Generate(scenario, seed ?? SampleTrunkGenerator.DefaultSeed(scenario));
        try
        {
            SnapshotWriter.WriteFile(snapshot, output.FullName);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"trunk-samples: cannot write {output.FullName}: {ex.Message} (choose a writable --out path).");
            return ExitCodes.BadInput;
        }

        var runs = snapshot.Commits.Sum(commit => commit.Jobs.Count);
        console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"wrote {output.FullName}: {snapshot.Repo} {snapshot.Branch}, {snapshot.Commits.Count} commits, {runs} job runs"));
        return ExitCodes.Ok;
    }
}
