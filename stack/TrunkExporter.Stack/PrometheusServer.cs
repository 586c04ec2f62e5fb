using System.Globalization;
using System.Text.Json;

namespace TrunkExporter.Stack;

/// <summary>
/// A real Prometheus (the Debian package) on a free loopback port, with its own prometheus.yml and
/// storage in a temporary directory that disposing deletes. Ready once <c>/-/ready</c> answers 200.
/// </summary>
internal sealed class PrometheusServer : IAsyncDisposable
{
    public static readonly TimeSpan DefaultWaitTimeout = TimeSpan.FromSeconds(30);

    private readonly LoopbackServer _server;

    private PrometheusServer(LoopbackServer server)
    {
        _server = server;
    }

    public int Port => _server.Port;

    public Uri BaseAddress => _server.BaseAddress;

    public string ConfigFile => Path.Combine(_server.Directory!.FullName, "prometheus.yml");

    public string Output => _server.Process.Output;

    public static async Task<PrometheusServer> StartAsync(PrometheusSetup setup, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(setup);
        var binary = ExternalTool.Require("prometheus");
        var directory = Directory.CreateTempSubdirectory("trunk-prometheus-");
        var config = Path.Combine(directory.FullName, "prometheus.yml");
        try
        {
            await File.WriteAllTextAsync(config, PrometheusConfig.Render(setup), cancellationToken);
            var (process, port) = await LoopbackLauncher.StartAsync(
                "prometheus",
                binary,
                port =>
                [
                    $"--config.file={config}",
                    $"--storage.tsdb.path={Path.Combine(directory.FullName, "data")}",
                    $"--web.listen-address=127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",

                    // Alerts link back here (generatorURL); without it Prometheus names the host and its default port.
                    $"--web.external-url=http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
                ],
                directory.FullName,
                "-/ready",
                setup.ReadyTimeout,
                answer => $"Prometheus did not become ready ({answer}); config {config}:\n{File.ReadAllText(config)}",
                port: setup.Port,
                cancellationToken: cancellationToken);
            return new PrometheusServer(new LoopbackServer(process, port, directory));
        }
        catch
        {
            directory.Delete(recursive: true);
            throw;
        }
    }

    /// <summary>An instant query (<c>/api/v1/query</c>) at <paramref name="time"/>, default now.</summary>
    public async Task<PromQueryResult> QueryAsync(string promql, DateTimeOffset? time = null, CancellationToken cancellationToken = default)
    {
        List<KeyValuePair<string, string>> form = [new("query", promql)];
        if (time is { } at)
        {
            form.Add(new("time", UnixSeconds(at)));
        }

        return ParseResult(await PostAsync("api/v1/query", form, $"query {promql}", cancellationToken));
    }

    /// <summary>A range query (<c>/api/v1/query_range</c>), as a Grafana time-series panel runs it.</summary>
    public async Task<PromQueryResult> QueryRangeAsync(
        string promql, DateTimeOffset start, DateTimeOffset end, TimeSpan step, CancellationToken cancellationToken = default)
    {
        List<KeyValuePair<string, string>> form =
        [
            new("query", promql),
            new("start", UnixSeconds(start)),
            new("end", UnixSeconds(end)),
            new("step", step.TotalSeconds.ToString(CultureInfo.InvariantCulture)),
        ];
        return ParseResult(await PostAsync("api/v1/query_range", form, $"range query {promql}", cancellationToken));
    }

    /// <summary>Values of a label (<c>/api/v1/label/NAME/values</c>), optionally among the series <paramref name="match"/> selects.</summary>
    public async Task<IReadOnlyList<string>> LabelValuesAsync(string label, string? match = null, CancellationToken cancellationToken = default)
    {
        var path = $"api/v1/label/{Uri.EscapeDataString(label)}/values";
        if (match is not null)
        {
            path += $"?match[]={Uri.EscapeDataString(match)}";
        }

        var data = await GetDataAsync(path, cancellationToken);
        return [.. data.EnumerateArray().Select(value => value.GetString() ?? string.Empty)];
    }

    /// <summary>The <c>data</c> of any GET API endpoint, e.g. <c>api/v1/alerts</c>, <c>api/v1/rules</c>, <c>api/v1/targets</c>.</summary>
    public async Task<JsonElement> GetDataAsync(string pathAndQuery, CancellationToken cancellationToken = default)
    {
        using var response = await _server.Http.GetAsync(new Uri(pathAndQuery, UriKind.Relative), cancellationToken);
        return await ReadDataAsync(response, $"GET /{pathAndQuery}", cancellationToken);
    }

