using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using TrunkExporter.FakeGitHub;
using TrunkExporter.Hosting;
using TrunkExporter.IssueBridge;
using TrunkExporter.Snapshots;
using TrunkExporter.Tests.Support;

namespace TrunkExporter.Tests.IssueBridge;

/// <summary>
/// The issue bridge in this process on a loopback port, against the fake GitHub, with its state in a
/// temporary directory that outlives <see cref="RestartAsync"/> (a crash and restart of the bridge).
/// </summary>
internal sealed class BridgeHarness : IAsyncDisposable
{
    public const string Secret = "a-bearer-secret-for-tests-0123456789";
    public const string Repository = "acme/trunk-issues";

    private readonly TempDirectory _directory = new();
    private readonly IReadOnlyList<string> _extra;
    private WebApplication? _app;

    private BridgeHarness(FakeGitHubServer github, IReadOnlyList<string> extra)
    {
        GitHub = github;
        _extra = extra;
        File.WriteAllText(_directory.File("github-token"), "ghp_faketoken0123456789");
        File.WriteAllText(_directory.File("bearer"), Secret + "\n");
    }

    public FakeGitHubServer GitHub { get; }

    public ListLoggerProvider Logs { get; } = new();

    /// <summary>Every webhook request the bridge answered: when it arrived and the status it got.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<(DateTimeOffset Arrived, int Status)> Deliveries { get; } = new();

    /// <summary>When each webhook request arrived (recorded before it is handled).</summary>
    public System.Collections.Concurrent.ConcurrentQueue<DateTimeOffset> Arrivals { get; } = new();

    public Uri BaseAddress { get; private set; } = null!;

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(60) };

    public string DataDirectory => _directory.Combine("data");

    public string BearerFile => _directory.File("bearer");

    public IServiceProvider Services => _app!.Services;

    /// <param name="extra">More host arguments, e.g. --TrunkExporter:IssueBridge:CommentInterval=00:00:00.</param>
    /// <param name="port">0 picks a free port.</param>
    public static async Task<BridgeHarness> StartAsync(IReadOnlyList<string>? extra = null, int port = 0)
    {
        var github = await FakeGitHubServer.StartAsync(Array.Empty<TrunkSnapshot>());
        var harness = new BridgeHarness(github, extra ?? []);
        await harness.StartBridgeAsync(port);
        return harness;
    }

    public async Task RestartAsync()
    {
        var port = BaseAddress.Port;
        await StopAsync();
        await StartBridgeAsync(port);
    }

    public async Task StopAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }
    }

    public string[] Arguments(int port) =>
    [
        $"--urls=http://127.0.0.1:{port}",
        $"--TrunkExporter:IssueBridge:Repository={Repository}",
        $"--TrunkExporter:IssueBridge:BearerTokenFile={BearerFile}",
        $"--TrunkExporter:DataDirectory={DataDirectory}",
        $"--TrunkExporter:GitHub:ApiBaseUrl={GitHub.ApiBaseUrl}",
        $"--TrunkExporter:GitHub:TokenFile={_directory.File("github-token")}",
        "--TrunkExporter:GitHub:RequestTimeout=00:00:02",
        "--TrunkExporter:GitHub:TotalTimeout=00:00:20",
        "--TrunkExporter:GitHub:MaxRetries=2",
        "--TrunkExporter:GitHub:RetryBaseDelay=00:00:00.050",
        "--TrunkExporter:GitHub:SecondaryRateLimitWait=00:00:00.200",
        "--TrunkExporter:GitHub:MaxRateLimitWait=00:00:05",
        .. _extra,
    ];

    /// <summary>Posts a webhook body with the right secret (or <paramref name="bearer"/>).</summary>
    public async Task<HttpResponseMessage> PostAsync(string json, string? bearer = Secret, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(BaseAddress, WebhookEndpoint.Path))
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return await Http.SendAsync(request, cancellationToken);
    }

    /// <summary>Posts and expects 200.</summary>
    public async Task DeliverAsync(string json, CancellationToken cancellationToken = default)
    {
        using var response = await PostAsync(json, cancellationToken: cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {text}; log: {string.Join(" | ", Logs.Lines.Select(line => line.Message))}");
    }

    public IReadOnlyList<FakeIssue> Issues => GitHub.IssuesOf(Repository);

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Http.Dispose();
        await GitHub.DisposeAsync();
        _directory.Dispose();
    }

    private async Task StartBridgeAsync(int port)
    {
        _app = IssueBridgeApp.Build(Arguments(port), builder =>
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddProvider(Logs);
            builder.Services.AddSingleton<IStartupFilter>(new DeliveryRecorder(Arrivals, Deliveries));
        });
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.TrimEnd('/') + "/");
    }

    private sealed class DeliveryRecorder(
        System.Collections.Concurrent.ConcurrentQueue<DateTimeOffset> arrivals,
        System.Collections.Concurrent.ConcurrentQueue<(DateTimeOffset Arrived, int Status)> deliveries) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, inner) =>
            {
                var arrived = DateTimeOffset.UtcNow;
                if (context.Request.Path == WebhookEndpoint.Path)
                {
                    arrivals.Enqueue(arrived);
                }

                await inner(context);
                if (context.Request.Path == WebhookEndpoint.Path)
                {
                    deliveries.Enqueue((arrived, context.Response.StatusCode));
                }
            });
            next(app);
        };
    }
}
