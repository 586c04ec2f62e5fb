using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace TrunkExporter.Stack;

/// <summary>
/// A real Alertmanager (Debian's prometheus-alertmanager) on a loopback port, clustering off unless
/// an <see cref="AlertmanagerCluster"/> is given, with its storage in a temporary directory that
/// disposing deletes. Ready once <c>/-/ready</c> answers 200.
/// </summary>
internal sealed class AlertmanagerServer : IAsyncDisposable
{
    private readonly LoopbackServer _server;

    private AlertmanagerServer(LoopbackServer server)
    {
        _server = server;
    }

    public int Port => _server.Port;

    public Uri BaseAddress => _server.BaseAddress;

    /// <summary>The URL Alertmanager links to itself with (its --web.external-url), without the trailing slash.</summary>
    public string ExternalUrl => BaseAddress.ToString().TrimEnd('/');

    /// <summary>Starts Alertmanager with <paramref name="configFile"/>; <paramref name="port"/> 0 picks a free one.</summary>
    /// <param name="cluster">Gossip with these peers on these loopback ports; null runs it alone.</param>
    public static async Task<AlertmanagerServer> StartAsync(
        string configFile,
        int port = 0,
        TimeSpan? readyTimeout = null,
        AlertmanagerCluster? cluster = null,
        CancellationToken cancellationToken = default)
    {
        var binary = ExternalTool.Require("prometheus-alertmanager");
        var directory = Directory.CreateTempSubdirectory("trunk-alertmanager-");
        try
        {
            var (process, listen) = await LoopbackLauncher.StartAsync(
                "alertmanager",
                binary,
                listen =>
                [
                    $"--config.file={Path.GetFullPath(configFile)}",
                    $"--storage.path={directory.FullName}",
                    $"--web.listen-address=127.0.0.1:{listen.ToString(CultureInfo.InvariantCulture)}",
                    $"--web.external-url=http://127.0.0.1:{listen.ToString(CultureInfo.InvariantCulture)}",

                    // No gossip unless asked: a second stack on the same machine must not join the first one's cluster or port.
                    .. cluster?.ToArguments() ?? ["--cluster.listen-address="],
                ],
                directory.FullName,
                "-/ready",
                readyTimeout ?? TimeSpan.FromSeconds(30),
                answer => $"Alertmanager did not become ready ({answer}) with {configFile}",
                port,
                cancellationToken: cancellationToken).ConfigureAwait(false);
            return new AlertmanagerServer(new LoopbackServer(process, listen, directory));
        }
        catch
        {
            directory.Delete(recursive: true);
            throw;
        }
    }

    /// <summary>GET /api/v2/alerts: every alert Alertmanager holds, with its state, silences and inhibitions.</summary>
    public async Task<IReadOnlyList<AlertmanagerAlert>> GetAlertsAsync(CancellationToken cancellationToken = default)
    {
        using var document = JsonDocument.Parse(await _server.Http.GetStringAsync(new Uri("api/v2/alerts", UriKind.Relative), cancellationToken).ConfigureAwait(false));
        return [.. document.RootElement.EnumerateArray().Select(AlertmanagerAlert.From)];
    }

    /// <summary>POST /api/v2/silences with equality matchers; returns the silence ID.</summary>
    public async Task<string> CreateSilenceAsync(
        IReadOnlyDictionary<string, string> matchers,
        TimeSpan duration,
        string comment,
        CancellationToken cancellationToken = default)
    {
        var now = DateTimeOffset.UtcNow;
        var body = new
        {
            matchers = matchers.Select(pair => new { name = pair.Key, value = pair.Value, isRegex = false, isEqual = true }).ToArray(),
            startsAt = now,
            endsAt = now + duration,
            createdBy = "trunk-stack",
            comment,
        };
        using var response = await _server.Http.PostAsJsonAsync(new Uri("api/v2/silences", UriKind.Relative), body, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Alertmanager refused the silence ({(int)response.StatusCode}): {text}");
        }

        using var document = JsonDocument.Parse(text);
        return document.RootElement.GetProperty("silenceID").GetString()!;
    }

    /// <summary>POST /api/v2/alerts: one firing alert, as a Prometheus would send it.</summary>
    public async Task PostAlertAsync(IReadOnlyDictionary<string, string> labels, TimeSpan lasting, CancellationToken cancellationToken = default)
    {
        var now = DateTimeOffset.UtcNow;
        var body = new[] { new { labels, startsAt = now, endsAt = now + lasting, generatorURL = "http://127.0.0.1/second-source" } };
        using var response = await _server.Http.PostAsJsonAsync(new Uri("api/v2/alerts", UriKind.Relative), body, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>GET /api/v2/silences: the IDs of the silences this Alertmanager knows, with their state (active, pending, expired).</summary>
    public async Task<IReadOnlyDictionary<string, string>> GetSilencesAsync(CancellationToken cancellationToken = default)
    {
        using var document = JsonDocument.Parse(await _server.Http.GetStringAsync(new Uri("api/v2/silences", UriKind.Relative), cancellationToken).ConfigureAwait(false));
        return document.RootElement.EnumerateArray().ToDictionary(
            silence => silence.GetProperty("id").GetString() ?? string.Empty,
            silence => silence.GetProperty("status").GetProperty("state").GetString() ?? string.Empty,
            StringComparer.Ordinal);
    }

    /// <summary>GET /api/v2/status: the cluster's status (ready, settling, disabled) and the names of the peers this member sees.</summary>
    public async Task<(string Status, IReadOnlyList<string> Peers)> GetClusterAsync(CancellationToken cancellationToken = default)
    {
        using var document = JsonDocument.Parse(await _server.Http.GetStringAsync(new Uri("api/v2/status", UriKind.Relative), cancellationToken).ConfigureAwait(false));
        var cluster = document.RootElement.GetProperty("cluster");
        IReadOnlyList<string> peers = cluster.TryGetProperty("peers", out var list) && list.ValueKind == JsonValueKind.Array
            ? [.. list.EnumerateArray().Select(peer => peer.GetProperty("address").GetString() ?? string.Empty)]
            : [];
        return (cluster.GetProperty("status").GetString() ?? string.Empty, peers);
    }

    /// <summary>DELETE /api/v2/silence/{id}: expires the silence now.</summary>
    public async Task ExpireSilenceAsync(string id, CancellationToken cancellationToken = default)
    {
        using var response = await _server.Http.DeleteAsync(new Uri($"api/v2/silence/{Uri.EscapeDataString(id)}", UriKind.Relative), cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }

    public string Describe() => _server.Process.Describe();

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
