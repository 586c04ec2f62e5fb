using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TrunkExporter.Cli;
using TrunkExporter.Configuration;
using TrunkExporter.Hosting;
using TrunkExporter.Snapshots;
using TrunkExporter.Tests.Support;

namespace TrunkExporter.Tests.Hosting;

/// <summary>Issue 11, items 6, 7 and 8: limits that keep the process restartable, the alert right and the server bounded.</summary>
public sealed class StartupLimitTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly string _replay;

    public StartupLimitTests()
    {
        _replay = _directory.File("trunk.json");
        SnapshotWriter.WriteFile(TrunkBuilder.Timeline("F F F"), _replay);
    }

    [Theory]
    [InlineData("1.00:00:01")]
    [InlineData("49.17:02:48")]
    [InlineData("60.00:00:00")]
    public async Task A_refresh_interval_longer_than_a_day_is_refused_before_a_timer_can_throw(string interval)
    {
        using var error = new StringWriter();

        var exit = await ServeCommand.RunAsync(
            ["--urls", "http://127.0.0.1:0", "--TrunkExporter:Repositories:0:Repo=pytorch/pytorch", $"--TrunkExporter:RefreshInterval={interval}"],
            error,
            CancellationToken.None);

        Assert.Equal(
            (ExitCodes.BadConfiguration, $"trunk-exporter: configuration error: TrunkExporter:RefreshInterval must be at most 1.00:00:00 (got {TimeSpan.Parse(interval, System.Globalization.CultureInfo.InvariantCulture)}).\n"),
            (exit, error.ToString()));
    }

    [Fact]
    public async Task An_unexpected_worker_crash_exits_non_zero_with_one_line()
    {
        using var error = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var exit = await ServeCommand.RunAsync(
            ["--urls", "http://127.0.0.1:0", "--TrunkExporter:Repositories:0:Repo=pytorch/pytorch", $"--TrunkExporter:Repositories:0:ReplayFile={_replay}"],
            error,
            builder => builder.Services.AddHostedService<CrashingWorker>(),
            timeout.Token);

        Assert.False(timeout.IsCancellationRequested, "serve did not stop after its worker crashed");
        Assert.Equal((ExitCodes.Failed, "trunk-exporter: stopped: CrashingWorker failed: the worker broke\n"), (exit, error.ToString()));
    }

    [Theory]
    [InlineData(null, null, null)]
    [InlineData(null, "success,skipped", null)]
    [InlineData("failure,timed_out", null, null)]
    [InlineData("timed_out", "failure", null)]
    [InlineData("success", null, "'success' as both a failure and a success conclusion (SuccessConclusions is the default: success).")]
    [InlineData(null, "failure", "'failure' as both a failure and a success conclusion (FailureConclusions is the default: failure).")]
    [InlineData(null, "success,failure", "'failure' as both a failure and a success conclusion (FailureConclusions is the default: failure).")]
    [InlineData("failure,success", "success", "'success' as both a failure and a success conclusion.")]
    public void A_conclusion_counted_as_both_failure_and_success_is_refused_against_the_lists_in_effect(string? failures, string? successes, string? problem)
    {
        var repository = new RepositoryOptions { Repo = "pytorch/pytorch" };
        repository.Scope.FailureConclusions = failures?.Split(',');
        repository.Scope.SuccessConclusions = successes?.Split(',');

        var result = new ExporterOptionsValidator().Validate(null, new ExporterOptions { Repositories = [repository] });

        Assert.Equal(problem is null ? null : [$"TrunkExporter:Repositories:0:Scope lists {problem}"], result.Failures);
    }

    [Theory]
    [InlineData("http://127.0.0.1:notaport", "has the port 'notaport', which is not a number from 0 to 65535")]
    [InlineData("http://127.0.0.1:65536", "has the port '65536', which is not a number from 0 to 65535")]
    [InlineData("http://127.0.0.1:-1", "has the port '-1', which is not a number from 0 to 65535")]
    [InlineData("http://exporter.internal:9473", "has the host 'exporter.internal': give an IP address, localhost, or * for every interface (any other name makes Kestrel listen on every interface)")]
    [InlineData("127.0.0.1:9473", "is not an http:// or https:// address")]
    [InlineData("http://127.0.0.1:9473/metrics", "has a path; the exporter serves at the root")]
    public async Task A_listen_address_kestrel_would_misread_is_refused_with_one_line(string urls, string problem)
    {
        using var error = new StringWriter();

        var exit = await ServeCommand.RunAsync(["--urls", urls, "--TrunkExporter:Repositories:0:Repo=pytorch/pytorch"], error, CancellationToken.None);

        Assert.Equal(
            (ExitCodes.BadConfiguration, $"trunk-exporter: configuration error: urls: '{urls}' {problem} (e.g. http://127.0.0.1:9473, http://0.0.0.0:9473 or http://[::1]:9473).\n"),
            (exit, error.ToString()));
    }

    [Theory]
    [InlineData("http://127.0.0.1:9473")]
    [InlineData("http://0.0.0.0:9473")]
    [InlineData("http://[::1]:9473/")]
    [InlineData("http://localhost:9473")]
    [InlineData("http://*:9473;https://+:9474")]
    [InlineData("http://127.0.0.1")]
    public void Listen_addresses_kestrel_binds_as_written_are_accepted(string urls) => Assert.Null(ListenAddresses.Problem(urls));

    [Fact]
    public async Task The_server_limits_default_to_the_documented_values_and_follow_the_configuration()
    {
        await using var defaults = ExporterApp.Build(["--TrunkExporter:Repositories:0:Repo=pytorch/pytorch", $"--TrunkExporter:Repositories:0:ReplayFile={_replay}"]);
        await using var configured = ExporterApp.Build(
            [
                "--TrunkExporter:Repositories:0:Repo=pytorch/pytorch", $"--TrunkExporter:Repositories:0:ReplayFile={_replay}",
                "--TrunkExporter:Server:MaxConcurrentConnections=7", "--TrunkExporter:Server:KeepAliveTimeout=00:00:42",
                "--TrunkExporter:Server:RequestHeadersTimeout=00:00:03",
            ]);

        var byDefault = defaults.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits;
        var set = configured.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits;

        Assert.Equal((100L, TimeSpan.FromSeconds(130), TimeSpan.FromSeconds(10), 0L), (byDefault.MaxConcurrentConnections, byDefault.KeepAliveTimeout, byDefault.RequestHeadersTimeout, byDefault.MaxRequestBodySize));
        Assert.Equal((7L, TimeSpan.FromSeconds(42), TimeSpan.FromSeconds(3)), (set.MaxConcurrentConnections, set.KeepAliveTimeout, set.RequestHeadersTimeout));
    }

    [Fact]
    public async Task A_connection_beyond_the_cap_is_closed_without_an_answer()
    {
        await using var app = ExporterApp.Build(
            [
                "--urls", "http://127.0.0.1:0",
                "--TrunkExporter:Repositories:0:Repo=pytorch/pytorch", $"--TrunkExporter:Repositories:0:ReplayFile={_replay}",
                "--TrunkExporter:Server:MaxConcurrentConnections=2",
            ]);
        await app.StartAsync();
        var port = new Uri(app.Urls.Single()).Port;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        // Two kept-alive connections hold the cap; the third is closed as soon as it is accepted.
        using var first = await ConnectAsync(port, timeout.Token);
        Assert.StartsWith("HTTP/1.1 200", await AskAsync(first, timeout.Token), StringComparison.Ordinal);
        using var second = await ConnectAsync(port, timeout.Token);
        Assert.StartsWith("HTTP/1.1 200", await AskAsync(second, timeout.Token), StringComparison.Ordinal);
        using var third = await ConnectAsync(port, timeout.Token);
        Assert.Equal(string.Empty, await AskAsync(third, timeout.Token));
        first.Dispose();
        await app.StopAsync(timeout.Token);
    }

    public void Dispose() => _directory.Dispose();

    private static async Task<TcpClient> ConnectAsync(int port, CancellationToken cancellationToken)
    {
        var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
        return client;
    }

    /// <summary>One keep-alive GET /healthz; the answer's first bytes, or empty when the server closed the connection.</summary>
    private static async Task<string> AskAsync(TcpClient client, CancellationToken cancellationToken)
    {
        var stream = client.GetStream();
        try
        {
            await stream.WriteAsync("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"u8.ToArray(), cancellationToken);
            var buffer = new byte[64];
            var read = await stream.ReadAsync(buffer, cancellationToken);
            return Encoding.ASCII.GetString(buffer, 0, read);
        }
        catch (IOException)
        {
            return string.Empty;
        }
    }

    private sealed class CrashingWorker : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200), stoppingToken);
            throw new InvalidOperationException("the worker broke");
        }
    }
}
