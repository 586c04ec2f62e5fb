using TrunkExporter.Cli;
using TrunkExporter.Snapshots;
using TrunkExporter.Tests.Support;

namespace TrunkExporter.Tests.Cli;

public sealed class ScrapeCommandTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Fact]
    public void A_missing_file_is_one_line_naming_the_file_and_a_non_zero_exit()
    {
        var (exit, output, error) = Scrape("/nonexistent/snapshot.json", "prometheus");

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Empty(output);
        Assert.Equal("trunk-exporter: snapshot /nonexistent/snapshot.json: $: cannot be read (Could not find a part of the path '/nonexistent/snapshot.json'.)\n", error);
    }

    [Fact]
    public void A_bad_file_is_one_line_with_the_json_path()
    {
        var file = _directory.File("bad.json");
        File.WriteAllText(file, """{"version": 1, "repo": "a/b", "branch": "main", "capturedAt": "2026-01-01T00:00:00Z", "commits": [{"sha": "x", "time": "2026-01-01T00:00:00Z", "jobs": [{"workflow": "pull"}]}]}""");

        var (exit, output, error) = Scrape(file, "openmetrics");

        Assert.Equal((ExitCodes.BadInput, string.Empty), (exit, output));
        Assert.Equal($"trunk-exporter: snapshot {file}: $.commits[0].jobs[0].name: is required but missing\n", error);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public void A_window_outside_the_configured_range_is_one_line_and_a_non_zero_exit(int window)
    {
        var file = _directory.File("trunk.json");
        SnapshotWriter.WriteFile(TrunkBuilder.Snapshot([TrunkBuilder.Run("pull", "lint", 'S')]), file);

        var (exit, output, error) = Scrape(file, "prometheus", window);

        Assert.Equal((ExitCodes.BadInput, string.Empty), (exit, output));
        Assert.Equal($"trunk-exporter: --window must be between 1 and 1000 (got {window}).\n", error);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(1000)]
    public void The_window_bounds_themselves_are_accepted(int window)
    {
        var file = _directory.File("trunk.json");
        SnapshotWriter.WriteFile(TrunkBuilder.Snapshot([TrunkBuilder.Run("pull", "lint", 'S')]), file);

        var (exit, _, error) = Scrape(file, "prometheus", window);

        Assert.Equal((ExitCodes.Ok, string.Empty), (exit, error));
    }

    [Theory]
    [InlineData("prometheus", "trunk-metrics-scrape.prom")]
    [InlineData("openmetrics", "trunk-metrics-scrape.openmetrics")]
    [InlineData("table", "trunk-metrics-scrape.table")]
    public void Prints_the_snapshot_once_in_the_asked_format(string format, string golden)
    {
        var file = _directory.File("trunk.json");
        var snapshot = TrunkBuilder.Snapshot(
            [.. TrunkBuilder.JobRuns("pull", "linux / test (default, {0}, 2, linux.4xlarge)", "FS"), TrunkBuilder.Run("trunk", "odd\nname", 'F'), TrunkBuilder.Run("pull", "lint", 'S')],
            [.. TrunkBuilder.JobRuns("pull", "linux / test (default, {0}, 2, linux.4xlarge)", "F"), TrunkBuilder.Run("trunk", "odd\nname", 'S')],
            [.. TrunkBuilder.JobRuns("pull", "linux / test (default, {0}, 2, linux.4xlarge)", "F>S")]);
        SnapshotWriter.WriteFile(snapshot, file);

        var (exit, output, error) = Scrape(file, format);

        Assert.Equal((ExitCodes.Ok, string.Empty), (exit, error));
        Golden.AssertMatches(golden, WithoutBuildInfo(output));
    }

    public void Dispose() => _directory.Dispose();

    // The runtime version in build info changes with the machine's .NET patch level.
    private static string WithoutBuildInfo(string text) => string.Join('\n', text.Split('\n').Where(line => !line.Contains("trunk_exporter_build_info", StringComparison.Ordinal)));

    private static (int Exit, string Output, string Error) Scrape(string file, string format, int window = 50)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = ScrapeCommand.Run(new FileInfo(file), format, "dev-infra", window, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
