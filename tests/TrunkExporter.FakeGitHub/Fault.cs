namespace TrunkExporter.FakeGitHub;

/// <summary>
/// A fault for the next <see cref="Times"/> requests that match <see cref="Only"/>, <see cref="Repo"/>
/// and <see cref="Page"/> (the page query parameter, 1 when absent).
/// </summary>
internal sealed record Fault(
    FaultKind Kind,
    int Times = 1,
    RequestKind? Only = null,
    string? Repo = null,
    int Status = 502,
    TimeSpan? RetryAfter = null,
    TimeSpan Delay = default,
    TimeSpan ResetIn = default)
{
    public int? Page { get; init; }

    /// <summary>For <see cref="FaultKind.EndlessBody"/>: where the fake gives up (the client should have long before).</summary>
    public long Bytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>For <see cref="FaultKind.ChangeFirst"/>.</summary>
    public Action<FakeRepository, DateTimeOffset>? Change { get; init; }

    /// <summary>A Retry-After sent verbatim instead of <see cref="RetryAfter"/>'s seconds.</summary>
    public string? RetryAfterText { get; init; }

    /// <summary>An x-ratelimit-reset sent verbatim instead of the window's reset.</summary>
    public string? ResetText { get; init; }

    /// <summary>Only requests of this method (POST, PATCH, GET); null: any.</summary>
    public string? Method { get; init; }

    public bool Matches(RequestKind kind, string? repo, int page, string method = "GET") =>
        (Only is null || Only == kind)
        && (Method is null || string.Equals(Method, method, StringComparison.OrdinalIgnoreCase))
        && (Repo is null || string.Equals(Repo, repo, StringComparison.OrdinalIgnoreCase))
        && (Page is null || Page == page);
}
