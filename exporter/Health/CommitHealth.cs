namespace TrunkExporter.Health;

/// <summary>One commit of the window as the trunk alerts see it.</summary>
/// <param name="HasData">Whether any in-scope job run exists for the commit; only such commits are exported.</param>
/// <param name="Title">The commit's first line, when the source knows it (untrusted text).</param>
/// <param name="Author">The commit's author login, when the source knows it (untrusted text).</param>
internal sealed record CommitHealth(
    string Sha,
    DateTimeOffset Time,
    long? Pr,
    bool HasData,
    int FailingJobs,
    CommitVerdict Verdict,
    string? Title = null,
    string? Author = null);
