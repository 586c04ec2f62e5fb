using System.Text.Json.Serialization;

namespace TrunkExporter.GitHub;

// GitHub's JSON as far as the exporter reads it. Every field is optional here so that a missing
// one is reported by GitHubJson with its name; unknown fields are ignored, and status and
// conclusion stay plain strings so that values GitHub adds later pass through.

internal sealed record WireCommitItem(string? Sha, WireCommitDetail? Commit, WireUser? Author);

internal sealed record WireCommitDetail(string? Message, WireSignature? Committer, WireSignature? Author);

internal sealed record WireSignature(string? Name, DateTimeOffset? Date);

internal sealed record WireUser(string? Login);

internal sealed record WireRunList(long? TotalCount, IReadOnlyList<WireRun?>? WorkflowRuns);

internal sealed record WireRun(
    long? Id,
    string? Name,
    string? Path,
    string? HeadSha,
    string? Status,
    string? Conclusion,
    int? RunAttempt,
    DateTimeOffset? UpdatedAt);

internal sealed record WireJobList(long? TotalCount, IReadOnlyList<WireJob?>? Jobs);

internal sealed record WireJob(
    long? Id,
    long? RunId,
    int? RunAttempt,
    string? Name,
    string? Status,
    string? Conclusion,
    string? HtmlUrl);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(IReadOnlyList<WireCommitItem?>))]
[JsonSerializable(typeof(WireRunList))]
[JsonSerializable(typeof(WireJobList))]
internal sealed partial class GitHubWireContext : JsonSerializerContext;
