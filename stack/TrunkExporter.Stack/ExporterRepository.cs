using System.Globalization;

namespace TrunkExporter.Stack;

/// <summary>One branch the exporter under test serves from a snapshot file (replay), as its command line configures it.</summary>
/// <param name="ShiftTimesToNow">Moves the snapshot so its newest commit is now, so age-based rules see fresh failures.</param>
internal sealed record ExporterRepository(
    string Repo,
    string ReplayFile,
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
        yield return $"{key}:ReplayFile={ReplayFile}";
        yield return $"{key}:ShiftTimesToNow={(ShiftTimesToNow ? "true" : "false")}";
    }
}
