using TrunkExporter.Cli;
using TrunkExporter.FakeGitHub;
using TrunkExporter.GitHub;
using TrunkExporter.GitHub.Auth;
using TrunkExporter.GitHub.Http;
using TrunkExporter.GitHub.Policy;
using TrunkExporter.GitHub.Reading;
using TrunkExporter.GitHub.Wire;
using TrunkExporter.Snapshots;
using TrunkExporter.Tests.Support;

namespace TrunkExporter.Tests.GitHub;

public sealed class RecordCommandTests : IDisposable
{
    private const string Repo = "pytorch/pytorch";
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"record-{Guid.NewGuid():N}.json");
    private readonly TestTimeout _timeout = new();

    private static Func<string, string?> Environment(string? token) => name => name == GitHubCredentials.EnvironmentVariable ? token : null;

    private static Task<FakeGitHubServer> ServerAsync(FakeGitHubOptions? options = null) =>
        FakeGitHubServer.StartAsync(PyTorchLikeTrunk.Create(new TrunkShape(Commits: 8, RunsPerCommit: 3, JobsPerCommit: 250, Seed: 8)), options);

    public void Dispose()
    {
        File.Delete(_file);
        _timeout.Dispose();
    }

    [Fact]
    public async Task Record_writes_the_live_trunk_as_a_snapshot_that_replays()
    {
        await using var server = await ServerAsync(new FakeGitHubOptions { PathPrefix = "/api/v3" });
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = await RecordCommand.RunAsync(new RecordRequest(Repo, "main", new FileInfo(_file), 5, server.ApiBaseUrl), output, error, Environment("t"), _timeout.Token);

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Empty(error.ToString());
        Assert.StartsWith($"Recorded {Repo} branch main: 5 commits,", output.ToString(), StringComparison.Ordinal);
        SnapshotAssert.Equivalent(server.Snapshot(Repo, 5), SnapshotReader.ReadFile(_file));
        var scrape = new StringWriter();
        Assert.Equal(ExitCodes.Ok, ScrapeCommand.Run(new FileInfo(_file), "table", "t", 50, scrape, new StringWriter()));
    }

    [Fact]
    public async Task A_rejected_token_is_one_line_saying_what_to_do_and_exit_3()
    {
        await using var server = await ServerAsync(new FakeGitHubOptions { AcceptedToken = "right" });
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = await RecordCommand.RunAsync(new RecordRequest(Repo, "main", new FileInfo(_file), 5, server.ApiBaseUrl), output, error, Environment("wrong"), _timeout.Token);

        Assert.Equal(ExitCodes.GitHubFailed, exit);
        var line = Assert.Single(error.ToString().TrimEnd('\n').Split('\n'));
        Assert.StartsWith("trunk-exporter: record failed: GitHub rejected the token (401", line, StringComparison.Ordinal);
        Assert.Contains("GITHUB_TOKEN", line, StringComparison.Ordinal);
        Assert.Empty(output.ToString());
        Assert.False(File.Exists(_file));
    }

    [Theory]
    [InlineData("pytorch/nonexistent", "main", "GitHub found nothing")]
    [InlineData(Repo, "no-such-branch", "No commit found for SHA: no-such-branch")]
    public async Task An_unknown_repository_or_branch_is_one_line_and_exit_3(string repo, string branch, string expected)
    {
        await using var server = await ServerAsync();
        var error = new StringWriter();

        var exit = await RecordCommand.RunAsync(new RecordRequest(repo, branch, new FileInfo(_file), 5, server.ApiBaseUrl), new StringWriter(), error, Environment("t"), _timeout.Token);

        Assert.Equal(ExitCodes.GitHubFailed, exit);
        var line = Assert.Single(error.ToString().TrimEnd('\n').Split('\n'));
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.Contains("check the repository and branch names", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_token_is_one_line_and_exit_3_without_a_request()
    {
        await using var server = await ServerAsync();
        var error = new StringWriter();

        var exit = await RecordCommand.RunAsync(new RecordRequest(Repo, "main", new FileInfo(_file), 5, server.ApiBaseUrl), new StringWriter(), error, Environment(null), _timeout.Token);

        Assert.Equal(ExitCodes.GitHubFailed, exit);
        Assert.StartsWith("trunk-exporter: record failed: no GitHub token: set GITHUB_TOKEN or", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, server.Counts.Total);
    }

    [Theory]
    [InlineData("not-a-repo", "https://api.github.com", "--repo must be owner/name")]
    [InlineData(Repo, "ftp://example.com", "--api-url must be an absolute http(s) URL")]
    public async Task Bad_arguments_are_one_line_and_exit_1(string repo, string apiUrl, string expected)
    {
        var error = new StringWriter();

        var exit = await RecordCommand.RunAsync(new RecordRequest(repo, "main", new FileInfo(_file), 5, apiUrl), new StringWriter(), error, Environment("t"), _timeout.Token);

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains(expected, Assert.Single(error.ToString().TrimEnd('\n').Split('\n')), StringComparison.Ordinal);
    }
}
