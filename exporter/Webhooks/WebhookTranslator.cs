using System.Globalization;
using System.Text.Json;

namespace TrunkExporter.Webhooks;

/// <summary>
/// Turns a delivery into the events of watched branches it carries (none: ignored). It reads only the
/// fields it uses, from a <see cref="JsonDocument"/>: Octokit.Webhooks' event models took 2.9 s to read the
/// first workflow_job (building their serializer metadata; 5 ms after that), more than the 2 s an event
/// may take to show, and they refuse a payload that lacks any field they mark required.
/// </summary>
internal static class WebhookTranslator
{
    private const string BranchRef = "refs/heads/";

    /// <summary>The events, or a <see cref="FormatException"/> naming the field a payload lacks.</summary>
    public static IReadOnlyList<BranchEvent> Translate(string eventName, JsonElement payload, BranchEvents watched, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(watched);
        var repo = Text(payload, "repository", "full_name") ?? throw Missing("repository.full_name");
        switch (eventName)
        {
            case "workflow_job":
                // Queued, waiting and in_progress make the job pending; completed gives its conclusion.
                var job = Member(payload, "workflow_job") ?? throw Missing("workflow_job");
                var sha = Text(job, "head_sha") ?? throw Missing("workflow_job.head_sha");
                var name = Text(job, "name") ?? throw Missing("workflow_job.name");
                var status = Text(job, "status") ?? throw Missing("workflow_job.status");
                return Text(job, "head_branch") is { } branch && watched.Watched(repo, branch) is { } target
                    ? [new JobEvent(target.Repo, target.Branch, now, sha, Text(job, "workflow_name") ?? string.Empty, name,
                        Member(job, "run_attempt") is { ValueKind: JsonValueKind.Number } attempt && attempt.TryGetInt32(out var number) ? Math.Max(1, number) : 1,
                        status, Text(job, "conclusion"), Text(job, "html_url"))]
                    : [];

            case "workflow_run":
                // A run of a push to the branch names its commit: the commit is known even if the push event was lost.
                // Runs of pull requests (from a fork whose branch has the same name too) never add a commit.
                var run = Member(payload, "workflow_run") ?? throw Missing("workflow_run");
                return Text(run, "event") == "push"
                    && string.Equals(Text(run, "head_repository", "full_name"), repo, StringComparison.OrdinalIgnoreCase)
                    && Text(run, "head_branch") is { } runBranch
                    && watched.Watched(repo, runBranch) is { } runTarget
                    && Member(run, "head_commit") is { } head
                    && Commit(runTarget, now, head) is { } commit
                    ? [commit]
                    : [];

            case "push":
                // A deleted branch or a force-push rewrites the window: only the next poll can tell it.
                var reference = Text(payload, "ref") ?? throw Missing("ref");
                if (!reference.StartsWith(BranchRef, StringComparison.Ordinal)
                    || Flag(payload, "deleted") || Flag(payload, "forced")
                    || watched.Watched(repo, reference[BranchRef.Length..]) is not { } pushTarget
                    || Member(payload, "commits") is not { ValueKind: JsonValueKind.Array } commits)
                {
                    return [];
                }

                return [.. commits.EnumerateArray().Select(pushed => Commit(pushTarget, now, pushed)).OfType<CommitEvent>()];

            default:
                return [];
        }
    }

    private static CommitEvent? Commit(Configuration.BranchTarget target, DateTimeOffset now, JsonElement commit) =>
        Text(commit, "id") is { Length: > 0 } sha
        && DateTimeOffset.TryParse(Text(commit, "timestamp"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? new CommitEvent(target.Repo, target.Branch, now, sha, time, Text(commit, "message")?.Split('\n', 2)[0], Text(commit, "author", "name"))
            : null;

    private static JsonElement? Member(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static string? Text(JsonElement element, params string[] path)
    {
        JsonElement? current = element;
        foreach (var name in path)
        {
            current = current is { } at ? Member(at, name) : null;
        }

        return current is { ValueKind: JsonValueKind.String } text ? text.GetString() : null;
    }

    private static bool Flag(JsonElement element, string name) => Member(element, name) is { ValueKind: JsonValueKind.True };

    private static FormatException Missing(string field) => new($"the payload has no {field}");
}
