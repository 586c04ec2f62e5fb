using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.TestHost;
using TrunkExporter.Hosting;
using TrunkExporter.Metrics;
using TrunkExporter.Snapshots;
using TrunkExporter.Tests.Support;

namespace TrunkExporter.Tests.Hosting;

public sealed class ExporterEndpointTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _directory = new();
    private WebApplication? _app;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        var file = _directory.File("trunk.json");
        SnapshotWriter.WriteFile(TrunkBuilder.Timeline("F F F"), file);
        _app = ExporterApp.Build(
            [
                "--TrunkExporter:RefreshInterval=00:00:01",
                "--TrunkExporter:Repositories:0:Repo=pytorch/pytorch",
                "--TrunkExporter:Repositories:0:Team=dev-infra",
                $"--TrunkExporter:Repositories:0:ReplayFile={file}",
            ],
            builder => builder.WebHost.UseTestServer());
        await _app.StartAsync();
        _client = _app.GetTestClient();
        await WaitUntilReadyAsync();
    }

    [Fact]
    public async Task Metrics_are_text_0_0_4_by_default()
    {
        using var response = await _client.GetAsync(new Uri("/metrics", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Contains("trunk_job_failure_streak{repo=\"pytorch/pytorch\",branch=\"main\",workflow=\"pull\",job_name=\"linux-jammy-py3.10-gcc11 / test (default, linux.4xlarge)\"} 3\n", body, StringComparison.Ordinal);
        Assert.Contains("trunk_repo_info{repo=\"pytorch/pytorch\",branch=\"main\",team=\"dev-infra\"} 1\n", body, StringComparison.Ordinal);
        Assert.Contains("trunk_exporter_build_info{version=\"0.1.0\",", body, StringComparison.Ordinal);
        Assert.Contains("# TYPE trunk_exporter_refresh_failures_total counter\n", body, StringComparison.Ordinal);
        Assert.DoesNotContain("# EOF", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("FOOBAR")]
    public async Task Any_method_but_get_is_refused_and_leaves_no_request_series(string method)
    {
        using var refused = await _client.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/metrics"));
        using var metrics = await _client.GetAsync(new Uri("/metrics", UriKind.Relative));
        var body = await metrics.Content.ReadAsStringAsync();

        // The request metrics label any method a client sends; each new one would stay in every scrape.
        Assert.Equal(HttpStatusCode.MethodNotAllowed, refused.StatusCode);
        Assert.Equal("GET, HEAD", string.Join(", ", refused.Content.Headers.Allow));
        Assert.Contains("method=\"GET\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain($"method=\"{method}\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_are_openmetrics_when_the_scraper_asks_for_it()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Accept.ParseAdd("application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5");
        using var response = await _client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal("application/openmetrics-text; version=1.0.0; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.EndsWith("# EOF\n", body, StringComparison.Ordinal);
        Assert.Contains("# TYPE trunk_exporter_refresh_failures counter\n", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "text/plain; version=0.0.4; charset=utf-8")]
    [InlineData("", "text/plain; version=0.0.4; charset=utf-8")]
    [InlineData("*/*", "text/plain; version=0.0.4; charset=utf-8")]
    [InlineData("text/plain", "text/plain; version=0.0.4; charset=utf-8")]
    [InlineData("text/plain;version=0.0.4", "text/plain; version=0.0.4; charset=utf-8")]
    [InlineData("application/json", "text/plain; version=0.0.4; charset=utf-8")]
    [InlineData("application/openmetrics-text", "application/openmetrics-text; version=1.0.0; charset=utf-8")]
    [InlineData("application/openmetrics-text; version=\"1.0.0\"; charset=utf-8", "application/openmetrics-text; version=1.0.0; charset=utf-8")]
    [InlineData("application/openmetrics-text;version=1.0.0;q=0.2,text/plain;q=0.9", "text/plain; version=0.0.4; charset=utf-8")]
    // Prometheus 2.42's scrape Accept header.
    [InlineData("application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1", "application/openmetrics-text; version=1.0.0; charset=utf-8")]
    public async Task The_endpoint_serves_the_format_the_scraper_prefers(string? accept, string contentType)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        using var response = await _client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(contentType, response.Content.Headers.ContentType!.ToString());
        Assert.Equal(contentType.StartsWith("application/openmetrics-text", StringComparison.Ordinal), body.EndsWith("# EOF\n", StringComparison.Ordinal));
    }

    /// <summary>
    /// Text 0.0.4 only: promtool 2.42 reads its input as text 0.0.4, where an OpenMetrics counter's
    /// HELP (named without <c>_total</c>) does not name its samples. The live Prometheus tests scrape OpenMetrics.
    /// </summary>
    [Fact]
    public async Task The_whole_scrape_with_the_runtime_view_passes_promtool()
    {
        using (await _client.GetAsync(new Uri("/healthz", UriKind.Relative)))
        {
        }

        var result = await ExternalTool.RunAsync("promtool", ["check", "metrics"], await _client.GetStringAsync(new Uri("/metrics", UriKind.Relative)));

        Assert.True(result.ExitCode == 0 && result.StandardOutput.Length == 0 && result.StandardError.Length == 0, result.Describe());
    }

    [Fact]
    public async Task The_runtime_view_follows_the_exporters_families_with_process_runtime_and_request_metrics()
    {
        using (await _client.GetAsync(new Uri("/healthz", UriKind.Relative)))
        {
        }

        var body = await _client.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        var families = body.Split('\n').Where(line => line.StartsWith("# TYPE ", StringComparison.Ordinal)).Select(line => line.Split(' ')[2]).ToList();

        // The catalog's families first and in order (the trunk families, then trunk_exporter_*), the runtime view after them.
        Assert.Equal(MetricCatalog.All.Select(family => family.Name), families.Take(MetricCatalog.All.Count));
        Assert.All(families.Skip(MetricCatalog.All.Count), name => Assert.False(name.StartsWith("trunk_", StringComparison.Ordinal), name));
        Assert.Contains("process_cpu_seconds_total", families);
        Assert.Contains("process_start_time_seconds", families);
        Assert.Contains("dotnet_total_memory_bytes", families);
        Assert.Contains("dotnet_collection_count_total", families);
        Assert.Contains("http_request_duration_seconds", families);
        Assert.Contains("http_requests_received_total{code=\"200\",method=\"GET\",controller=\"\",action=\"\",endpoint=\"/healthz\"}", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_and_readiness_probes_answer()
    {
        using var health = await _client.GetAsync(new Uri("/healthz", UriKind.Relative));
        using var ready = await _client.GetAsync(new Uri("/readyz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("pytorch/pytorch branch main: ready\n", await ready.Content.ReadAsStringAsync());
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    public void Dispose() => _directory.Dispose();

    private async Task WaitUntilReadyAsync()
    {
        var last = string.Empty;
        await BoundedWait.UntilAsync(
            async cancellationToken =>
            {
                using var response = await _client.GetAsync(new Uri("/readyz", UriKind.Relative), cancellationToken);
                last = $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}";
                return response.StatusCode == HttpStatusCode.OK;
            },
            TimeSpan.FromSeconds(30),
            () => $"the exporter never became ready; last /readyz {last}");
    }
}
