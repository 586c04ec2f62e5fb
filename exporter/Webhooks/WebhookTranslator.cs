using System.Globalization;
using Octokit.Webhooks;
using Octokit.Webhooks.Events;

namespace TrunkExporter.Webhooks;

/// <summary>Turns a delivery into the events of watched branches it carries (none: ignored).</summary>
internal static class WebhookTranslator
{
    private const string BranchRef = "refs/heads/";

    public static IReadOnlyList<BranchEvent> Translate(WebhookEvent delivery, BranchEvents watched, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        ArgumentNullException.ThrowIfNull(watched);
        var repo = delivery.Repository?.FullName;
        if (repo is null)
        {
            return [];
        }

        switch (delivery)
        {
            case WorkflowJobEvent { WorkflowJob: var job }:
                // Queued, waiting and in_progress make the job pending; completed gives its conclusion.
                return job.HeadBranch is { } branch && watched.Watched(repo, branch) is { } target
                    ? [new JobEvent(target.Repo, target.Branch, now, job.HeadSha, job.WorkflowName ?? string.Empty, job.Name,
                        (int)Math.Clamp(job.RunAttempt, 1, int.MaxValue), job.Status.StringValue, job.Conclusion?.StringValue, job.HtmlUrl)]
                    : [];

            case WorkflowRunEvent { WorkflowRun: var run }:
                // A run of a push to the branch names its commit: the commit is known even if the push event was lost.
                // Runs of pull requests (from a fork whose branch has the same name too) never add a commit.
                return run.Event == "push"
                    && string.Equals(run.HeadRepository?.FullName, repo, StringComparison.OrdinalIgnoreCase)
                    && watched.Watched(repo, run.HeadBranch) is { } runTarget
                    && Commit(runTarget, now, run.HeadCommit?.Id, run.HeadCommit?.Timestamp, run.HeadCommit?.Message, run.HeadCommit?.Author?.Name) is { } commit
                    ? [commit]
                    : [];

            case PushEvent push:
                // A deleted branch or a force-push rewrites the window: only the next poll can tell it.
                if (!push.Ref.StartsWith(BranchRef, StringComparison.Ordinal) || push.Deleted || push.Forced
                    || watched.Watched(repo, push.Ref[BranchRef.Length..]) is not { } pushTarget)
                {
                    return [];
                }

                return [.. push.Commits
                    .Select(pushed => Commit(pushTarget, now, pushed.Id, pushed.Timestamp, pushed.Message, pushed.Author?.Name))
                    .OfType<CommitEvent>()];

            default:
                return [];
        }
    }

    private static CommitEvent? Commit(Configuration.RepositoryTarget target, DateTimeOffset now, string? sha, string? timestamp, string? message, string? author) =>
        sha is { Length: > 0 } && DateTimeOffset.TryParse(timestamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? new CommitEvent(target.Repo, target.Branch, now, sha, time, message?.Split('\n', 2)[0], author)
            : null;
}
