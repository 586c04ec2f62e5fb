namespace TrunkExporter.FakeGitHub;

/// <summary>A fault for the next <see cref="Times"/> requests that match <see cref="Only"/> and <see cref="Repo"/>.</summary>
internal sealed record Fault(
    FaultKind Kind,
    int Times = 1,
    RequestKind? Only = null,
    string? Repo = null,
    int Status = 502,
    TimeSpan? RetryAfter = null,
    TimeSpan Delay = default,
    TimeSpan ResetIn = default)
{
    public bool Matches(RequestKind kind, string? repo) =>
        (Only is null || Only == kind)
        && (Repo is null || string.Equals(Repo, repo, StringComparison.OrdinalIgnoreCase));
}
