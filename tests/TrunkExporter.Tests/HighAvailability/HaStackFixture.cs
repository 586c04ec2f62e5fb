using TrunkExporter.FakeGitHub;

namespace TrunkExporter.Tests.HighAvailability;

/// <summary>
/// One HA stack for the whole suite (starting six servers costs about a minute on a loaded machine):
/// a fake GitHub with one repository per scenario, read by both exporter replicas. Each test starts
/// whatever an earlier one stopped, so the tests do not depend on their order.
/// </summary>
public sealed class HaStackFixture : IAsyncLifetime
{
    internal const string Token = "ha-token";

    internal static readonly string[] Repos =
        ["ha/one-page", "ha/silenced", "ha/replica-down", "ha/alertmanager-down", "ha/prometheus-down", "ha/all-exporters-down"];

    private FakeGitHubServer? _github;
    private HaStack? _stack;

    internal HaStack Stack => _stack ?? throw new InvalidOperationException("The HA stack did not start.");

    internal static StackOptions Timings => new()
    {
        RefreshInterval = TimeSpan.FromSeconds(1),
        Interval = TimeSpan.FromSeconds(1),
        GroupWait = TimeSpan.FromSeconds(1),

        // Above the peer timeout, as shipped (5m against 15s). Below it, the second member's flushes
        // fall out of step with the first one's (each waits the peer timeout), and it sends the
        // state it saw before its wait: a firing notification after the first member sent the
        // resolution, then a second resolution. The suite caught exactly that at 1 s.
        GroupInterval = TimeSpan.FromSeconds(10),

        // repeat_interval as shipped (hours): any second notification of a group within the test is a duplicate.
        RepeatInterval = null,
        AlertFor = TimeSpan.FromSeconds(2),
        Hysteresis = TimeSpan.FromSeconds(3),
    };

    /// <summary>
    /// Alertmanager's peer timeout, shortened from 15 s: the second member waits this long for the
    /// first one's notification log before it sends itself, so a duplicate would come this late.
    /// </summary>
    internal static TimeSpan PeerTimeout => TimeSpan.FromSeconds(5);

    internal HaTrunk Trunk(string repo) => new(_github!, repo);

    public async Task InitializeAsync()
    {
        var now = DateTimeOffset.UtcNow;
        _github = await FakeGitHubServer.StartAsync(Repos.Select(repo => HaTrunk.Green(repo, now)), new FakeGitHubOptions { AcceptedToken = Token });
        _stack = await HaStack.StartAsync(
            Timings with { GitHub = new ExporterGitHub(_github.ApiBaseUrl, Token) },
            new HaStackOptions
            {
                Repositories = [.. Repos.Select(repo => new ExporterRepository(repo, ReplayFile: null))],
                PeerTimeout = PeerTimeout,
                PushPullInterval = TimeSpan.FromSeconds(5),
                ReconnectInterval = TimeSpan.FromSeconds(1),
            });
    }

    public async Task DisposeAsync()
    {
        if (_stack is not null)
        {
            await _stack.DisposeAsync();
        }

        if (_github is not null)
        {
            await _github.DisposeAsync();
        }
    }
}
