namespace TrunkExporter.GitHub.Wire;

// GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs as far as the exporter reads it. The project's
// own DTO because Octokit's WorkflowJob has no run_attempt, and the attempt is what tells a re-run's
// jobs from the first attempt's (filter=all lists both). Octokit's serializer fills it by snake_case
// name; every field is optional here so that a missing one is reported by GitHubJson with its name,
// and status and conclusion stay plain strings so that values GitHub adds later pass through.

internal sealed class WireJobList
{
    public long? TotalCount { get; set; }

    public IReadOnlyList<WireJob?>? Jobs { get; set; }
}

internal sealed class WireJob
{
    public long? Id { get; set; }

    public long? RunId { get; set; }

    public int? RunAttempt { get; set; }

    public string? Name { get; set; }

    public string? Status { get; set; }

    public string? Conclusion { get; set; }

    public string? HtmlUrl { get; set; }
}
