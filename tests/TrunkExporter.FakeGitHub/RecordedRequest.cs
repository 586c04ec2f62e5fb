namespace TrunkExporter.FakeGitHub;

/// <summary>One request as the fake saw it, with the answer it gave.</summary>
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
    string Method = "GET");
