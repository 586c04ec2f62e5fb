using System.Runtime.Serialization;
using System.Text;
using Octokit;
using Octokit.Internal;

namespace TrunkExporter.GitHub.Wire;

/// <summary>
/// From GitHub's answers (Octokit's models for commits and runs, <see cref="WireJobList"/> for jobs)
/// to the reader's records. Malformed or truncated JSON, or an item without a field the exporter
/// needs, fails with a <see cref="GitHubException"/> naming the URL and the item; nothing half-read
/// is returned, so nothing half-read is confirmed to the ETag cache.
/// </summary>
internal static class GitHubJson
{
    private static readonly SimpleJsonSerializer Serializer = new();

    public static IReadOnlyList<BranchCommit> Commits(IReadOnlyList<GitHubCommit?>? items, Uri source)
    {
        if (items is null)
        {
            throw Malformed(source, "the body is null, not a list of commits");
        }

        var commits = new List<BranchCommit>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i] ?? throw Malformed(source, $"commit [{i}] is null");
            var sha = Required(item.Sha, source, $"commit [{i}].sha");
            var time = Date(item.Commit?.Committer) ?? Date(item.Commit?.Author)
                ?? throw Malformed(source, $"commit {sha} has no commit.committer.date");
            var title = FirstLine(item.Commit?.Message);
            commits.Add(new BranchCommit(sha, time.ToUniversalTime(), title, item.Author?.Login ?? item.Commit?.Author?.Name, PullRequestNumber.FromTitle(title)));
        }

        return commits;
    }

    public static ListPage<Wire.WorkflowRun> RunsPage(WorkflowRunsResponse? list, Uri source)
    {
        if (list is null)
        {
            throw Malformed(source, "the body is null, not a run list");
        }

        var wireRuns = list.WorkflowRuns ?? throw Malformed(source, "workflow_runs is missing");
        var runs = new List<Wire.WorkflowRun>(wireRuns.Count);
        for (var i = 0; i < wireRuns.Count; i++)
        {
            var run = wireRuns[i] ?? throw Malformed(source, $"workflow_runs[{i}] is null");
            var id = run.Id != 0 ? run.Id : throw Malformed(source, $"workflow_runs[{i}].id is missing");
            var workflow = !string.IsNullOrEmpty(run.Name) ? run.Name : run.Path ?? string.Empty;
            runs.Add(new Wire.WorkflowRun(
                id,
                workflow,
                Required(run.Status.StringValue, source, $"run {id}.status"),
                run.Conclusion?.StringValue,
                run.RunAttempt > 0 ? (int)run.RunAttempt : 1,
                run.UpdatedAt == default ? null : run.UpdatedAt));
        }

        return new ListPage<Wire.WorkflowRun>(runs, list.TotalCount);
    }

    public static ListPage<WorkflowJob> JobsPage(WireJobList? list, Uri source)
    {
        if (list is null)
        {
            throw Malformed(source, "the body is null, not a job list");
        }

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

    // Raw bodies (recorded answers), through the serializer Octokit uses for live ones.
    public static IReadOnlyList<BranchCommit> Commits(ReadOnlyMemory<byte> body, Uri source) => Commits(Deserialize<List<GitHubCommit?>>(body, source), source);

    public static IReadOnlyList<Wire.WorkflowRun> Runs(ReadOnlyMemory<byte> body, Uri source) => RunsPage(Deserialize<WorkflowRunsResponse>(body, source), source).Items;

    public static IReadOnlyList<WorkflowJob> Jobs(ReadOnlyMemory<byte> body, Uri source) => JobsPage(Deserialize<WireJobList>(body, source), source).Items;

    public static T? Deserialize<T>(ReadOnlyMemory<byte> body, Uri source) => Parse(() => Serializer.Deserialize<T>(Encoding.UTF8.GetString(body.Span)), source);

    /// <summary>Runs a deserialization of ours; a body that is not the JSON expected becomes one line.</summary>
    public static T Parse<T>(Func<T> deserialize, Uri source)
    {
        ArgumentNullException.ThrowIfNull(deserialize);
        try
        {
            return deserialize();
        }
        catch (Exception ex) when (IsMalformed(ex))
        {
            throw MalformedJson(source, ex);
        }
    }

    /// <summary>Awaits a typed Octokit call, which deserializes inside; a body that is not the JSON expected becomes one line.</summary>
    public static async Task<T> ParseAsync<T>(Task<T> call, Uri source)
    {
        ArgumentNullException.ThrowIfNull(call);
        try
        {
            return await call.ConfigureAwait(false);
        }
        catch (Exception ex) when (IsMalformed(ex))
        {
            throw MalformedJson(source, ex);
        }
    }

    private static bool IsMalformed(Exception exception) =>
        exception is SerializationException or FormatException or InvalidCastException or OverflowException;

    private static GitHubException MalformedJson(Uri source, Exception exception) =>
        new(GitHubFailure.MalformedResponse,
            $"GitHub sent malformed or truncated JSON for GET {source} ({exception.Message}); the refresh keeps the last good state", exception);

    private static DateTimeOffset? Date(Committer? signature) => signature is null || signature.Date == default ? null : signature.Date;

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
