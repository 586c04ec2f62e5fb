namespace TrunkExporter.FakeGitHub;

/// <summary>One request as the fake saw it, with the answer it gave and when it arrived (on the fake's clock).</summary>
internal sealed record RecordedRequest(
    RequestKind Kind,
    string PathAndQuery,
    string? IfNoneMatch,
    string? Accept,
    string? ApiVersion,
    string? UserAgent,
    string? AuthorizationScheme,
    int Status,
    string? Fault,
    string Method = "GET",
    DateTimeOffset ArrivedAt = default);
