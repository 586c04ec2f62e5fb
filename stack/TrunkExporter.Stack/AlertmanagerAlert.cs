using System.Text.Json;

namespace TrunkExporter.Stack;

/// <summary>One alert as Alertmanager's API v2 lists it.</summary>
/// <param name="State">active, suppressed or unprocessed.</param>
internal sealed record AlertmanagerAlert(
    IReadOnlyDictionary<string, string> Labels,
    string Fingerprint,
    string State,
    IReadOnlyList<string> SilencedBy,
    IReadOnlyList<string> InhibitedBy)
{
    public string Name => Labels.GetValueOrDefault("alertname", string.Empty);

    public static AlertmanagerAlert From(JsonElement alert)
    {
        var status = alert.GetProperty("status");
        return new AlertmanagerAlert(
            alert.GetProperty("labels").EnumerateObject().ToDictionary(label => label.Name, label => label.Value.GetString() ?? string.Empty, StringComparer.Ordinal),
            alert.GetProperty("fingerprint").GetString() ?? string.Empty,
            status.GetProperty("state").GetString() ?? string.Empty,
            [.. status.GetProperty("silencedBy").EnumerateArray().Select(id => id.GetString() ?? string.Empty)],
            [.. status.GetProperty("inhibitedBy").EnumerateArray().Select(id => id.GetString() ?? string.Empty)]);
    }
}
