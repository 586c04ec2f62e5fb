namespace TrunkExporter.Snapshots;

/// <summary>A snapshot file that cannot be loaded; the message is the one line an operator reads.</summary>
internal sealed class SnapshotFormatException : Exception
{
    public SnapshotFormatException(string source, string jsonPath, string problem, Exception? inner = null)
        : base($"snapshot {source}: {jsonPath}: {problem}", inner)
    {
        Source = source;
        JsonPath = jsonPath;
        Problem = problem;
    }

    public new string Source { get; }

    public string JsonPath { get; }

    public string Problem { get; }
}
