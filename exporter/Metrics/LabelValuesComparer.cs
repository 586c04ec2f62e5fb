namespace TrunkExporter.Metrics;

/// <summary>Label value arrays compared element by element, ordinally.</summary>
internal sealed class LabelValuesComparer : IEqualityComparer<string[]>
{
    public static LabelValuesComparer Instance { get; } = new();

    public bool Equals(string[]? x, string[]? y) =>
        ReferenceEquals(x, y) || (x is not null && y is not null && x.AsSpan().SequenceEqual(y));

    public int GetHashCode(string[] obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var hash = default(HashCode);
        foreach (var value in obj)
        {
            hash.Add(value, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }
}
