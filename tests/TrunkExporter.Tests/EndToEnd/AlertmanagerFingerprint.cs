using System.Globalization;
using System.Text;

namespace TrunkExporter.Tests.EndToEnd;

/// <summary>
/// Alertmanager's alert fingerprint, computed independently of it: 64-bit FNV-1a over the label
/// names in sorted order, each name and value followed by the separator byte 0xFF
/// (prometheus/common model.LabelSet.Fingerprint).
/// </summary>
internal static class AlertmanagerFingerprint
{
    private const ulong Offset = 14695981039346656037;
    private const ulong Prime = 1099511628211;
    private const byte Separator = 0xFF;

    public static string Of(IReadOnlyDictionary<string, string> labels)
    {
        var hash = Offset;
        foreach (var name in labels.Keys.Order(StringComparer.Ordinal))
        {
            hash = Add(Add(hash, name), labels[name]);
        }

        return hash.ToString("x16", CultureInfo.InvariantCulture);
    }

    private static ulong Add(ulong hash, string text)
    {
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * Prime;
        }

        return (hash ^ Separator) * Prime;
    }
}
