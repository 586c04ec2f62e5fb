using System.Globalization;

namespace TrunkExporter.Stack;

/// <summary>
/// Starts a server process on a loopback port and waits (bounded) until its readiness path answers
/// 2xx. A free port can be taken by someone else between the probe and the bind, so on "address
/// already in use" it tries again on another free port.
/// </summary>
internal static class LoopbackLauncher
{
    private const int PortAttempts = 3;

    /// <param name="arguments">The command line for a given port.</param>
    /// <param name="port">A fixed port, or 0 for a free one (only a free one is retried).</param>
    /// <param name="describeNotReady">The timeout message, given the last readiness answer.</param>
    public static async Task<(ManagedProcess Process, int Port)> StartAsync(
        string name,
        string fileName,
        Func<int, IEnumerable<string>> arguments,
        string workingDirectory,
        string readyPath,
        TimeSpan timeout,
        Func<string, string> describeNotReady,
        int port = 0,
        IReadOnlyDictionary<string, string>? environment = null,
        CancellationToken cancellationToken = default)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        for (var attempt = 1; ; attempt++)
        {
            var listen = port != 0 ? port : FreePort.Next();
            var process = ManagedProcess.Start(name, fileName, arguments(listen), workingDirectory, environment);
            var ready = new Uri($"http://127.0.0.1:{listen.ToString(CultureInfo.InvariantCulture)}/{readyPath}");
            var lastAnswer = "no answer yet";
            try
            {
                await BoundedWait.UntilAsync(
                    async token =>
                    {
                        using var response = await http.GetAsync(ready, token).ConfigureAwait(false);
                        lastAnswer = $"{(int)response.StatusCode}: {(await response.Content.ReadAsStringAsync(token).ConfigureAwait(false)).Trim()}";
                        return response.IsSuccessStatusCode;
                    },
                    timeout,
                    () => describeNotReady($"GET {ready} answered {lastAnswer}"),
                    process,
                    cancellationToken).ConfigureAwait(false);
                return (process, listen);
            }
            catch (InvalidOperationException) when (port == 0 && attempt < PortAttempts && process.OutputContains("address already in use"))
            {
                await process.DisposeAsync().ConfigureAwait(false);
            }
            catch
            {
                await process.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
    }
}
