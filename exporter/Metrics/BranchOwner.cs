namespace TrunkExporter.Metrics;

/// <summary>Who owns a watched branch: the labels of <c>trunk_repo_info</c>.</summary>
internal sealed record BranchOwner(string Repo, string Branch, string Team);
