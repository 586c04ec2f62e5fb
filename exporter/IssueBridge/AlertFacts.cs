using System.Globalization;
using System.Text.RegularExpressions;

namespace TrunkExporter.IssueBridge;

/// <summary>
/// What counts as a material change of a firing alert: its priority, N (read from the description, "N = 7
/// logical job(s)") and the names of the failing jobs (the <c>jobs</c> annotation, one "- NAME: streak …"
/// line each). A streak growing by one commit is no material change; a job joining or leaving is.
/// </summary>
internal sealed partial record AlertFacts(string Priority, int? N, IReadOnlyList<string> Jobs)
{
    public static AlertFacts Of(BridgeAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var n = NPattern().Match(alert.Annotation("description")) is { Success: true } match
            && int.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : (int?)null;
        return new AlertFacts(alert.Priority, n, JobNames(alert.Annotation("jobs")));
    }

    /// <summary>The job names of a <c>jobs</c> annotation, sorted.</summary>
    public static IReadOnlyList<string> JobNames(string jobs)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var line in jobs.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!line.StartsWith("- ", StringComparison.Ordinal))
            {
                continue;
            }

            var end = line.LastIndexOf(": streak ", StringComparison.Ordinal);
            names.Add(end > 2 ? line[2..end] : line[2..]);
        }

        return [.. names];
    }

    /// <summary>A stable text of the facts, stored per fingerprint to compare the next notification with.</summary>
    public string Key => $"{Priority}|{N?.ToString(CultureInfo.InvariantCulture) ?? "?"}|{string.Join('\n', Jobs)}";

    public static AlertFacts FromKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var parts = key.Split('|', 3);
        if (parts.Length != 3)
        {
            return new AlertFacts(string.Empty, null, []);
        }

        return new AlertFacts(
            parts[0],
            int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null,
            parts[2].Length == 0 ? [] : parts[2].Split('\n'));
    }

    [GeneratedRegex(@"\bN = (\d{1,9})\b")]
    private static partial Regex NPattern();
}
