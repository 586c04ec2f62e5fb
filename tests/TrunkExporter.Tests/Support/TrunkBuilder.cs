using TrunkExporter.Snapshots;

namespace TrunkExporter.Tests.Support;

/// <summary>
/// Builds snapshots from compact timelines for table tests. One cell per commit, newest first:
/// <c>F</c> failure, <c>S</c> success, <c>P</c> pending (in_progress), <c>C</c> cancelled, <c>-</c> no run;
/// several letters are several shards (<c>FS</c>: shard 1 failed, shard 2 passed);
/// <c>F&gt;S</c> is attempt 1 failed, re-run attempt 2 passed.
/// </summary>
internal static class TrunkBuilder
{
    public const string Workflow = "pull";
    public const string JobGroup = "linux-jammy-py3.10-gcc11 / test (default, linux.4xlarge)";
    public static readonly DateTimeOffset Newest = new(2026, 11, 18, 15, 0, 0, TimeSpan.Zero);

    public static TrunkSnapshot Timeline(string cells) => Snapshot(cells.Split(' ', StringSplitOptions.RemoveEmptyEntries)
        .Select(cell => JobRuns(Workflow, "linux-jammy-py3.10-gcc11 / test (default, {0}, 5, linux.4xlarge)", cell))
        .ToArray());

    /// <summary>A snapshot whose commit i (newest first) carries <paramref name="commits"/>[i].</summary>
    public static TrunkSnapshot Snapshot(params IReadOnlyList<SnapshotJob>[] commits) => new(
        "pytorch/pytorch",
        "main",
        Newest.AddMinutes(5),
        commits.Select((jobs, i) => new SnapshotCommit(Sha(i), Newest.AddMinutes(-15 * i), jobs, Title: $"Commit {i} (#{1000 - i})", Pr: 1000 - i)).ToArray());

    public static string Sha(int index) => $"{index:x2}".PadRight(40, 'a');

    public static DateTimeOffset Time(int index) => Newest.AddMinutes(-15 * index);

    /// <summary>The runs of one logical job on one commit, shards numbered from 1 in <paramref name="nameFormat"/>.</summary>
    public static IReadOnlyList<SnapshotJob> JobRuns(string workflow, string nameFormat, string cell)
    {
        if (cell == "-")
        {
            return [];
        }

        if (cell.Contains('>', StringComparison.Ordinal))
        {
            var name = string.Format(System.Globalization.CultureInfo.InvariantCulture, nameFormat, 1);
            return cell.Split('>').Select((letter, attempt) => Run(workflow, name, letter[0], attempt + 1)).ToArray();
        }

        return cell.Select((letter, shard) =>
            Run(workflow, string.Format(System.Globalization.CultureInfo.InvariantCulture, nameFormat, shard + 1), letter, 1)).ToArray();
    }

    public static SnapshotJob Run(string workflow, string name, char letter, int attempt = 1) => letter switch
    {
        'F' => new SnapshotJob(workflow, name, "completed", "failure", attempt, $"https://github.com/pytorch/pytorch/actions/runs/1/job/{attempt}"),
        'S' => new SnapshotJob(workflow, name, "completed", "success", attempt),
        'P' => new SnapshotJob(workflow, name, "in_progress", null, attempt),
        'C' => new SnapshotJob(workflow, name, "completed", "cancelled", attempt),
        _ => throw new ArgumentOutOfRangeException(nameof(letter), letter, "use F, S, P or C"),
    };
}
