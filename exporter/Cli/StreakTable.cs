using System.Globalization;
using System.Text;
using TrunkExporter.Health;
using TrunkExporter.Snapshots;

namespace TrunkExporter.Cli;

/// <summary>The terminal view of <c>scrape --format table</c>: which jobs are failing, for how long, and since which commit.</summary>
internal static class StreakTable
{
    public static string Render(TrunkHealth health, int alertStreak = 3)
    {
        ArgumentNullException.ThrowIfNull(health);
        var failing = health.Jobs
            .Where(job => job.Streak > 0)
            .OrderByDescending(job => job.Streak)
            .ThenBy(job => job.Job)
            .ToList();
        var alerting = failing.Count(job => job.Streak >= alertStreak);

        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture,
            $"{health.Repo} branch {health.Branch}: {health.WindowCommits} commits in the window, {health.ConsecutiveBrokenCommits} consecutive broken, ");
        text.Append(CultureInfo.InvariantCulture,
            $"{failing.Count} logical jobs failing, {alerting} on a streak of {alertStreak} or more\n");
        if (failing.Count == 0)
        {
            return text.Append("No logical job is on a failure streak.\n").ToString();
        }

        string[] header = ["STREAK", "WORKFLOW", "JOB", "FAILING SINCE", "CULPRIT", "CULPRIT RANGE"];
        var rows = failing.Select(job => new[]
        {
            job.Streak.ToString(CultureInfo.InvariantCulture),
            Printable(job.Job.Workflow),
            Printable(job.Job.JobName),
            job.FailingSince is { } since ? SnapshotWriter.FormatTime(since) : "-",
            Culprit(job),
            Range(job.Culprits),
        }).ToList();

        var widths = header.Select((title, column) => Math.Max(title.Length, rows.Max(row => row[column].Length))).ToArray();
        AppendRow(text, header, widths);
        foreach (var row in rows)
        {
            AppendRow(text, row, widths);
        }

        return text.ToString();
    }

    private static string Culprit(JobStreak job) => job.CulpritSha is not { } sha
        ? "-"
        : job.CulpritPr is { } pr ? $"{ShortSha.Of(sha)} (#{pr})" : ShortSha.Of(sha);

    /// <summary>
    /// The range in git's notation, last pass exclusive .. first failure inclusive, so that
    /// <c>git log GREEN..FIRST</c> lists exactly the commits that may have broken the job.
    /// </summary>
    public static string Range(CulpritRange? range)
    {
        if (range is null)
        {
            return "-";
        }

        var first = ShortSha.Of(range.FirstFailing.Sha);
        var count = range.Commits.Count;
        return range.LastGreenSha is { } green
            ? string.Create(CultureInfo.InvariantCulture, $"{ShortSha.Of(green)}..{first} ({count} commit{(count == 1 ? string.Empty : "s")})")
            : string.Create(CultureInfo.InvariantCulture, $"?..{first} ({count}+ commits, no pass in the window)");
    }

    /// <summary>A job name with a newline or tab would break the columns; show control characters escaped.</summary>
    private static string Printable(string text) => text.Any(char.IsControl)
        ? string.Concat(text.Select(c => c switch { '\n' => "\\n", '\t' => "\\t", _ when char.IsControl(c) => "?", _ => c.ToString() }))
        : text;

    private static void AppendRow(StringBuilder text, string[] cells, int[] widths)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            text.Append(i == cells.Length - 1 ? cells[i] : cells[i].PadRight(widths[i] + 2));
        }

        text.Append('\n');
    }
}
