namespace TrunkExporter.FakeGitHub;

internal sealed class FakeCommit(string sha, DateTimeOffset time, string? title, string? author)
{
    public string Sha { get; } = sha;

    public DateTimeOffset Time { get; } = time;

    public string? Title { get; } = title;

    public string? Author { get; } = author;

    /// <summary>Newest first, as GitHub lists a commit's runs.</summary>
    public List<FakeRun> Runs { get; } = [];
}