    /// <summary>Waits until <paramref name="promql"/> returns at least <paramref name="minimumSeries"/> series.</summary>
    public Task<PromQueryResult> WaitForSeriesAsync(
        string promql, int minimumSeries = 1, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        WaitUntilAsync(promql, result => result.Series.Count >= minimumSeries, $"at least {minimumSeries} series", timeout, cancellationToken);

    /// <summary>Waits until the instant query's answer satisfies <paramref name="condition"/>; the timeout message shows the last answer.</summary>
    public async Task<PromQueryResult> WaitUntilAsync(
        string promql,
        Func<PromQueryResult, bool> condition,
        string expectation,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        PromQueryResult? last = null;
        string? error = null;
        await BoundedWait.UntilAsync(
            async token =>
            {
                try
                {
                    last = await QueryAsync(promql, cancellationToken: token);
                    error = null;
                    return condition(last);
                }
                catch (PrometheusApiException ex)
                {
                    error = ex.Message;
                    return false;
                }
            },
            timeout ?? DefaultWaitTimeout,
            () => $"{promql} never returned {expectation}; last answer: {error ?? last?.Describe() ?? "none"}.",
            _server.Process,
            cancellationToken);
        return last!;
    }

    /// <summary>Waits until Prometheus has scraped <paramref name="job"/> successfully at least <paramref name="scrapes"/> times, so rates have points.</summary>
    public Task WaitForScrapesAsync(string job, int scrapes, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        WaitUntilAsync(
            $"sum_over_time(up{{job=\"{job}\"}}[5m])",
            result => result.Series.Count > 0 && result.Series.All(series => series.LastValue >= scrapes),
            $"{scrapes} successful scrapes of every target of job {job}",
            timeout,
            cancellationToken);

    public string Describe() => _server.Process.Describe();

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private static string UnixSeconds(DateTimeOffset time) =>
        (time.ToUnixTimeMilliseconds() / 1000.0).ToString("F3", CultureInfo.InvariantCulture);

    private static PromQueryResult ParseResult(JsonElement data)
    {
        var type = data.GetProperty("resultType").GetString() ?? string.Empty;
        var result = data.GetProperty("result");
        return type switch
        {
            "vector" => new(type, [.. result.EnumerateArray().Select(item => new PromSeries(Labels(item.GetProperty("metric")), [Sample(item.GetProperty("value"))]))]),
            "matrix" => new(type, [.. result.EnumerateArray().Select(item => new PromSeries(Labels(item.GetProperty("metric")), [.. item.GetProperty("values").EnumerateArray().Select(Sample)]))]),
            "scalar" => new(type, [new PromSeries(new Dictionary<string, string>(), [Sample(result)])]),
            _ => throw new PrometheusApiException($"Prometheus answered a {type} result, which the harness does not read."),
        };
    }

    private static Dictionary<string, string> Labels(JsonElement metric) =>
        metric.EnumerateObject().ToDictionary(label => label.Name, label => label.Value.GetString() ?? string.Empty, StringComparer.Ordinal);

    private static PromSample Sample(JsonElement pair)
    {
        var time = DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(pair[0].GetDouble() * 1000));
        var text = pair[1].GetString();
        var value = text switch
        {
            "+Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            "NaN" => double.NaN,
            _ => double.Parse(text!, NumberStyles.Float, CultureInfo.InvariantCulture),
        };
        return new PromSample(time, value);
    }

    private async Task<JsonElement> PostAsync(
        string path, IEnumerable<KeyValuePair<string, string>> form, string what, CancellationToken cancellationToken)
    {
        using var content = new FormUrlEncodedContent(form);
        using var response = await _server.Http.PostAsync(new Uri(path, UriKind.Relative), content, cancellationToken);
        return await ReadDataAsync(response, what, cancellationToken);
    }

    private async Task<JsonElement> ReadDataAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(body);
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw new PrometheusApiException($"Prometheus answered {what} with {(int)response.StatusCode} and no JSON: {body}\n{_server.Process.Describe()}");
        }

        if (root.TryGetProperty("status", out var status) && status.GetString() == "success" && root.TryGetProperty("data", out var data))
        {
            return data;
        }

        var errorType = root.TryGetProperty("errorType", out var type) ? type.GetString() : "unknown";
        var error = root.TryGetProperty("error", out var message) ? message.GetString() : body;
        throw new PrometheusApiException($"Prometheus rejected {what}: {errorType}: {error}");
    }
}
