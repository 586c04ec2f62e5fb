namespace TrunkExporter.Tests.Support;

/// <summary>
/// A bound on one test, so a hang fails instead of stalling the run. One per test: a test class
/// holds it in a field (xUnit makes a class instance per test and disposes it after the test).
/// </summary>
internal sealed class TestTimeout : IDisposable
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    private readonly CancellationTokenSource _source = new(Limit);

    public CancellationToken Token => _source.Token;

    public void Dispose() => _source.Dispose();
}
