using System.Text.Json.Serialization;
using TrunkExporter.GitHub.Wire;

namespace TrunkExporter.GitHub.Reading;

/// <summary>
/// What a branch's cache was read for. A cache saved for anything else is not used: another
/// repository or branch is another trunk, and another API, window, workflow scope or page size
/// would leave completed runs without the jobs the new setting reads.
/// </summary>
internal sealed record BranchCacheIdentity(string Repo, string Branch, string ApiBaseUrl, int Window, string Workflows, int PerPage)
{
    public bool SameTrunk(BranchCacheIdentity other) =>
        other is not null
        && string.Equals(Repo, other.Repo, StringComparison.OrdinalIgnoreCase)
        && string.Equals(Branch, other.Branch, StringComparison.Ordinal);
}

/// <summary>One branch's cache on disk: the completion cache, the ETag answers of its pages, and when the window was read.</summary>
/// <param name="CapturedAt">When the saved window was read: the published state's last-success time after a restart.</param>
internal sealed record PersistedBranch(
    BranchCacheIdentity Identity,
    DateTimeOffset CapturedAt,
    PersistedCommitList CommitList,
    IReadOnlyList<PersistedCommit> Commits,
    IReadOnlyList<PersistedAnswer> Answers);

internal sealed record PersistedCommitList(Uri FirstPage, string ETag, IReadOnlyList<BranchCommit> Commits);

internal sealed record PersistedCommit(
    string Sha,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastChecked,
    bool Settled,
    IReadOnlyList<long> RunOrder,
    IReadOnlyList<PersistedPage<WorkflowRun>> RunPages,
    IReadOnlyList<PersistedRun> Runs);

internal sealed record PersistedRun(WorkflowRun Run, IReadOnlyList<WorkflowJob> Jobs, IReadOnlyList<PersistedPage<WorkflowJob>> JobPages);

internal sealed record PersistedPage<T>(Uri Url, string? ETag, IReadOnlyList<T> Items, Uri? Next, long? TotalCount, bool Sealed);

/// <summary>A confirmed ETag answer; <see cref="CompressedBody"/> as the ETag cache keeps it (Brotli).</summary>
internal sealed record PersistedAnswer(Uri Url, string ETag, string? Link, string? MediaType, byte[] CompressedBody);

/// <summary>Source-generated, so that a malformed file fails on a missing or null field instead of loading half a cache.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(PersistedBranch))]
[JsonSerializable(typeof(PersistedCommit))]
internal sealed partial class CacheJsonContext : JsonSerializerContext;
