using System.Globalization;
using System.Net;

namespace TrunkExporter.Hosting;

/// <summary>
/// <c>--urls</c> (or <c>ASPNETCORE_URLS</c>) checked before Kestrel sees it: Kestrel reads
/// <c>http://127.0.0.1:notaport</c> as host "127.0.0.1:notaport" on port 80, and any host that is not
/// an IP address as "every interface", so a typo would expose the exporter on [::]:80.
/// </summary>
internal static class ListenAddresses
{
    /// <summary>One line naming the bad address, or null when every address is one Kestrel binds as written.</summary>
    public static string? Problem(string? urls)
    {
        if (urls is null)
        {
            return null;
        }

        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Check(url) is { } problem)
            {
                return $"urls: '{url}' {problem} (e.g. http://127.0.0.1:9473, http://0.0.0.0:9473 or http://[::1]:9473).";
            }
        }

        return null;
    }

    private static string? Check(string url)
    {
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        if (scheme < 0 || url[..scheme] is not ("http" or "https"))
        {
            return "is not an http:// or https:// address";
        }

        var authority = url[(scheme + 3)..];
        var slash = authority.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            if (authority[(slash + 1)..].Length > 0)
            {
                return "has a path; the exporter serves at the root";
            }

            authority = authority[..slash];
        }

        string host;
        var closing = authority.LastIndexOf(']');
        var colon = authority.LastIndexOf(':');
        if (colon > closing)
        {
            host = authority[..colon];
            var port = authority[(colon + 1)..];
            if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number > 65535)
            {
                return $"has the port '{port}', which is not a number from 0 to 65535";
            }
        }
        else
        {
            host = authority;
        }

        return host is "localhost" or "*" or "+" || IPAddress.TryParse(host.Trim('[', ']'), out _)
            ? null
            : $"has the host '{host}': give an IP address, localhost, or * for every interface (any other name makes Kestrel listen on every interface)";
    }
}
