using System.Globalization;

namespace TrunkExporter.Stack;

/// <summary>
/// A started server process on a loopback port, the folder it keeps its state in (if any) and an
/// HTTP client for its API. Disposing stops the process and deletes the folder.
/// </summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    public LoopbackServer(ManagedProcess process, int port, DirectoryInfo? directory = null, TimeSpan? requestTimeout = null)
    {
        Process = process;
        Port = port;
        Directory = directory;
        BaseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
        Http = new HttpClient { BaseAddress = BaseAddress, Timeout = requestTimeout ?? TimeSpan.FromSeconds(10) };
    }

    public ManagedProcess Process { get; }

    public int Port { get; }

    public DirectoryInfo? Directory { get; }

    public Uri BaseAddress { get; }

    /// <summary>A client whose base address is the server's.</summary>
    public HttpClient Http { get; }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Process.DisposeAsync().ConfigureAwait(false);
        try
        {
            Directory?.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A file still held open; the OS temp cleaner gets it.
        }
    }
}
