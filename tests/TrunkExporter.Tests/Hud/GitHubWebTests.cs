using TrunkExporter.Hud;

namespace TrunkExporter.Tests.Hud;

public sealed class GitHubWebTests
{
    [Theory]
    [InlineData("https://api.github.com", "https://github.com")]
    [InlineData("https://api.github.com/", "https://github.com")]
    [InlineData("https://ghe.example.com/api/v3", "https://ghe.example.com")]
    [InlineData("https://ghe.example.com/api/v3/", "https://ghe.example.com")]
    [InlineData("https://ghe.example.com:8443/api/v3", "https://ghe.example.com:8443")]
    [InlineData("http://127.0.0.1:5123", "http://127.0.0.1:5123")]
    [InlineData(null, "https://github.com")]
    [InlineData("not a url", "https://github.com")]
    [InlineData("javascript:alert(1)", "https://github.com")]
    public void The_web_base_follows_the_api_base(string? api, string web) =>
        Assert.Equal(web, GitHubWeb.FromApiBase(api).Base);

    [Fact]
    public void Links_escape_each_path_segment_and_keep_branch_slashes()
    {
        var web = GitHubWeb.FromApiBase("https://ghe.example.com/api/v3");

        Assert.Equal("https://ghe.example.com/o/r/tree/release/2.5%23x", web.Branch("o/r", "release/2.5#x"));
        Assert.Equal("https://ghe.example.com/o/r/commit/abc", web.Commit("o/r", "abc"));
        Assert.Equal("https://ghe.example.com/o/r/pull/42", web.PullRequest("o/r", 42));
    }
}
