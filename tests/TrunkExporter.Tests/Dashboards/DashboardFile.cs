using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using TrunkExporter.Tests.Support;

namespace TrunkExporter.Tests.Dashboards;

/// <summary>One shipped dashboard JSON (grafana-dashboards/*.json), read as Grafana reads a provisioned file.</summary>
internal sealed class DashboardFile
{
    public const string TrunkHealth = "trunk-health.json";
    public const string TrunkExporter = "trunk-exporter.json";

    private DashboardFile(string name, JsonObject root)
    {
        Name = name;
        Root = root;
    }

    public static IReadOnlyList<string> Names { get; } = [TrunkHealth, TrunkExporter];

    public string Name { get; }

    public JsonObject Root { get; }

    public string Uid => (string)Root["uid"]!;

    /// <summary>Every panel, those inside collapsed rows included, rows themselves excluded.</summary>
    public IReadOnlyList<JsonObject> Panels => [.. AllPanels().Where(panel => (string?)panel["type"] != "row")];

    /// <summary>Every panel and row as it sits on the grid.</summary>
    public IReadOnlyList<JsonObject> GridItems => [.. AllPanels()];

    public IReadOnlyList<JsonObject> Variables => Objects(Root["templating"]?["list"]);

    public IReadOnlyList<JsonObject> Annotations => Objects(Root["annotations"]?["list"]);

    /// <summary>Every PromQL query a Grafana showing this dashboard runs: panel targets, then annotations.</summary>
    public IReadOnlyList<DashboardQuery> Queries =>
    [
        .. Panels.SelectMany(panel => Objects(panel["targets"]).Select(target => new DashboardQuery(
            Name,
            $"panel {(int)panel["id"]!} '{(string?)panel["title"]}' query {(string?)target["refId"]}",
            (string?)target["expr"] ?? string.Empty,
            (bool?)target["instant"] ?? false))),
        .. Annotations.Select(annotation => new DashboardQuery(
            Name,
            $"annotation '{(string?)annotation["name"]}'",
            (string?)annotation["expr"] ?? string.Empty,
            Instant: false)),
    ];

    public static DashboardFile Load(string name)
    {
        var path = RepoPaths.InRepo("grafana-dashboards", name);
        var text = File.ReadAllText(path);
        try
        {
            return new DashboardFile(name, JsonNode.Parse(text)?.AsObject() ?? throw new JsonException("the document is null"));
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            throw new InvalidOperationException($"{path} is not a JSON object: {ex.Message}", ex);
        }
    }

    public JsonObject Variable(string name) =>
        Variables.SingleOrDefault(variable => (string?)variable["name"] == name)
        ?? throw new InvalidOperationException($"{Name} defines no variable '{name}'.");

    public JsonObject Panel(int id) =>
        Panels.SingleOrDefault(panel => (int?)panel["id"] == id)
        ?? throw new InvalidOperationException($"{Name} has no panel with id {id}.");

    public DashboardQuery Query(string key) =>
        Queries.SingleOrDefault(query => query.Key == key)
        ?? throw new InvalidOperationException($"{Name} has no query '{key}'.");

    /// <summary>The query of a panel's target, by panel id and refId.</summary>
    public DashboardQuery PanelQuery(int id, string refId) =>
        Queries.SingleOrDefault(query => query.Key.StartsWith($"panel {id.ToString(CultureInfo.InvariantCulture)} '", StringComparison.Ordinal)
            && query.Key.EndsWith($" query {refId}", StringComparison.Ordinal))
        ?? throw new InvalidOperationException($"{Name} has no panel {id} with a query {refId}.");

    /// <summary>The query text of a variable: Grafana stores it as a string or as {"query": ...}.</summary>
    public static string VariableQuery(JsonObject variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        return variable["query"] switch
        {
            JsonValue value => (string?)value ?? string.Empty,
            JsonObject query => (string?)query["query"] ?? string.Empty,
            _ => string.Empty,
        };
    }

    /// <summary>Every string value anywhere in the document, with its JSON path.</summary>
    public IEnumerable<(string Path, string Value)> Strings() => Strings(Root);

    public static IReadOnlyList<JsonObject> Objects(JsonNode? array) =>
        array is JsonArray items ? [.. items.OfType<JsonObject>()] : [];

    private static IEnumerable<(string Path, string Value)> Strings(JsonNode? node) => node switch
    {
        JsonObject item => item.SelectMany(property => Strings(property.Value)),
        JsonArray items => items.SelectMany(Strings),
        JsonValue value when value.GetValueKind() == JsonValueKind.String => [(value.GetPath(), (string)value!)],
        _ => [],
    };

    private IEnumerable<JsonObject> AllPanels()
    {
        foreach (var panel in Objects(Root["panels"]))
        {
            yield return panel;
            foreach (var nested in Objects(panel["panels"]))
            {
                yield return nested;
            }
        }
    }
}

/// <param name="Key">Names the query in test output, e.g. <c>panel 6 'Jobs on a failure streak' query B</c>.</param>
/// <param name="Instant">Grafana runs it through /api/v1/query; otherwise through /api/v1/query_range.</param>
internal sealed record DashboardQuery(string Dashboard, string Key, string Expr, bool Instant);
