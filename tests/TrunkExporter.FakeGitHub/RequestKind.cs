namespace TrunkExporter.FakeGitHub;

/// <summary>Which of GitHub's endpoints a request asked for.</summary>
internal enum RequestKind
{
    Commits,
    Runs,
    Jobs,
    Other,
}
