using System.Globalization;

namespace TrunkExporter.Stack;

/// <summary>
/// One branch the exporter under test serves, as its command line configures it: from a snapshot
/// file (replay) when <see cref="ReplayFile"/> is set, else from the GitHub API the exporter is pointed at.
/// </summary>
/// <param name="ShiftTimesToNow">With a replay file: moves the snapshot so its newest commit is now, so age-based rules see fresh failures.</param>
internal sealed record ExporterRepository(
    string Repo,
    string? ReplayFile,
    string Branch = "main",
    string Team = "dev-infra",
    bool ShiftTimesToNow = true)
{
    public IEnumerable<string> ToArguments(int index)
    {
        var key = string.Create(CultureInfo.InvariantCulture, $"--TrunkExporter:Repositories:{index}");
        yield return $"{key}:Repo={Repo}";
        yield return $"{key}:Branch={Branch}";
        yield return $"{key}:Team={Team}";
        if (ReplayFile is not null)
        {
            yield return $"{key}:ReplayFile={ReplayFile}";
            yield return $"{key}:ShiftTimesToNow={(ShiftTimesToNow ? "true" : "false")}";
        }
    }
}
