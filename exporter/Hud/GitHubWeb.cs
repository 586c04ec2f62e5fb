namespace TrunkExporter.Hud;

/// <summary>
/// GitHub's web pages for the configured REST API, so that links work on GitHub Enterprise Server too:
/// https://api.github.com serves https://github.com, and https://HOST/api/v3 serves https://HOST.
/// </summary>
internal sealed record GitHubWeb(string Base)
{
    public const string ApiBaseUrlKey = "TrunkExporter:GitHub:ApiBaseUrl";

    public static GitHubWeb Public { get; } = new("https://github.com");

    /// <summary>The web base for an API base; anything that is not an absolute http(s) URL falls back to github.com.</summary>
    public static GitHubWeb FromApiBase(string? apiBaseUrl)
    {
        if (!Uri.TryCreate(apiBaseUrl?.Trim(), UriKind.Absolute, out var api) || (api.Scheme != Uri.UriSchemeHttps && api.Scheme != Uri.UriSchemeHttp))
        {
            return Public;
        }

        var path = api.AbsolutePath.TrimEnd('/');
        if (path.EndsWith("/api/v3", StringComparison.OrdinalIgnoreCase))
        {
            path = path[..^"/api/v3".Length];
        }

        var host = api.IsDefaultPort ? api.Host : $"{api.Host}:{api.Port}";
        if (path.Length == 0 && host.StartsWith("api.", StringComparison.OrdinalIgnoreCase))
        {
            host = host["api.".Length..];
        }

        return new GitHubWeb($"{api.Scheme}://{host}{path}");
    }

    public string Repository(string repo) => $"{Base}/{Segments(repo)}";

    public string Branch(string repo, string branch) => $"{Base}/{Segments(repo)}/tree/{Segments(branch)}";

    public string Commit(string repo, string sha) => $"{Base}/{Segments(repo)}/commit/{Uri.EscapeDataString(sha)}";

    public string PullRequest(string repo, long number) => $"{Base}/{Segments(repo)}/pull/{number}";

    /// <summary>Escapes each path segment and keeps the slashes (owner/name, release/2.5).</summary>
    public static string Segments(string path) => string.Join('/', path.Split('/').Select(Uri.EscapeDataString));
}
