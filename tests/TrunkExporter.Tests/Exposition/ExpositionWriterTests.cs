using TrunkExporter.Exposition;

namespace TrunkExporter.Tests.Exposition;

public sealed class ExpositionWriterTests
{
    private static readonly MetricFamily Gauge = new("test_gauge", MetricType.Gauge, "A gauge.", ["name"]);
    private static readonly MetricFamily Counter = new("test_events_total", MetricType.Counter, "Events \"seen\" \\ so far.\nSecond line.", []);

    [Theory]
    [InlineData("linux-jammy / test (default, 1, 5, linux.4xlarge)", "linux-jammy / test (default, 1, 5, linux.4xlarge)")]
    [InlineData("say \"hi\"", "say \\\"hi\\\"")]
    [InlineData(@"C:\path\n", @"C:\\path\\n")]
    [InlineData("two\nlines", "two\\nlines")]
    [InlineData("tab\tand ünïcode ✓", "tab\tand ünïcode ✓")]
    [InlineData("", "")]
    public void Label_values_escape_backslash_quote_and_newline(string value, string escaped)
    {
        foreach (var format in Enum.GetValues<ExpositionFormat>())
        {
            var writer = new ExpositionWriter(format);
            writer.Sample(Gauge, [value], 1);

            Assert.Contains($"test_gauge{{name=\"{escaped}\"}} 1\n", writer.Complete(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(0.0, "0")]
    [InlineData(-0.5, "-0.5")]
    [InlineData(1795014072.0, "1795014072")]
    [InlineData(1795014072.123, "1795014072.123")]
    [InlineData(1e-7, "1E-07")]
    [InlineData(12345678901234567890.0, "1.2345678901234567E+19")]
    public void Values_use_invariant_culture_and_prometheus_special_values(double value, string text)
    {
        var previous = Thread.CurrentThread.CurrentCulture;
        Thread.CurrentThread.CurrentCulture = System.Globalization.CultureInfo.InvariantCulture;
        try
        {
            Assert.Equal(text, ExpositionWriter.FormatValue(value));
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Text_format_names_counters_with_total_and_escapes_help_backslash_and_newline_only()
    {
        var writer = new ExpositionWriter(ExpositionFormat.PrometheusText);
        writer.Sample(Counter, [], 3);

        Assert.Equal(
            "# HELP test_events_total Events \"seen\" \\\\ so far.\\nSecond line.\n# TYPE test_events_total counter\ntest_events_total 3\n",
            writer.Complete());
    }

    [Fact]
    public void OpenMetrics_strips_total_from_the_family_escapes_quotes_in_help_and_ends_with_eof()
    {
        var writer = new ExpositionWriter(ExpositionFormat.OpenMetrics);
        writer.Sample(Counter, [], 3);

        Assert.Equal(
            "# HELP test_events Events \\\"seen\\\" \\\\ so far.\\nSecond line.\n# TYPE test_events counter\ntest_events_total 3\n# EOF\n",
            writer.Complete());
    }

    [Fact]
    public void Help_and_type_come_once_per_family_and_families_without_samples_are_left_out()
    {
        var writer = new ExpositionWriter(ExpositionFormat.PrometheusText);
        writer.Sample(Gauge, ["a"], 1);
        writer.Sample(Gauge, ["b"], 2);

        var text = writer.Complete();

        Assert.Equal(1, CountOf(text, "# HELP test_gauge "));
        Assert.Equal(1, CountOf(text, "# TYPE test_gauge gauge"));
        Assert.DoesNotContain("test_events", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_family_written_in_two_places_is_refused()
    {
        var writer = new ExpositionWriter(ExpositionFormat.PrometheusText);
        writer.Sample(Gauge, ["a"], 1);
        writer.Sample(Counter, [], 1);

        Assert.Throws<InvalidOperationException>(() => writer.Sample(Gauge, ["b"], 1));
    }

    [Fact]
    public void The_wrong_number_of_label_values_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new ExpositionWriter(ExpositionFormat.PrometheusText).Sample(Gauge, ["a", "b"], 1));
    }

    [Fact]
    public void An_empty_exposition_is_empty_text_or_just_eof()
    {
        Assert.Equal(string.Empty, new ExpositionWriter(ExpositionFormat.PrometheusText).Complete());
        Assert.Equal("# EOF\n", new ExpositionWriter(ExpositionFormat.OpenMetrics).Complete());
    }

    private static int CountOf(string text, string part) => text.Split(part).Length - 1;
}
