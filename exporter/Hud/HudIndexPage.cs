using System.Text;
using TrunkExporter.Refresh;

namespace TrunkExporter.Hud;

/// <summary><c>GET /</c>: every watched repository and branch with its state, each linking to its HUD page.</summary>
internal static class HudIndexPage
{
    public static string Render(IReadOnlyList<BranchState> states, HudSettings settings)
    {
        ArgumentNullException.ThrowIfNull(states);
        ArgumentNullException.ThrowIfNull(settings);
        var html = new StringBuilder(8192);
        HudLayout.Begin(html, "trunk HUD · watched branches", settings.ReloadSeconds);
        html.Append("<header><h1>trunk HUD</h1><p class=\"meta\">The trunk branches this exporter watches. A job counts towards the alerts from a streak of ")
            .Number(settings.AlertStreak).Append(" failing commits.</p></header>\n")
            .Append("<table id=\"branches\">\n<thead><tr><th>Repository</th><th>Branch</th><th>Team</th><th>State</th><th>Jobs on a streak of ")
            .Number(settings.AlertStreak).Append(" or more</th><th>Consecutive broken commits</th><th>Last refresh (UTC)</th></tr></thead>\n<tbody>\n");
        foreach (var state in states)
        {
            var target = state.Target;
            html.Append("<tr data-repo=\"").Text(target.Repo).Append("\" data-branch=\"").Text(target.Branch).Append("\"><td>")
                .Append("<a href=\"").Text(HudLayout.HudPath(target.Repo, target.Branch)).Append("\">").Text(target.Repo).Append("</a></td><td>")
                .Text(target.Branch).Append("</td><td>").Text(target.Team).Append("</td><td class=\"state\">");
            var streakJobs = state.Health?.Jobs.Count(job => job.Streak >= settings.AlertStreak) ?? 0;
            if (state.Health is null)
            {
                html.Append(state.NeedsOperator ? "needs an operator" : "not refreshed yet");
            }
            else
            {
                html.Append(streakJobs > 0 ? "<span class=\"v-broken\">✗ broken</span>" : "<span class=\"v-green\">✓ no job on a streak</span>");
            }

            if (state.LastError is { } error)
            {
                html.Append("<br><span class=\"muted\">latest refresh failed: ").Text(error).Append("</span>");
            }

            html.Append("</td><td>").Append(state.Health is null ? "-" : streakJobs.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .Append("</td><td>").Append(state.Health?.ConsecutiveBrokenCommits.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-").Append("</td><td>");
            if (state.LastSuccess is { } success)
            {
                html.Time(success, "yyyy-MM-dd HH:mm:ss");
            }
            else
            {
                html.Append("never");
            }

            html.Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
        return HudLayout.End(html, settings.ReloadSeconds);
    }
}
