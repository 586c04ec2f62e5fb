namespace TrunkExporter.FakeGitHub;

/// <summary>How big a generated trunk is: PyTorch's main has ~10 runs and ~1,500 jobs per commit.</summary>
internal sealed record TrunkShape(int Commits = 50, int RunsPerCommit = 10, int JobsPerCommit = 1500, int Seed = 20261118)
{
    public static TrunkShape PyTorch { get; } = new();
}
