namespace TrunkExporter.GitHub.Http;

/// <summary>
/// Reads GitHub's pagination header: <c>&lt;URL&gt;; rel="next", &lt;URL&gt;; rel="last"</c>. The URLs are
/// followed exactly as given (GitHub switches to /repositories/ID/... for later pages).
/// </summary>
internal static class LinkHeader
{
    public static Uri? Next(string? header) => Find(header, "next");

    public static Uri? Find(string? header, string relation)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }

        foreach (var link in SplitLinks(header))
        {
            var open = link.IndexOf('<', StringComparison.Ordinal);
            var close = link.IndexOf('>', StringComparison.Ordinal);
            if (open < 0 || close < open)
            {
                continue;
            }

            foreach (var parameter in link[(close + 1)..].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var equals = parameter.IndexOf('=', StringComparison.Ordinal);
                if (equals < 0 || !parameter[..equals].Trim().Equals("rel", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var relations = parameter[(equals + 1)..].Trim().Trim('"').Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (relations.Contains(relation, StringComparer.OrdinalIgnoreCase)
                    && Uri.TryCreate(link[(open + 1)..close].Trim(), UriKind.Absolute, out var uri))
                {
                    return uri;
                }
            }
        }

        return null;
    }

    /// <summary>Splits on the commas between links, not on commas inside a URL.</summary>
    private static IEnumerable<string> SplitLinks(string header)
    {
        var start = 0;
        var insideUrl = false;
        for (var i = 0; i < header.Length; i++)
        {
            switch (header[i])
            {
                case '<': insideUrl = true; break;
                case '>': insideUrl = false; break;
                case ',' when !insideUrl:
                    yield return header[start..i];
                    start = i + 1;
                    break;
            }
        }

        yield return header[start..];
    }
}
