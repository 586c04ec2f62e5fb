namespace TrunkExporter.Tests.AlertRules;

/// <summary>One recording or alerting rule of a Prometheus rule file.</summary>
internal sealed record PrometheusRule(
    string File,
    string Group,
    string? Record,
    string? Alert,
    string Expr,
    string? For,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Annotations)
{
    public string Name => Alert ?? Record ?? string.Empty;
}
