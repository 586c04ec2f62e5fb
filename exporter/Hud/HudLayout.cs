using System.Text;

namespace TrunkExporter.Hud;

/// <summary>The frame every HUD page shares: head with reload and style, a footer with the other endpoints.</summary>
internal static class HudLayout
{
    public static StringBuilder Begin(StringBuilder html, string title, int reloadSeconds)
    {
        ArgumentNullException.ThrowIfNull(html);
        return html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<meta name=\"color-scheme\" content=\"light dark\">\n")
            .Append("<meta http-equiv=\"refresh\" content=\"").Number(reloadSeconds).Append("\">\n")
            .Append("<title>").Text(title).Append("</title>\n")
            .Append("<style>").Append(HudStyle.Css).Append("</style>\n</head>\n<body>\n");
    }

    public static string End(StringBuilder html, int reloadSeconds)
    {
        ArgumentNullException.ThrowIfNull(html);
        return html.Append("<footer class=\"meta\">trunk-exporter · this page reloads every ").Number(reloadSeconds)
            .Append(" s · <a href=\"/\">watched branches</a> · <a href=\"/metrics\">/metrics</a> · <a href=\"/healthz\">/healthz</a> · <a href=\"/readyz\">/readyz</a></footer>\n")
            .Append("</body>\n</html>\n")
            .ToString();
    }

    /// <summary>The HUD page's path for a branch: /hud/owner/name/branch (a branch may contain slashes).</summary>
    public static string HudPath(string repo, string branch) => $"/hud/{GitHubWeb.Segments(repo)}/{GitHubWeb.Segments(branch)}";
}
