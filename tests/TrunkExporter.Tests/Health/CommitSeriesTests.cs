using System.Globalization;
using System.Text.RegularExpressions;
using TrunkExporter.Cli;
using TrunkExporter.Health;
using TrunkExporter.Snapshots;
using TrunkExporter.Tests.Support;

namespace TrunkExporter.Tests.Health;

/// <summary>
/// Contract section 7: every commit of the window with any in-scope job run has a
/// <c>trunk_commit_failing_jobs</c> series, 0 included; a commit without one has none.
/// </summary>
public sealed partial class CommitSeriesTests : IDisposable
{
    // Newest first: two logical jobs failing; green; only out-of-scope runs; pending only; cancelled only (no data, but
    // a run in scope); one failing among three; no runs at all.
    private static readonly IReadOnlyList<SnapshotJob>[] Commits =
    [
        [TrunkBuilder.Run("pull", "a / test", 'F'), TrunkBuilder.Run("trunk", "b / build", 'F'), TrunkBuilder.Run("pull", "c / lint", 'S')],
        [TrunkBuilder.Run("pull", "a / test", 'S'), TrunkBuilder.Run("trunk", "b / build", 'S')],
        [TrunkBuilder.Run("periodic", "a / test", 'F'), TrunkBuilder.Run("pull", "a / test (mem_leak_check, 1, 1, x)", 'F')],
        [TrunkBuilder.Run("pull", "a / test", 'P')],
        [TrunkBuilder.Run("pull", "a / test", 'C')],
        [TrunkBuilder.Run("pull", "a / test (default, 1, 2, x)", 'F'), TrunkBuilder.Run("pull", "a / test (default, 2, 2, x)", 'F'), TrunkBuilder.Run("trunk", "b / build", 'S')],
        [],
    ];

    // (has data, failing logical jobs) per commit: shards of one job count once; pending and cancelled count 0 but have data.
    private static readonly (bool HasData, int FailingJobs)[] Expected = [(true, 2), (true, 0), (false, 0), (true, 0), (true, 0), (true, 1), (false, 0)];

    private readonly TempDirectory _directory = new();

    [Fact]
    public void The_engine_gives_every_commit_with_data_its_failing_job_count_including_zero()
    {
        var health = TrunkHealthCalculator.Calculate(TrunkBuilder.Snapshot(Commits), ScopeSettings.Default);

        Assert.Equal(Expected, health.Commits.Select(commit => (commit.HasData, commit.FailingJobs)));
        Assert.Equal(Enumerable.Range(0, Commits.Length).Select(TrunkBuilder.Sha), health.Commits.Select(commit => commit.Sha));
    }

    [Fact]
    public void Scrape_serves_one_failing_jobs_series_per_commit_with_data_including_zero_and_none_for_the_rest()
    {
        var file = _directory.File("trunk.json");
        SnapshotWriter.WriteFile(TrunkBuilder.Snapshot(Commits), file);
        using var output = new StringWriter();
        using var error = new StringWriter();

        Assert.Equal(ExitCodes.Ok, ScrapeCommand.Run(new FileInfo(file), "prometheus", "dev-infra", 50, output, error));

        var served = Series().Matches(output.ToString()).ToDictionary(match => match.Groups["sha"].Value, match => int.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture));
        var expected = Expected.Select((commit, index) => (commit, Sha: TrunkBuilder.Sha(index)))
            .Where(pair => pair.commit.HasData)
            .ToDictionary(pair => pair.Sha, pair => pair.commit.FailingJobs);
        Assert.Equal(expected.OrderBy(pair => pair.Key, StringComparer.Ordinal), served.OrderBy(pair => pair.Key, StringComparer.Ordinal));
    }

    public void Dispose() => _directory.Dispose();

    [GeneratedRegex("""^trunk_commit_failing_jobs\{[^}]*sha="(?<sha>[0-9a-f]+)"[^}]*\} (?<value>\d+)$""", RegexOptions.Multiline)]
    private static partial Regex Series();
}
