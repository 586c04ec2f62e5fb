using System.Globalization;

namespace TrunkExporter.Exposition;

/// <summary>Chooses the exposition format from a scraper's Accept header, honouring q-values.</summary>
internal static class ContentNegotiation
{
    public const string PrometheusTextContentType = "text/plain; version=0.0.4; charset=utf-8";
    public const string OpenMetricsContentType = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    public static string ContentType(ExpositionFormat format) =>
        format == ExpositionFormat.OpenMetrics ? OpenMetricsContentType : PrometheusTextContentType;

    /// <summary>
    /// OpenMetrics only when the scraper offers OpenMetrics 1.0.0 (or an unversioned OpenMetrics) at a
    /// quality no lower than any text/plain it offers; anything else, including no header, gets text 0.0.4.
    /// </summary>
    public static ExpositionFormat Negotiate(string? accept)
    {
        if (string.IsNullOrWhiteSpace(accept))
        {
            return ExpositionFormat.PrometheusText;
        }

        double openMetrics = -1, text = -1;
        foreach (var range in accept.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = range.Split(';', StringSplitOptions.TrimEntries);
            var mediaType = parts[0];
            string? version = null;
            var quality = 1.0;
            foreach (var parameter in parts.AsSpan(1))
            {
                var equals = parameter.IndexOf('=', StringComparison.Ordinal);
                if (equals < 0)
                {
                    continue;
                }

                var name = parameter[..equals].Trim();
                var value = parameter[(equals + 1)..].Trim().Trim('"');
                if (name.Equals("q", StringComparison.OrdinalIgnoreCase))
                {
                    _ = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out quality);
                }
                else if (name.Equals("version", StringComparison.OrdinalIgnoreCase))
                {
                    version = value;
                }
            }

            if (quality <= 0)
            {
                continue;
            }

            if (mediaType.Equals("application/openmetrics-text", StringComparison.OrdinalIgnoreCase)
                && (version is null || version == "1.0.0"))
            {
                openMetrics = Math.Max(openMetrics, quality);
            }
            else if (mediaType.Equals("text/plain", StringComparison.OrdinalIgnoreCase)
                || mediaType is "*/*" or "text/*")
            {
                text = Math.Max(text, quality);
            }
        }

        return openMetrics >= 0 && openMetrics >= text ? ExpositionFormat.OpenMetrics : ExpositionFormat.PrometheusText;
    }
}
