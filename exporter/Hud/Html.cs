using System.Buffers;
using System.Globalization;
using System.Text;

namespace TrunkExporter.Hud;

/// <summary>
/// Writes HTML text and attribute values. Job names, commit titles, authors, shas and log URLs come
/// from GitHub or a snapshot file and are untrusted: every one goes through <see cref="Text"/>.
/// </summary>
internal static class Html
{
    private static readonly SearchValues<char> Special = SearchValues.Create("&<>\"'");

    /// <summary>Appends <paramref name="text"/> escaped for an element's content or a quoted attribute value.</summary>
    public static StringBuilder Text(this StringBuilder html, string? text)
    {
        var rest = text.AsSpan();
        while (rest.IndexOfAny(Special) is var next and >= 0)
        {
            html.Append(rest[..next]).Append(rest[next] switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                _ => "&#39;",
            });
            rest = rest[(next + 1)..];
        }

        return html.Append(rest);
    }

    public static StringBuilder Number(this StringBuilder html, long value) => html.Append(value.ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// A link target from the data, or null when it is not plain http(s): a <c>javascript:</c> or
    /// <c>data:</c> URL in a snapshot must never become something a click runs.
    /// </summary>
    public static string? SafeUrl(string? url) =>
        url is not null && (url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            ? url
            : null;

    /// <summary>Appends <c>&lt;a href="url"&gt;</c> and the escaped text and <c>&lt;/a&gt;</c>, or only the text when the URL is not safe.</summary>
    public static StringBuilder Link(this StringBuilder html, string? url, string text, string? cssClass = null)
    {
        if (SafeUrl(url) is not { } safe)
        {
            return html.Text(text);
        }

        html.Append("<a href=\"").Text(safe).Append('"');
        if (cssClass is not null)
        {
            html.Append(" class=\"").Append(cssClass).Append('"');
        }

        return html.Append('>').Text(text).Append("</a>");
    }

    /// <summary>A time as the page shows it (UTC, to the minute) inside a machine-readable <c>time</c> element.</summary>
    public static StringBuilder Time(this StringBuilder html, DateTimeOffset time, string format = "yyyy-MM-dd HH:mm") =>
        html.Append("<time datetime=\"")
            .Append(time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))
            .Append("\">")
            .Append(time.UtcDateTime.ToString(format, CultureInfo.InvariantCulture))
            .Append("</time>");
}
