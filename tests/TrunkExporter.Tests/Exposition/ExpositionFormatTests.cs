using Prometheus;
using TrunkExporter.Metrics;

namespace TrunkExporter.Tests.Exposition;

/// <summary>
/// The details of prometheus-net's text writer that the contract relies on, pinned so that a package
/// update which changes them fails here rather than in a scraper.
/// </summary>
public sealed class ExpositionFormatTests
{
    private static readonly MetricFamily Gauge = new("test_gauge", MetricType.Gauge, "A gauge.", ["name"]);
    private static readonly MetricFamily Counter = new("test_events_total", MetricType.Counter, "Events seen so far.", []);

    public static TheoryData<string> Formats() => ["PrometheusText", "OpenMetricsText"];

    [Theory]
    [InlineData("linux-jammy / test (default, 1, 5, linux.4xlarge)", "linux-jammy / test (default, 1, 5, linux.4xlarge)")]
    [InlineData("say \"hi\"", "say \\\"hi\\\"")]
    [InlineData(@"C:\path\n", @"C:\\path\\n")]
    [InlineData("two\nlines", "two\\nlines")]
    [InlineData("tab\tand ünïcode ✓", "tab\tand ünïcode ✓")]
    [InlineData("", "")]
    public async Task Label_values_escape_backslash_quote_and_newline(string value, string escaped)
    {
        var registry = Prometheus.Metrics.NewCustomRegistry();
        Gauge.GaugeOn(registry).WithLabels(value).Set(1);

        Assert.Contains($"test_gauge{{name=\"{escaped}\"}} 1\n", await Render.ToStringAsync(registry, ExpositionFormat.PrometheusText), StringComparison.Ordinal);
        Assert.Contains($"test_gauge{{name=\"{escaped}\"}} 1.0\n", await Render.ToStringAsync(registry, ExpositionFormat.OpenMetricsText), StringComparison.Ordinal);
    }

    [Theory]
    // Text 0.0.4 spells infinities as .NET does; Prometheus' parser (Go's ParseFloat) reads both spellings.
    [InlineData(double.PositiveInfinity, "Infinity", "+Inf")]
    [InlineData(double.NegativeInfinity, "-Infinity", "-Inf")]
    [InlineData(double.NaN, "NaN", "NaN")]
    [InlineData(0.0, "0", "0.0")]
    [InlineData(1.0, "1", "1.0")]
    [InlineData(3.0, "3", "3.0")]
    [InlineData(-0.5, "-0.5", "-0.5")]
    [InlineData(1795014072.0, "1795014072", "1795014072.0")]
    [InlineData(1795014072.123, "1795014072.123", "1795014072.123")]
    [InlineData(1e-7, "1e-07", "1e-07")]
    [InlineData(12345678901234567890.0, "1.2345678901234567e+19", "1.2345678901234567e+19")]
    public async Task Values_are_invariant_and_openmetrics_writes_whole_numbers_as_floats(double value, string text, string openMetrics)
    {
        var registry = Prometheus.Metrics.NewCustomRegistry();
        Gauge.GaugeOn(registry).WithLabels("v").Set(value);

        Assert.Contains($"test_gauge{{name=\"v\"}} {text}\n", await Render.ToStringAsync(registry, ExpositionFormat.PrometheusText), StringComparison.Ordinal);
        Assert.Contains($"test_gauge{{name=\"v\"}} {openMetrics}\n", await Render.ToStringAsync(registry, ExpositionFormat.OpenMetricsText), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_format_names_counters_with_total_and_openmetrics_strips_it_from_the_family_and_ends_with_eof()
    {
        var registry = Prometheus.Metrics.NewCustomRegistry();
        Counter.CounterOn(registry).Inc(3);

        Assert.Equal(
            "# HELP test_events_total Events seen so far.\n# TYPE test_events_total counter\ntest_events_total 3\n",
            await Render.ToStringAsync(registry, ExpositionFormat.PrometheusText));
        Assert.Equal(
            "# HELP test_events Events seen so far.\n# TYPE test_events counter\ntest_events_total 3.0\n# EOF\n",
            await Render.ToStringAsync(registry, ExpositionFormat.OpenMetricsText));
    }

    /// <summary>prometheus-net writes HELP as given, unescaped: hence the rule on the catalog's sentences below.</summary>
    [Fact]
    public async Task Help_is_written_unescaped()
    {
        var registry = Prometheus.Metrics.NewCustomRegistry();
        new MetricFamily("test_raw", MetricType.Gauge, "Back \\ slash and \"quotes\".", []).GaugeOn(registry).Set(1);

        Assert.StartsWith("# HELP test_raw Back \\ slash and \"quotes\".\n", await Render.ToStringAsync(registry, ExpositionFormat.PrometheusText), StringComparison.Ordinal);
    }

    /// <summary>
    /// Both formats escape a backslash and a newline in HELP, and OpenMetrics a double quote too; as
    /// prometheus-net writes HELP unescaped, no sentence may contain one.
    /// </summary>
    [Fact]
    public void No_help_sentence_contains_a_backslash_a_newline_or_a_double_quote()
    {
        var offending = MetricCatalog.All.Where(family => family.Help.AsSpan().IndexOfAny("\\\n\r\"") >= 0).Select(family => family.Name);

        Assert.Empty(offending);
        Assert.All(MetricCatalog.All, family => Assert.False(string.IsNullOrWhiteSpace(family.Help), family.Name));
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task An_empty_labelled_family_still_gets_its_help_and_type_lines(string format)
    {
        var registry = Prometheus.Metrics.NewCustomRegistry();
        Gauge.GaugeOn(registry);

        var text = await Render.ToStringAsync(registry, Enum.Parse<ExpositionFormat>(format));

        Assert.StartsWith("# HELP test_gauge A gauge.\n# TYPE test_gauge gauge\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("test_gauge{", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_removed_series_leaves_the_next_render()
    {
        var registry = Prometheus.Metrics.NewCustomRegistry();
        var gauge = Gauge.GaugeOn(registry);
        gauge.WithLabels("a").Set(1);
        gauge.WithLabels("b").Set(2);

        gauge.RemoveLabelled("a");

        var text = await Render.ToStringAsync(registry, ExpositionFormat.PrometheusText);
        Assert.DoesNotContain("name=\"a\"", text, StringComparison.Ordinal);
        Assert.Contains("test_gauge{name=\"b\"} 2\n", text, StringComparison.Ordinal);
    }
}
