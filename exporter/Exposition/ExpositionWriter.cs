using System.Globalization;
using System.Text;

namespace TrunkExporter.Exposition;

/// <summary>
/// Writes Prometheus text 0.0.4 or OpenMetrics 1.0.0. Families are written lazily: HELP and TYPE
/// come with the first sample, so a family without samples is left out, and every family must be
/// written contiguously (a second start of the same family is a programming error).
/// </summary>
internal sealed class ExpositionWriter(ExpositionFormat format)
{
    private readonly StringBuilder _text = new(capacity: 64 * 1024);
    private readonly HashSet<string> _written = new(StringComparer.Ordinal);
    private MetricFamily? _current;

    public ExpositionFormat Format => format;

    public void Sample(MetricFamily family, ReadOnlySpan<string> labelValues, double value)
    {
        ArgumentNullException.ThrowIfNull(family);
        if (labelValues.Length != family.LabelNames.Count)
        {
            throw new ArgumentException($"{family.Name} takes {family.LabelNames.Count} label values, not {labelValues.Length}.", nameof(labelValues));
        }

        if (!ReferenceEquals(family, _current))
        {
            StartFamily(family);
        }

        _text.Append(family.Name);
        if (labelValues.Length > 0)
        {
            _text.Append('{');
            for (var i = 0; i < labelValues.Length; i++)
            {
                if (i > 0)
                {
                    _text.Append(',');
                }

                _text.Append(family.LabelNames[i]).Append("=\"");
                AppendEscaped(labelValues[i], escapeQuote: true);
                _text.Append('"');
            }

            _text.Append('}');
        }

        _text.Append(' ').Append(FormatValue(value)).Append('\n');
    }

    /// <summary>The finished exposition; OpenMetrics requires the closing <c># EOF</c>.</summary>
    public string Complete()
    {
        if (format == ExpositionFormat.OpenMetrics)
        {
            _text.Append("# EOF\n");
        }

        return _text.ToString();
    }

    public static string FormatValue(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        double.NaN => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    private void StartFamily(MetricFamily family)
    {
        if (!_written.Add(family.Name))
        {
            throw new InvalidOperationException($"Metric family {family.Name} was already written; families must be contiguous.");
        }

        _current = family;
        var name = format == ExpositionFormat.OpenMetrics ? family.OpenMetricsName : family.Name;
        _text.Append("# HELP ").Append(name).Append(' ');

        // Text 0.0.4 escapes only backslash and newline in HELP; OpenMetrics escapes quotes as well.
        AppendEscaped(family.Help, escapeQuote: format == ExpositionFormat.OpenMetrics);
        _text.Append('\n');
        _text.Append("# TYPE ").Append(name).Append(' ')
            .Append(family.Type == MetricType.Counter ? "counter" : "gauge").Append('\n');
    }

    private void AppendEscaped(string value, bool escapeQuote)
    {
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\': _text.Append(@"\\"); break;
                case '\n': _text.Append(@"\n"); break;
                case '"' when escapeQuote: _text.Append("\\\""); break;
                default: _text.Append(c); break;
            }
        }
    }
}
