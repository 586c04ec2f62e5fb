namespace TrunkExporter.GitHub.Wire;

/// <summary>One commit of the branch as the commits API lists it; <see cref="Time"/> is the committer date.</summary>
internal sealed record BranchCommit(string Sha, DateTimeOffset Time, string? Title, string? Author, long? Pr);
