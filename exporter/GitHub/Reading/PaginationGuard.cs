namespace TrunkExporter.GitHub.Reading;

/// <summary>
/// One walk along a list's Link rel="next" pages. Every URL must stay on the API's host (the token is
/// sent nowhere else) and must not come back: a Link loop would otherwise be followed up to the page
/// limit on every refresh, and a loop on the commit list would list its commits twice. A repeat stops
/// the walk with one line, before the request.
/// </summary>
internal sealed class PaginationGuard(Uri apiBase, string list)
{
    /// <summary>A safety stop for a pagination that never repeats and never ends; 1,000 pages of 100 is far beyond any real list.</summary>
    public const int MaxPages = 1000;

    private readonly HashSet<string> _visited = new(StringComparer.Ordinal);
    private readonly List<Uri> _urls = [];

    public int Pages => _visited.Count;

    /// <summary>The URLs visited so far, in order.</summary>
    public IReadOnlyList<Uri> Visited => _urls;

    /// <summary>Call before requesting <paramref name="url"/> (the first page included).</summary>
    public void Visit(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (Uri.Compare(url, apiBase, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) != 0)
        {
            throw new GitHubException(GitHubFailure.MalformedResponse,
                $"GitHub's pagination pointed to {url.GetLeftPart(UriPartial.Authority)}, outside {apiBase}; the token is not sent there");
        }

        if (_visited.Count >= MaxPages)
        {
            throw new GitHubException(GitHubFailure.MalformedResponse, $"GitHub's pagination of the {list} did not end after {MaxPages} pages at {url}");
        }

        if (!_visited.Add(url.AbsoluteUri))
        {
            throw new GitHubException(GitHubFailure.MalformedResponse,
                $"GitHub's pagination of the {list} loops: its Link header leads back to {url}, a page already read in this pagination; the refresh stops there and keeps the last good state");
        }

        _urls.Add(url);
    }
}
