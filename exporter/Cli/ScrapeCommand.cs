using System.CommandLine;
using Prometheus;
using TrunkExporter.Configuration;
using TrunkExporter.Core;
using TrunkExporter.Health;
using TrunkExporter.Metrics;
using TrunkExporter.Snapshots;

namespace TrunkExporter.Cli;

/// <summary><c>trunk-exporter scrape --replay FILE</c>: evaluates one snapshot and prints it once.</summary>
internal static class ScrapeCommand
{
    public static Command Create()
    {
        var replay = new Option<FileInfo>("--replay") { Description = "Snapshot file to evaluate (contract section 6).", Required = true };
        var format = new Option<string>("--format")
        {
            Description = "prometheus (text 0.0.4), openmetrics (1.0.0) or table (for a terminal).",
            DefaultValueFactory = _ => "prometheus",
        };
        format.AcceptOnlyFromAmong("prometheus", "openmetrics", "table");
        var team = new Option<string>("--team") { Description = "Team label of trunk_repo_info.", DefaultValueFactory = _ => RepositoryOptions.DefaultTeam };
        var window = new Option<int>("--window") { Description = "Newest commits to evaluate.", DefaultValueFactory = _ => ScopeSettings.DefaultWindow };
        var maxBytes = new Option<long>("--max-bytes")
        {
            Description = "Largest snapshot file to read (a FIFO or a device is never read).",
            DefaultValueFactory = _ => ExporterOptions.DefaultMaxSnapshotBytes,
        };

        var command = new Command("scrape", "Evaluate one snapshot file and print its metrics once.") { replay, format, team, window, maxBytes };
        command.SetAction(result => Run(
            result.GetValue(replay)!,
            result.GetValue(format)!,
            result.GetValue(team)!,
            result.GetValue(window),
            Console.Out,
            Console.Error,
            result.GetValue(maxBytes)));
        return command;
    }

    public static int Run(
        FileInfo replay,
        string format,
        string team,
        int window,
        TextWriter output,
        TextWriter error,
        long maxBytes = ExporterOptions.DefaultMaxSnapshotBytes)
    {
        ArgumentNullException.ThrowIfNull(replay);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (!CommitWindow.IsValid(window))
        {
            error.WriteLine($"trunk-exporter: --window must be {CommitWindow.Range} (got {window}).");
            return ExitCodes.BadInput;
        }

        if (maxBytes is < 1 or > ExporterOptions.MaxMaxSnapshotBytes)
        {
            error.WriteLine($"trunk-exporter: --max-bytes must be between 1 and {ExporterOptions.MaxMaxSnapshotBytes} (got {maxBytes}).");
            return ExitCodes.BadInput;
        }

        TrunkSnapshot snapshot;
        try
        {
            snapshot = SnapshotReader.ReadFile(replay.FullName, maxBytes);
        }
        catch (SnapshotFormatException ex)
        {
            error.WriteLine($"trunk-exporter: {ex.Message}");
            return ExitCodes.BadInput;
        }

        var health = TrunkHealthCalculator.Calculate(snapshot, ScopeSettings.Default with { Window = window });
        if (format == "table")
        {
            output.Write(StreakTable.Render(health));
            return ExitCodes.Ok;
        }

        // The same gauges and apply as /metrics, in a registry of their own; writing to memory completes synchronously.
        var text = TrunkExposition.RenderAsync(
            [health],
            [new BranchOwner(health.Repo, health.Branch, team)],
            format == "openmetrics" ? ExpositionFormat.OpenMetricsText : ExpositionFormat.PrometheusText).GetAwaiter().GetResult();
        output.Write(text);
        return ExitCodes.Ok;
    }
}
