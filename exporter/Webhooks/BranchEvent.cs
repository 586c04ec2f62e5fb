namespace TrunkExporter.Webhooks;

/// <summary>What one delivery says about one watched branch, in the terms of a trunk snapshot.</summary>
internal abstract record BranchEvent(string Repo, string Branch, DateTimeOffset ReceivedAt);

/// <summary>A job's state from a <c>workflow_job</c> delivery.</summary>
internal sealed record JobEvent(
    string Repo,
    string Branch,
    DateTimeOffset ReceivedAt,
    string Sha,
    string Workflow,
    string Name,
    int Attempt,
    string Status,
    string? Conclusion,
    string? Url) : BranchEvent(Repo, Branch, ReceivedAt)
{
    /// <summary>How far a job has come: a later state replaces an earlier one, never the reverse.</summary>
    public static int Progress(string status) => status switch
    {
        "completed" => 3,
        "in_progress" => 2,
        _ => 1,
    };
}

/// <summary>A new commit on the branch, from a <c>push</c> (or the head commit of a <c>workflow_run</c> for a push).</summary>
internal sealed record CommitEvent(
    string Repo,
    string Branch,
    DateTimeOffset ReceivedAt,
    string Sha,
    DateTimeOffset Time,
    string? Title,
    string? Author) : BranchEvent(Repo, Branch, ReceivedAt);
