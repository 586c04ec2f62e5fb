using TrunkExporter.Configuration;
using TrunkExporter.Core;

namespace TrunkExporter.Tests.Core;

/// <summary>The one comparison rule of a watched branch: repository case-insensitive (GitHub), branch exact (git).</summary>
public sealed class BranchKeyTests
{
    [Theory]
    [InlineData("pytorch/pytorch", "main", "pytorch/pytorch", "main", true)]
    [InlineData("pytorch/pytorch", "main", "PyTorch/PyTorch", "main", true)]
    [InlineData("PYTORCH/pytorch", "release/2.5", "pytorch/PYTORCH", "release/2.5", true)]
    [InlineData("pytorch/pytorch", "main", "pytorch/pytorch", "Main", false)]
    [InlineData("pytorch/pytorch", "release/2.5", "pytorch/pytorch", "Release/2.5", false)]
    [InlineData("pytorch/pytorch", "main", "pytorch/vision", "main", false)]
    [InlineData("pytorch/pytorch", "main", "pytorch/pytorch", "viable/strict", false)]
    [InlineData("a/b", "c@d", "a/b@c", "d", false)]
    public void Repository_compares_case_insensitively_and_branch_exactly(string repo, string branch, string otherRepo, string otherBranch, bool equal)
    {
        var key = new BranchKey(repo, branch);
        var other = new BranchKey(otherRepo, otherBranch);

        Assert.Equal(equal, key.Equals(other));
        Assert.Equal(equal, other.Equals(key));
        Assert.Equal(equal, key == other);
        Assert.Equal(!equal, key != other);
        Assert.Equal(equal, new HashSet<BranchKey> { key }.Contains(other));
        if (equal)
        {
            Assert.Equal(key.GetHashCode(), other.GetHashCode());
        }
    }

    [Fact]
    public void Is_written_repo_at_branch_in_the_configured_spelling() =>
        Assert.Equal("PyTorch/pytorch@release/2.5", new BranchKey("PyTorch/pytorch", "release/2.5").ToString());

    [Fact]
    public void The_validator_refuses_a_repository_spelled_twice_but_accepts_branches_that_differ_in_case()
    {
        var validator = new ExporterOptionsValidator();
        var twice = new ExporterOptions { Repositories = [new() { Repo = "pytorch/pytorch" }, new() { Repo = "PyTorch/PyTorch" }] };
        var cased = new ExporterOptions { Repositories = [new() { Repo = "pytorch/pytorch" }, new() { Repo = "pytorch/pytorch", Branch = "Main" }] };

        Assert.Equal(["TrunkExporter:Repositories:1 repeats PyTorch/PyTorch branch main; each branch may be configured once."], validator.Validate(null, twice).Failures);
        Assert.True(validator.Validate(null, cased).Succeeded);
    }
}
