namespace TrunkExporter.FakeGitHub;

internal sealed record FakeGitHubOptions
{
    /// <summary>"" for api.github.com's layout, "/api/v3" for GitHub Enterprise Server's.</summary>
    public string PathPrefix { get; init; } = string.Empty;

    /// <summary>The only token accepted; null accepts any non-empty token.</summary>
    public string? AcceptedToken { get; init; }

    /// <summary>Primary rate limit per window; every answer but a 304 spends one.</summary>
    public int RateLimit { get; init; } = 5000;

    public TimeSpan RateLimitWindow { get; init; } = TimeSpan.FromHours(1);

    /// <summary>A GitHub App installed on every repository of the fake; the list endpoints then want its installation tokens.</summary>
    public FakeGitHubApp? App { get; init; }

    /// <summary>How long every answer takes (on the fake's clock): GitHub's own latency, for cold-start measurements.</summary>
    public TimeSpan Latency { get; init; } = TimeSpan.Zero;
}
