using System.Text.Json;

namespace TrunkExporter.GitHub;

/// <summary>
/// Parses the three list endpoints. Malformed or truncated JSON, or an item without a field the
/// exporter needs, fails with a <see cref="GitHubException"/> naming the URL and the item; nothing
/// half-parsed is returned (so nothing half-parsed is cached).
/// </summary>
internal static class GitHubJson
{
    public static IReadOnlyList<BranchCommit> Commits(ReadOnlyMemory<byte> body, Uri source)
    {
        var items = Deserialize(body, source, GitHubWireContext.Default.IReadOnlyListWireCommitItem)
            ?? throw Malformed(source, "the body is null, not a list of commits");
        var commits = new List<BranchCommit>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i] ?? throw Malformed(source, $"commit [{i}] is null");
            var sha = Required(item.Sha, source, $"commit [{i}].sha");
            var time = item.Commit?.Committer?.Date ?? item.Commit?.Author?.Date
                ?? throw Malformed(source, $"commit {sha} has no commit.committer.date");
            var title = FirstLine(item.Commit?.Message);
            commits.Add(new BranchCommit(sha, time.ToUniversalTime(), title, item.Author?.Login ?? item.Commit?.Author?.Name, PullRequestNumber.FromTitle(title)));
        }

        return commits;
    }

    public static IReadOnlyList<WorkflowRun> Runs(ReadOnlyMemory<byte> body, Uri source) => RunsPage(body, source).Items;

    public static ListPage<WorkflowRun> RunsPage(ReadOnlyMemory<byte> body, Uri source)
    {
        var list = Deserialize(body, source, GitHubWireContext.Default.WireRunList)
            ?? throw Malformed(source, "the body is null, not a run list");
        var wireRuns = list.WorkflowRuns ?? throw Malformed(source, "workflow_runs is missing");
        var runs = new List<WorkflowRun>(wireRuns.Count);
        for (var i = 0; i < wireRuns.Count; i++)
        {
            var run = wireRuns[i] ?? throw Malformed(source, $"workflow_runs[{i}] is null");
            var id = run.Id ?? throw Malformed(source, $"workflow_runs[{i}].id is missing");
            var workflow = !string.IsNullOrEmpty(run.Name) ? run.Name : run.Path ?? string.Empty;
            runs.Add(new WorkflowRun(id, workflow, Required(run.Status, source, $"run {id}.status"), run.Conclusion, run.RunAttempt ?? 1, run.UpdatedAt));
        }

        return new ListPage<WorkflowRun>(runs, list.TotalCount);
    }

    public static IReadOnlyList<WorkflowJob> Jobs(ReadOnlyMemory<byte> body, Uri source) => JobsPage(body, source).Items;

    public static ListPage<WorkflowJob> JobsPage(ReadOnlyMemory<byte> body, Uri source)
    {
        var list = Deserialize(body, source, GitHubWireContext.Default.WireJobList)
            ?? throw Malformed(source, "the body is null, not a job list");
        var wireJobs = list.Jobs ?? throw Malformed(source, "jobs is missing");
        var jobs = new List<WorkflowJob>(wireJobs.Count);
        for (var i = 0; i < wireJobs.Count; i++)
        {
            var job = wireJobs[i] ?? throw Malformed(source, $"jobs[{i}] is null");
            var id = job.Id ?? throw Malformed(source, $"jobs[{i}].id is missing");
            jobs.Add(new WorkflowJob(
                id,
                Required(job.Name, source, $"job {id}.name"),
                Required(job.Status, source, $"job {id}.status"),
                job.Conclusion,
                job.RunAttempt ?? 1,
                job.HtmlUrl));
        }

        return new ListPage<WorkflowJob>(jobs, list.TotalCount);
    }

    private static T? Deserialize<T>(ReadOnlyMemory<byte> body, Uri source, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        try
        {
            return JsonSerializer.Deserialize(body.Span, type);
        }
        catch (JsonException ex)
        {
            var where = ex.BytePositionInLine is { } position ? $" at line {ex.LineNumber + 1}, byte {position + 1}" : string.Empty;
            throw new GitHubException(GitHubFailure.MalformedResponse,
                $"GitHub sent malformed or truncated JSON for GET {source}{where} ({body.Length} bytes); the refresh keeps the last good state", ex);
        }
    }

    private static string Required(string? value, Uri source, string what) =>
        !string.IsNullOrEmpty(value) ? value : throw Malformed(source, $"{what} is missing");

    private static string? FirstLine(string? message)
    {
        if (string.IsNullOrEmpty(message))
        {
            return null;
        }

        var end = message.AsSpan().IndexOfAny('\r', '\n');
        return end < 0 ? message : message[..end];
    }

    private static GitHubException Malformed(Uri source, string problem) =>
        new(GitHubFailure.MalformedResponse, $"GitHub sent an unexpected answer for GET {source}: {problem}; the refresh keeps the last good state");
}
