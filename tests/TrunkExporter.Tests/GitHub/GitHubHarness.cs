using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrunkExporter.Configuration;
using TrunkExporter.FakeGitHub;
using TrunkExporter.GitHub;
using TrunkExporter.GitHub.Auth;
using TrunkExporter.GitHub.Http;
using TrunkExporter.GitHub.Policy;
using TrunkExporter.GitHub.Reading;
using TrunkExporter.GitHub.Wire;
using TrunkExporter.Refresh;
using TrunkExporter.Snapshots;
using TrunkExporter.Sources;
using TrunkExporter.Tests.Support;

namespace TrunkExporter.Tests.GitHub;

/// <summary>
/// The exporter's GitHub stack (the same registrations as the service) against a fake GitHub, with
/// short timeouts and waits so that fault tests run in seconds, a token given directly (never the
/// machine's GITHUB_TOKEN), and a refresher with its state store for "keeps the last good state".
/// </summary>
internal sealed class GitHubHarness : IAsyncDisposable
{
    public const string Token = "ghp_test_token_never_logged";

    private readonly ServiceProvider _services;
    private readonly TestTimeout _timeout = new();

    private GitHubHarness(FakeGitHubServer server, ServiceProvider services, RecordingTimeProvider time, ListLoggerProvider logs)
    {
        Server = server;
        _services = services;
        Time = time;
        Logs = logs;
    }

    public FakeGitHubServer Server { get; }

    public RecordingTimeProvider Time { get; }

    public ListLoggerProvider Logs { get; }

    public GitHubTrunkReader Reader => _services.GetRequiredService<GitHubTrunkReader>();

    public GitHubSelfMetrics Metrics => _services.GetRequiredService<GitHubSelfMetrics>();

    public RateLimitTracker RateLimits => _services.GetRequiredService<RateLimitTracker>();

    public GitHubOptions Options => _services.GetRequiredService<IOptions<GitHubOptions>>().Value;

    /// <summary>Bounds the test that owns this harness; disposed with it.</summary>
    public CancellationToken Timeout => _timeout.Token;

    public static Task<GitHubHarness> StartAsync(
        TrunkSnapshot snapshot,
        Action<Dictionary<string, string?>>? configure = null,
        FakeGitHubOptions? fake = null,
        string? token = Token,
        TimeProvider? clock = null) =>
        StartAsync([snapshot], configure, fake, token, clock);

    /// <param name="clock">When given, the fake and the exporter both read it, so a test decides when time passes; otherwise real time.</param>

    public static async Task<GitHubHarness> StartAsync(
        IEnumerable<TrunkSnapshot> snapshots,
        Action<Dictionary<string, string?>>? configure = null,
        FakeGitHubOptions? fake = null,
        string? token = Token,
        TimeProvider? clock = null)
    {
        var time = new RecordingTimeProvider(clock);
        var server = await FakeGitHubServer.StartAsync(snapshots, fake, clock);
        var settings = FastSettings(server.ApiBaseUrl);
        configure?.Invoke(settings);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var logs = new ListLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Information).AddProvider(logs));
        services.AddSingleton<TimeProvider>(time);
        services.AddGitHubReader(configuration);
        services.AddSingleton<ITrunkSource, GitHubSource>();
        services.AddSingleton(provider => new GitHubCredentials(
            provider.GetRequiredService<IOptions<GitHubOptions>>(),
            name => name == GitHubCredentials.EnvironmentVariable ? token : null));
        return new GitHubHarness(server, services.BuildServiceProvider(validateScopes: true), time, logs);
    }

    /// <summary>
    /// Waits scaled down (10 ms base back-off, 200 ms for a 403 without hints, 5 s longest rate-limit wait);
    /// the attempt timeout stays generous so that a busy machine never turns an exact request count into a retry.
    /// </summary>
    public static Dictionary<string, string?> FastSettings(string apiBaseUrl) => new()
    {
        ["TrunkExporter:GitHub:ApiBaseUrl"] = apiBaseUrl,
        ["TrunkExporter:GitHub:RequestTimeout"] = "00:00:15",
        ["TrunkExporter:GitHub:TotalTimeout"] = "00:01:00",
        ["TrunkExporter:GitHub:MaxRetries"] = "3",
        ["TrunkExporter:GitHub:RetryBaseDelay"] = "00:00:00.010",
        ["TrunkExporter:GitHub:SecondaryRateLimitWait"] = "00:00:00.200",
        ["TrunkExporter:GitHub:MaxRateLimitWait"] = "00:00:05",
    };

    public Task<TrunkSnapshot> ReadAsync(string repo, int window = 50, string branch = "main") =>
        Reader.ReadAsync(repo, branch, window, Timeout);

    /// <summary>A refresher and state store over this stack, as the service wires them.</summary>
    public (BranchRefresher Refresher, TrunkStateStore Store) Refresher(params BranchTarget[] targets)
    {
        var store = new TrunkStateStore(targets);
        var refresher = new BranchRefresher(
            _services.GetServices<ITrunkSource>(),
            store,
            Time,
            _services.GetRequiredService<ILoggerFactory>().CreateLogger<BranchRefresher>());
        return (refresher, store);
    }

    /// <summary>Requests the fake answered during <paramref name="action"/>.</summary>
    public async Task<RequestCounts> CountAsync(Func<Task> action)
    {
        Server.ResetCounts();
        await action();
        return Server.Counts;
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Server.DisposeAsync();
        _timeout.Dispose();
    }
}
