using System.Text.Json;
using Microsoft.Extensions.Options;

namespace TrunkExporter.IssueBridge;

/// <summary>
/// Alertmanager's <c>GET /api/v2/alerts</c>: the fingerprints of the alerts it holds now, active,
/// silenced, inhibited or unprocessed (it lists no resolved alert). Null when no Alertmanager is
/// configured, or it could not be asked (one log line).
/// </summary>
internal sealed class AlertmanagerAlerts(IHttpClientFactory clients, IOptions<IssueBridgeOptions> options, ILogger<AlertmanagerAlerts> logger)
{
    public const string ClientName = "Alertmanager";

    /// <summary>Thousands of alerts are a few MB; a larger answer is not Alertmanager's.</summary>
    private const int MaxAnswerBytes = 64 * 1024 * 1024;

    public bool IsConfigured => options.Value.AlertmanagerUrl is not null;

    public async Task<IReadOnlySet<string>?> ActiveFingerprintsAsync(CancellationToken cancellationToken)
    {
        if (options.Value.AlertmanagerUrl is not { } baseUrl)
        {
            return null;
        }

        var url = new Uri(new Uri(baseUrl.ToString().TrimEnd('/') + "/"), "api/v2/alerts?active=true&silenced=true&inhibited=true&unprocessed=true");
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.Value.AlertmanagerTimeout);
            using var client = clients.CreateClient(ClientName);
            client.MaxResponseContentBufferSize = MaxAnswerBytes;
            var body = await client.GetByteArrayAsync(url, timeout.Token).ConfigureAwait(false);
            using var document = JsonDocument.Parse(body);
            var fingerprints = new HashSet<string>(StringComparer.Ordinal);
            foreach (var alert in document.RootElement.EnumerateArray())
            {
                if (alert.TryGetProperty("fingerprint", out var fingerprint) && fingerprint.GetString() is { } text)
                {
                    fingerprints.Add(text);
                }
            }

            return fingerprints;
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or InvalidOperationException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            BridgeLog.ReconcileFailed(logger, url.ToString(), ex is OperationCanceledException ? $"no answer in {options.Value.AlertmanagerTimeout}" : ex.Message);
            return null;
        }
    }
}
