namespace TrunkExporter.Core;

/// <summary>
/// Which branch is watched: a repository (<c>owner/name</c>) and one of its branches, the one identity of
/// a watched branch. The one comparison rule: the repository compares case-insensitively (GitHub treats
/// <c>PyTorch/PyTorch</c> and <c>pytorch/pytorch</c> as one), the branch exactly (git treats <c>Main</c> and
/// <c>main</c> as two). Written <c>owner/name@branch</c>.
/// </summary>
internal sealed record BranchKey
{
    public BranchKey(string repo, string branch)
    {
        ArgumentNullException.ThrowIfNull(repo);
        ArgumentNullException.ThrowIfNull(branch);
        Repo = repo;
        Branch = branch;
    }

    public string Repo { get; }

    public string Branch { get; }

    public bool Equals(BranchKey? other) =>
        other is not null
        && string.Equals(Repo, other.Repo, StringComparison.OrdinalIgnoreCase)
        && string.Equals(Branch, other.Branch, StringComparison.Ordinal);

    public override int GetHashCode() =>
        HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(Repo), StringComparer.Ordinal.GetHashCode(Branch));

    public override string ToString() => $"{Repo}@{Branch}";
}
