using System.Text;
using TrunkExporter.Snapshots;

namespace TrunkExporter.Tests.Snapshots;

public sealed class SnapshotReaderTests
{
    private const string Valid = """
        {
          "version": 1,
          "repo": "pytorch/pytorch",
          "branch": "main",
          "capturedAt": "2026-11-18T15:09:00Z",
          "commits": [
            {
              "sha": "9769618d3591cd11cf481389943586ae632993bd",
              "time": "2026-11-18T15:01:12Z",
              "title": "[inductor] Fix ... (#148612)",
              "author": "octocat",
              "pr": 148612,
              "futureField": {"ignored": true},
              "jobs": [
                {
                  "workflow": "pull",
                  "name": "linux-jammy-py3.10-gcc11 / test (default, 1, 5, linux.4xlarge)",
                  "status": "completed",
                  "conclusion": "failure",
                  "attempt": 2,
                  "url": "https://github.com/pytorch/pytorch/actions/runs/1/job/2"
                },
                { "workflow": "pull", "name": "x / build", "status": "queued", "conclusion": null }
              ]
            },
            { "sha": "8769618d3591cd11cf481389943586ae632993bd", "time": "2026-11-18T14:01:12+01:00", "jobs": [] }
          ]
        }
        """;

    [Fact]
    public void Reads_the_contract_example_with_optional_fields_and_defaults()
    {
        var snapshot = Read(Valid);

        Assert.Equal(("pytorch/pytorch", "main", new DateTimeOffset(2026, 11, 18, 15, 9, 0, TimeSpan.Zero)), (snapshot.Repo, snapshot.Branch, snapshot.CapturedAt));
        Assert.Equal(2, snapshot.Commits.Count);
        var first = snapshot.Commits[0];
        Assert.Equal(("[inductor] Fix ... (#148612)", "octocat", 148612L), (first.Title, first.Author, first.Pr));
        Assert.Equal(new SnapshotJob("pull", "linux-jammy-py3.10-gcc11 / test (default, 1, 5, linux.4xlarge)", "completed", "failure", 2, "https://github.com/pytorch/pytorch/actions/runs/1/job/2"), first.Jobs[0]);
        Assert.Equal(new SnapshotJob("pull", "x / build", "queued"), first.Jobs[1]);
        Assert.Equal(new DateTimeOffset(2026, 11, 18, 13, 1, 12, TimeSpan.Zero), snapshot.Commits[1].Time);
        Assert.Equal(TimeSpan.Zero, snapshot.Commits[1].Time.Offset);
    }

    [Theory]
    [InlineData("not json at all", "$", "is not valid JSON at line 1")]
    [InlineData("{\"version\": 1, \"repo\": \"a/b\"", "$", "is not valid JSON")]
    [InlineData("[]", "$", "must be an object, not an array")]
    [InlineData("{\"repo\": \"a/b\"}", "$.version", "is required but missing")]
    [InlineData("{\"version\": 2}", "$.version", "version 2 is not supported")]
    [InlineData("{\"version\": \"1\"}", "$.version", "must be a number, not a string")]
    [InlineData("{\"version\": 1, \"repo\": \"pytorch\"}", "$.repo", "'pytorch' is not of the form owner/name")]
    [InlineData("{\"version\": 1, \"repo\": \"a/b\", \"branch\": \"\"}", "$.branch", "must not be empty")]
    [InlineData("{\"version\": 1, \"repo\": \"a/b\", \"branch\": \"main\", \"capturedAt\": \"yesterday\"}", "$.capturedAt", "'yesterday' is not an ISO 8601 time")]
    [InlineData("{\"version\": 1, \"repo\": \"a/b\", \"branch\": \"main\", \"capturedAt\": \"2026-11-18T15:09:00Z\"}", "$.commits", "is required but missing")]
    [InlineData("{\"version\": 1, \"repo\": \"a/b\", \"branch\": \"main\", \"capturedAt\": \"2026-11-18T15:09:00Z\", \"commits\": {}}", "$.commits", "must be an array, not an object")]
    public void Rejects_bad_documents_naming_the_path_and_the_problem(string json, string path, string problem)
    {
        var error = Assert.Throws<SnapshotFormatException>(() => Read(json));

        Assert.Equal(path, error.JsonPath);
        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
        Assert.StartsWith($"snapshot test.json: {path}: ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Theory]
    [InlineData("\"sha\": \"9769618d3591cd11cf481389943586ae632993bd\",", "", "$.commits[0].sha", "is required but missing")]
    [InlineData("\"time\": \"2026-11-18T15:01:12Z\",", "\"time\": 5,", "$.commits[0].time", "must be a string, not a number")]
    [InlineData("\"pr\": 148612,", "\"pr\": \"148612\",", "$.commits[0].pr", "must be a number, not a string")]
    [InlineData("\"workflow\": \"pull\",\n", "", "$.commits[0].jobs[0].workflow", "is required but missing")]
    [InlineData("\"status\": \"queued\"", "\"status\": null", "$.commits[0].jobs[1].status", "is required but missing")]
    [InlineData("\"attempt\": 2,", "\"attempt\": 0,", "$.commits[0].jobs[0].attempt", "0 is not a positive attempt number")]
    [InlineData("\"attempt\": 2,", "\"attempt\": 1.5,", "$.commits[0].jobs[0].attempt", "must be a whole number")]
    [InlineData("\"8769618d3591cd11cf481389943586ae632993bd\"", "\"9769618d3591cd11cf481389943586ae632993bd\"", "$.commits[1].sha", "duplicate sha 9769618d3591cd11cf481389943586ae632993bd")]
    [InlineData("\"jobs\": []", "\"jobs\": [42]", "$.commits[1].jobs[0]", "must be an object, not a number")]
    public void Rejects_bad_commits_and_jobs_naming_the_exact_path(string find, string replace, string path, string problem)
    {
        Assert.Contains(find, Valid, StringComparison.Ordinal);
        var json = ReplaceFirst(Valid, find, replace);

        var error = Assert.Throws<SnapshotFormatException>(() => Read(json));

        Assert.Equal((path, true), (error.JsonPath, error.Problem.Contains(problem, StringComparison.Ordinal)));
    }

    [Fact]
    public void A_missing_file_names_the_file()
    {
        var error = Assert.Throws<SnapshotFormatException>(() => SnapshotReader.ReadFile("/nonexistent/trunk.json"));

        Assert.StartsWith("snapshot /nonexistent/trunk.json: $: cannot be read", error.Message, StringComparison.Ordinal);
    }

    private static TrunkSnapshot Read(string json) => SnapshotReader.Read(Encoding.UTF8.GetBytes(json), "test.json");

    private static string ReplaceFirst(string text, string find, string replace)
    {
        var index = text.IndexOf(find, StringComparison.Ordinal);
        return string.Concat(text.AsSpan(0, index), replace, text.AsSpan(index + find.Length));
    }
}
