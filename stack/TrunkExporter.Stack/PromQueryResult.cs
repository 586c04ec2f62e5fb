namespace TrunkExporter.Stack;

/// <summary>The answer of /api/v1/query or /api/v1/query_range: an instant vector or matrix as series.</summary>
internal sealed record PromQueryResult(string ResultType, IReadOnlyList<PromSeries> Series)
{
    public bool IsEmpty => Series.Count == 0;

    /// <summary>A short rendering for assertion messages.</summary>
    public string Describe(int maxSeries = 5) => Series.Count == 0
        ? $"{ResultType} with no series"
        : $"{ResultType} with {Series.Count} series: {string.Join("; ", Series.Take(maxSeries).Select(series => series.Describe()))}{(Series.Count > maxSeries ? "; ..." : string.Empty)}";
}

/// <summary>One series: its labels (with <c>__name__</c> when kept) and its samples, oldest first.</summary>
internal sealed record PromSeries(IReadOnlyDictionary<string, string> Labels, IReadOnlyList<PromSample> Samples)
{
    public string Label(string name) => Labels.TryGetValue(name, out var value) ? value : string.Empty;

    public double LastValue => Samples[^1].Value;

    public string Describe() =>
        $"{{{string.Join(", ", Labels.OrderBy(label => label.Key, StringComparer.Ordinal).Select(label => $"{label.Key}=\"{label.Value}\""))}}} = {(Samples.Count > 0 ? LastValue : double.NaN)}";
}

internal readonly record struct PromSample(DateTimeOffset Time, double Value);
