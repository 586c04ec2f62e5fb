using TrunkExporter.Exposition;

namespace TrunkExporter.Tests.Exposition;

public sealed class ContentNegotiationTests
{
    [Theory]
    [InlineData(null, "PrometheusText")]
    [InlineData("", "PrometheusText")]
    [InlineData("*/*", "PrometheusText")]
    [InlineData("text/plain", "PrometheusText")]
    [InlineData("text/plain;version=0.0.4", "PrometheusText")]
    // Prometheus 2.42's scrape Accept header.
    [InlineData("application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1", "OpenMetrics")]
    [InlineData("application/openmetrics-text", "OpenMetrics")]
    [InlineData("application/openmetrics-text; version=\"1.0.0\"; charset=utf-8", "OpenMetrics")]
    [InlineData("application/openmetrics-text;version=0.0.1", "PrometheusText")]
    [InlineData("application/openmetrics-text;version=1.0.0;q=0.2,text/plain;q=0.9", "PrometheusText")]
    [InlineData("application/openmetrics-text;version=1.0.0;q=0", "PrometheusText")]
    [InlineData("application/json", "PrometheusText")]
    public void Chooses_the_format_the_scraper_prefers(string? accept, string expected)
    {
        Assert.Equal(Enum.Parse<ExpositionFormat>(expected), ContentNegotiation.Negotiate(accept));
    }

    [Fact]
    public void Content_types_name_the_version_and_charset()
    {
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", ContentNegotiation.ContentType(ExpositionFormat.PrometheusText));
        Assert.Equal("application/openmetrics-text; version=1.0.0; charset=utf-8", ContentNegotiation.ContentType(ExpositionFormat.OpenMetrics));
    }
}
