using TrunkExporter.Tests.Support;

namespace TrunkExporter.Tests.AlertRules;

/// <summary>
/// Debian's Alertmanager 0.25 on a free loopback port, running the pack's configuration with the
/// sink rewritten to a closed port (no notification leaves the test). Killed and its storage
/// deleted when the tests are done.
/// </summary>
public sealed class LiveAlertmanager : IAsyncLifetime, IDisposable
{
    private static readonly Uri ClosedSink = new("http://127.0.0.1:1");
    private readonly TempDirectory _directory = new();
    private AlertmanagerServer? _server;

    public Uri Url => new(Server.ExternalUrl);

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(10) };

    public string Log => _server?.Describe() ?? "(Alertmanager did not start)";

    private AlertmanagerServer Server => _server ?? throw new InvalidOperationException("Alertmanager is not running.");

    public async Task InitializeAsync()
    {
        var config = await StackConfiguration.WriteAlertmanagerConfigAsync(_directory.Path, ClosedSink);
        _server = await AlertmanagerServer.StartAsync(config, readyTimeout: TimeSpan.FromSeconds(20));
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    public void Dispose() => _directory.Dispose();
}
