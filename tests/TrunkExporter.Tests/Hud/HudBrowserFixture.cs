using TrunkExporter.Snapshots;
using TrunkExporter.Tests.Support;

namespace TrunkExporter.Tests.Hud;

/// <summary>
/// One Chromium and two exporter processes for all the browser tests (a branch can be configured only once,
/// and both samples are pytorch/pytorch main): one serves the P2 sample and the hostile snapshot, one the P1 sample.
/// A missing Chromium fails every test of the class with the message of <see cref="HeadlessChromium.LaunchAsync"/>.
/// </summary>
public sealed class HudBrowserFixture : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _directory = new();
    private ExporterProcess? _p2;
    private ExporterProcess? _p1;
    private HeadlessChromium? _chromium;

    internal ExporterProcess P2AndHostile => _p2!;

    internal ExporterProcess P1 => _p1!;

    internal HeadlessChromium Chromium => _chromium!;

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var hostile = _directory.File("hostile.json");
        SnapshotWriter.WriteFile(HostileTrunk.Snapshot(), hostile);
        // Chromium first: when it is missing, nothing else is started (and nothing is left running).
        _chromium = await HeadlessChromium.LaunchAsync();

        // A refresh every hour: the pages must not change under the tests (the first refresh runs at start).
        var p2 = ExporterProcess.StartAsync(
            [new ExporterRepository("pytorch/pytorch", RepoPaths.InRepo("samples", "trunk-p2.json"), ShiftTimesToNow: false), new ExporterRepository(HostileTrunk.Repo, hostile, ShiftTimesToNow: false)],
            refreshInterval: TimeSpan.FromHours(1),
            cancellationToken: timeout.Token);
        var p1 = ExporterProcess.StartAsync(
            [new ExporterRepository("pytorch/pytorch", RepoPaths.InRepo("samples", "trunk-p1.json"), ShiftTimesToNow: false)],
            refreshInterval: TimeSpan.FromHours(1),
            cancellationToken: timeout.Token);
        try
        {
            await Task.WhenAll(p2, p1);
        }
        catch
        {
            // Stop what did start before failing: nothing may outlive the test run.
            foreach (var started in new[] { p2, p1 }.Where(task => task.IsCompletedSuccessfully))
            {
                await started.Result.DisposeAsync();
            }

            await _chromium.DisposeAsync();
            _chromium = null;
            throw;
        }

        _p2 = p2.Result;
        _p1 = p1.Result;
    }

    public async Task DisposeAsync()
    {
        if (_chromium is not null)
        {
            await _chromium.DisposeAsync();
        }

        if (_p2 is not null)
        {
            await _p2.DisposeAsync();
        }

        if (_p1 is not null)
        {
            await _p1.DisposeAsync();
        }
    }

    public void Dispose() => _directory.Dispose();
}
