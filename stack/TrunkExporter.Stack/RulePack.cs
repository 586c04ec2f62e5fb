using System.Text.Json;

namespace TrunkExporter.Stack;

/// <summary>
/// Renders the rule pack from the jsonnet mixin (alert-rules/mixin/render.jsonnet) with a stack's own
/// settings, exactly as <c>make rules</c> renders the shipped files with the defaults
/// (scripts/rules.sh): the shipped files carry example-domain URLs, never the stack's addresses.
/// </summary>
internal static class RulePack
{
    /// <summary>The local Grafana address the demo prints for the dashboards (the stack runs no Grafana).</summary>
    public static readonly Uri LocalGrafana = new("http://127.0.0.1:3000");

    /// <summary>Every URL setting of the mixin's _config, pointed at a stack's own servers.</summary>
    public static IReadOnlyDictionary<string, string> StackSettings(Uri sink, Uri hud) => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["runbookBaseUrl"] = Authority(sink) + "/runbooks",
        ["grafanaBaseUrl"] = Authority(LocalGrafana),
        ["hudBaseUrl"] = Authority(hud),
        ["notificationSinkUrl"] = Authority(sink),
    };

    /// <summary>
    /// Writes every generated file under <paramref name="root"/> (alert-rules/..., grafana-dashboards/...,
    /// as in the repository) with <paramref name="settings"/> merged into the mixin's _config.
    /// </summary>
    public static async Task RenderAsync(string root, IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var result = await ExternalTool.RunAsync(
            "bash",
            [RepoPaths.InRepo("scripts", "rules.sh"), root, JsonSerializer.Serialize(settings)]).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"Rendering the rule pack from alert-rules/mixin failed.\n{result.Describe()}");
        }
    }

    private static string Authority(Uri uri) => uri.GetLeftPart(UriPartial.Authority);
}
