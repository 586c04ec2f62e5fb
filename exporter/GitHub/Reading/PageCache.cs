namespace TrunkExporter.GitHub.Reading;

/// <summary>
/// Parsed pages by URL with the ETag they came with: a 304 reuses the parsed page instead of a
/// stored body. A page is stored only once it parsed, so a malformed answer is never reused.
/// Used by one refresh of one repository at a time.
/// </summary>
internal sealed class PageCache<T>
{
    private readonly Dictionary<string, CachedPage<T>> _pages = new(StringComparer.Ordinal);

    public int Count => _pages.Count;

    public IEnumerable<Uri> Urls => _pages.Keys.Select(url => new Uri(url));

    public CachedPage<T>? Get(Uri url) => _pages.GetValueOrDefault(url.AbsoluteUri);

    public void Put(Uri url, CachedPage<T> page) => _pages[url.AbsoluteUri] = page;
}

/// <param name="TotalCount">The list's total_count when the page was read (runs and jobs lists carry it on every page).</param>
/// <param name="Sealed">A full page, not the last, whose items can no longer change (every job on it completed).</param>
internal sealed record CachedPage<T>(string? ETag, IReadOnlyList<T> Items, Uri? Next, long? TotalCount = null, bool Sealed = false);
