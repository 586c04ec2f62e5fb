using TrunkExporter.Refresh;

namespace TrunkExporter.Hosting;

/// <summary>
/// Creates the trunk publisher when the host starts (hosted services are created before the server
/// listens), so the first scrape already applies the published state.
/// </summary>
internal sealed class MetricsActivation(TrunkPublisher publisher) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        GC.KeepAlive(publisher);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
