using TrunkExporter.Metrics;

namespace TrunkExporter.GitHub.Http;

/// <summary>The named HttpClient every GitHub request goes through, and the headers GitHub asks for.</summary>
internal static class GitHubHttp
{
    public const string ClientName = "GitHub";
    public const string ApiVersion = "2022-11-28";
    public const string MediaType = "application/vnd.github+json";

    /// <summary>Octokit sends "trunk-exporter/VERSION (platform; Octokit ...)" from this product header.</summary>
    public static Octokit.ProductHeaderValue Product { get; } = new("trunk-exporter", BuildInfo.Version);

    /// <summary>The API root with a trailing slash, so relative paths keep /api/v3 on GitHub Enterprise Server.</summary>
    public static Uri ApiBase(GitHubOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new Uri(options.ApiBaseUrl.TrimEnd('/') + "/", UriKind.Absolute);
    }

    /// <summary>A header of an answer, case-insensitively, its values joined as HTTP does.</summary>
    public static string? Header(HttpResponseMessage response, string name)
    {
        ArgumentNullException.ThrowIfNull(response);
        return response.Headers.NonValidated.TryGetValues(name, out var values) ? string.Join(", ", values)
            : response.Content.Headers.NonValidated.TryGetValues(name, out var content) ? string.Join(", ", content)
            : null;
    }
}
