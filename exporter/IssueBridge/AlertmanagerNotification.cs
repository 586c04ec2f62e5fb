using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace TrunkExporter.IssueBridge;

/// <summary>Alertmanager's webhook payload, version 4: what the bridge reads of it.</summary>
internal sealed record AlertmanagerNotification(string Receiver, string Status, string? ExternalUrl, IReadOnlyList<BridgeAlert> Alerts)
{
    /// <summary>The payload, or <see cref="NotificationFormatException"/> with one line saying what is wrong.</summary>
    public static AlertmanagerNotification Parse(ReadOnlyMemory<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException ex)
        {
            throw new NotificationFormatException($"the body is not JSON ({ex.Message})");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new NotificationFormatException("the body is not a JSON object");
            }

            var version = Text(root, "version");
            if (version != "4")
            {
                throw new NotificationFormatException($"version is '{version}', not Alertmanager's webhook payload version 4");
            }

            if (!root.TryGetProperty("alerts", out var alerts) || alerts.ValueKind != JsonValueKind.Array)
            {
                throw new NotificationFormatException("alerts is missing or not a list");
            }

            var parsed = new List<BridgeAlert>();
            var index = 0;
            foreach (var alert in alerts.EnumerateArray())
            {
                parsed.Add(BridgeAlert.From(alert, index++));
            }

            return new AlertmanagerNotification(Text(root, "receiver") ?? string.Empty, Text(root, "status") ?? string.Empty, Text(root, "externalURL"), parsed);
        }
    }

    internal static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

/// <summary>One alert of a notification.</summary>
internal sealed partial record BridgeAlert(
    string Fingerprint,
    bool Firing,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Annotations,
    DateTimeOffset StartsAt,
    DateTimeOffset? EndsAt,
    string? GeneratorUrl)
{
    public string Label(string name) => Labels.GetValueOrDefault(name, string.Empty);

    public string Name => Label("alertname");

    public string Annotation(string name) => Annotations.GetValueOrDefault(name, string.Empty);

    public string Priority => Labels.TryGetValue("priority", out var priority) && priority.Length > 0 ? priority : "P2";

    internal static BridgeAlert From(JsonElement alert, int index)
    {
        var where = $"alerts[{index}]";
        if (alert.ValueKind != JsonValueKind.Object)
        {
            throw new NotificationFormatException($"{where} is not an object");
        }

        var fingerprint = AlertmanagerNotification.Text(alert, "fingerprint");
        if (fingerprint is null || !FingerprintPattern().IsMatch(fingerprint))
        {
            throw new NotificationFormatException($"{where}.fingerprint is '{fingerprint}', not Alertmanager's hexadecimal fingerprint");
        }

        var status = AlertmanagerNotification.Text(alert, "status");
        if (status is not ("firing" or "resolved"))
        {
            throw new NotificationFormatException($"{where}.status is '{status}', not firing or resolved");
        }

        var startsAt = Time(alert, "startsAt", where) ?? throw new NotificationFormatException($"{where}.startsAt is missing");
        var endsAt = Time(alert, "endsAt", where);
        var firing = status == "firing";
        if (!firing && endsAt is null)
        {
            throw new NotificationFormatException($"{where} is resolved but has no endsAt");
        }

        return new BridgeAlert(
            fingerprint,
            firing,
            Strings(alert, "labels", where),
            Strings(alert, "annotations", where),
            startsAt,
            firing ? null : endsAt,
            AlertmanagerNotification.Text(alert, "generatorURL"));
    }

    private static DateTimeOffset? Time(JsonElement alert, string name, string where)
    {
        var text = AlertmanagerNotification.Text(alert, name);
        if (text is null)
        {
            return null;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
        {
            throw new NotificationFormatException($"{where}.{name} is '{text}', not an RFC 3339 time");
        }

        // Alertmanager sends 0001-01-01T00:00:00Z for "no end" on a firing alert.
        return value.Year <= 1 ? null : value;
    }

    private static Dictionary<string, string> Strings(JsonElement alert, string name, string where)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!alert.TryGetProperty(name, out var map) || map.ValueKind == JsonValueKind.Null)
        {
            return result;
        }

        if (map.ValueKind != JsonValueKind.Object)
        {
            throw new NotificationFormatException($"{where}.{name} is not an object");
        }

        foreach (var pair in map.EnumerateObject())
        {
            if (pair.Value.ValueKind != JsonValueKind.String)
            {
                throw new NotificationFormatException($"{where}.{name}.{pair.Name} is not a string");
            }

            result[pair.Name] = pair.Value.GetString()!;
        }

        return result;
    }

    [GeneratedRegex("^[0-9a-f]{1,32}$")]
    private static partial Regex FingerprintPattern();
}

/// <summary>A webhook body the bridge cannot read; the message is the one line logged and answered.</summary>
internal sealed class NotificationFormatException(string message) : Exception(message);
