using System.Text;
using TrunkExporter.Health;
using TrunkExporter.Refresh;

namespace TrunkExporter.Hud;

/// <summary>
/// <c>GET /hud/{owner}/{repo}/{branch}</c>: the commit x job grid of one branch, rendered from its published
/// state only (the grid itself is computed by the engine at refresh time), so a render costs no I/O.
/// </summary>
internal static class HudPage
{
    /// <summary>Commits of a culprit range listed one by one; the rest are counted.</summary>
    public const int RangeListed = 10;

    /// <summary>
    /// Every grid cell's markup per outcome and mark, built once: a PyTorch-scale page has some 15,000
    /// cells, so a cell is one append (three with a log link).
    /// </summary>
    private static readonly (string Open, char Symbol, string Whole)[] CellParts =
    [
        .. Enum.GetValues<JobOutcome>().OrderBy(outcome => (int)outcome).SelectMany(outcome => Enum.GetValues<Mark>().OrderBy(mark => (int)mark).Select(mark =>
        {
            var open = $"<td class=\"o {OutcomeSymbols.CssClass(outcome)}{mark switch { Mark.Streak => " k", Mark.Range => " r", _ => string.Empty }}\">";
            var symbol = OutcomeSymbols.Symbol(outcome);
            return (open, symbol, $"{open}{symbol}</td>");
        })),
    ];

    private enum Mark
    {
        None = 0,
        Streak = 1,
        Range = 2,
    }

    public static string Render(BranchState state, HudSettings settings)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(settings);
        var target = state.Target;
        var health = state.Health;
        var streaks = health?.Jobs.Where(job => job.Streak >= settings.AlertStreak).OrderByDescending(job => job.Streak).ThenBy(job => job.Job).ToArray() ?? [];
        var html = new StringBuilder(health is null ? 8192 : 32768 + (health.Grid.Rows * ((health.Grid.Columns.Count * 28) + 600)));
        var title = health is null
            ? $"{target.Repo} {target.Branch}: no data yet · trunk HUD"
            : $"{target.Repo} {target.Branch}: {health.ConsecutiveBrokenCommits} consecutive broken, {streaks.Length} jobs on a streak · trunk HUD";
        HudLayout.Begin(html, title, settings.ReloadSeconds);

        var web = settings.GitHub;
        html.Append("<header>\n<nav><a href=\"/\">trunk HUD</a> / ").Link(web.Repository(target.Repo), target.Repo)
            .Append(" / ").Link(web.Branch(target.Repo, target.Branch), target.Branch).Append("</nav>\n")
            .Append("<h1>").Text(target.Repo).Append(" <span class=\"muted\">").Text(target.Branch).Append("</span></h1>\n");
        AppendRefresh(html, state);
        if (health is null)
        {
            html.Append("<p id=\"no-data\">No successful refresh of this branch yet; the page reloads until one arrives.</p>\n</header>\n");
            return HudLayout.End(html, settings.ReloadSeconds);
        }

        AppendSummary(html, health, streaks.Length, settings);
        html.Append("</header>\n");
        AppendStreaks(html, health, streaks, settings);
        AppendGrid(html, health, settings);
        return HudLayout.End(html, settings.ReloadSeconds);
    }

    private static void AppendRefresh(StringBuilder html, BranchState state)
    {
        html.Append("<p class=\"meta\" id=\"refresh\">");
        if (state.LastSuccess is { } success)
        {
            html.Append("Data of the refresh at ").Time(success, "yyyy-MM-dd HH:mm:ss").Append(" UTC.");
        }

        if (state.LastError is { } error)
        {
            html.Append(" <strong id=\"refresh-error\">The latest refresh failed").Append(state.Health is null ? string.Empty : ", showing the last good state")
                .Append(": ").Text(error).Append("</strong>");
        }

        html.Append("</p>\n");
    }

    private static void AppendSummary(StringBuilder html, TrunkHealth health, int streakJobs, HudSettings settings)
    {
        // The verdict that counts is the newest one that is not unknown, as for the consecutive-broken count.
        var judged = health.Commits.FirstOrDefault(commit => commit.Verdict != CommitVerdict.Unknown);
        var verdict = judged?.Verdict ?? CommitVerdict.Unknown;
        var word = OutcomeSymbols.Word(verdict);
        html.Append("<p class=\"summary ").Append(word).Append("\" id=\"summary\"><span id=\"verdict\" data-verdict=\"").Append(word).Append("\">")
            .Append(OutcomeSymbols.Symbol(verdict)).Append(' ').Append(word).Append("</span>");
        if (judged is not null)
        {
            html.Append(" (newest commit with a verdict: ").Link(settings.GitHub.Commit(health.Repo, judged.Sha), ShortSha.Of(judged.Sha), "sha").Append(')');
        }

        html.Append(" · <strong id=\"consecutive-broken\">").Number(health.ConsecutiveBrokenCommits).Append("</strong> consecutive broken commits")
            .Append(" · <strong id=\"streak-jobs\">").Number(streakJobs).Append("</strong> jobs on a streak of ").Number(settings.AlertStreak).Append(" or more")
            .Append(" · window of ").Number(health.WindowCommits).Append(" commits</p>\n");
    }

    private static void AppendStreaks(StringBuilder html, TrunkHealth health, JobStreak[] streaks, HudSettings settings)
    {
        html.Append("<section id=\"streaks\">\n<h2>Jobs on a streak of ").Number(settings.AlertStreak).Append(" or more</h2>\n");
        if (streaks.Length == 0)
        {
            html.Append("<p>No job is on a streak of ").Number(settings.AlertStreak).Append(" or more failing commits.</p>\n</section>\n");
            return;
        }

        html.Append("<table class=\"streaks\">\n<thead><tr><th>Streak</th><th>Workflow</th><th>Job</th><th>Failing since (UTC)</th><th>Culprit</th><th>Culprit range</th><th>Log</th></tr></thead>\n<tbody>\n");
        foreach (var job in streaks)
        {
            html.Append("<tr class=\"streak-job\" data-workflow=\"").Text(job.Job.Workflow).Append("\" data-job=\"").Text(job.Job.JobName).Append("\">")
                .Append("<td class=\"streak\">").Number(job.Streak).Append("</td><td>").Text(job.Job.Workflow).Append("</td><td>").Text(job.Job.JobName).Append("</td><td>");
            if (job.FailingSince is { } since)
            {
                html.Time(since);
            }

            html.Append("</td><td class=\"culprit\">");
            if (job.CulpritSha is { } sha)
            {
                AppendCommit(html, health.Repo, sha, job.CulpritPr, settings.GitHub);
            }

            html.Append("</td><td class=\"range\">");
            if (job.Culprits is { } range)
            {
                AppendRange(html, health.Repo, range, settings.GitHub);
            }

            html.Append("</td><td class=\"log\">");
            if (Html.SafeUrl(job.LastFailureUrl) is { } log)
            {
                html.Link(log, "newest failing log");
            }
            else
            {
                html.Append("<span class=\"muted\">unknown</span>");
            }

            html.Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n</section>\n");
    }

    private static void AppendCommit(StringBuilder html, string repo, string sha, long? pr, GitHubWeb web)
    {
        html.Link(web.Commit(repo, sha), ShortSha.Of(sha), "sha");
        if (pr is { } number)
        {
            html.Append(" (").Link(web.PullRequest(repo, number), $"#{number}", "pr").Append(')');
        }
    }

    private static void AppendRange(StringBuilder html, string repo, CulpritRange range, GitHubWeb web)
    {
        var count = range.Commits.Count;
        html.Append("<span class=\"count\">").Number(count).Append(count == 1 ? " commit" : " commits").Append(range.LastGreenSha is null ? "+" : string.Empty).Append("</span>");
        if (range.LastGreenSha is { } green)
        {
            html.Append(" since the last pass at ").Link(web.Commit(repo, green), ShortSha.Of(green), "sha green")
                .Append(" (").Link($"{web.Repository(repo)}/compare/{Uri.EscapeDataString(green)}...{Uri.EscapeDataString(range.FirstFailing.Sha)}", "compare").Append(')');
        }
        else
        {
            html.Append(", no pass in the window");
        }

        html.Append(":<span class=\"commits\">");
        foreach (var commit in range.Commits.Take(RangeListed))
        {
            html.Append(' ');
            AppendCommit(html, repo, commit.Sha, commit.Pr, web);
        }

        if (count > RangeListed)
        {
            html.Append(" and ").Number(count - RangeListed).Append(" more");
        }

        html.Append("</span>");
    }

    private static void AppendGrid(StringBuilder html, TrunkHealth health, HudSettings settings)
    {
        var grid = health.Grid;
        var columns = grid.Columns;
        html.Append("<section id=\"grid\">\n<h2>Commits (newest first) × the ").Number(columns.Count).Append(" jobs that failed in the window</h2>\n")
            .Append("<p class=\"legend\"><span class=\"f\">").Append(OutcomeSymbols.Failure).Append(" failure</span><span class=\"s\">").Append(OutcomeSymbols.Success)
            .Append(" success</span><span class=\"p\">").Append(OutcomeSymbols.Pending).Append(" pending</span><span class=\"n\">").Append(OutcomeSymbols.NoData)
            .Append(" no data</span><span>streak N: a job on a streak of N failing commits (solid outline), its culprit range below it dashed</span></p>\n")
            .Append("<div class=\"scroll\">\n<table class=\"grid\">\n<thead>\n<tr><th rowspan=\"2\">Commit</th><th rowspan=\"2\">Time (UTC)</th><th rowspan=\"2\">Verdict</th><th rowspan=\"2\">Title</th><th rowspan=\"2\">PR</th><th rowspan=\"2\">Author</th>");
        for (var start = 0; start < columns.Count;)
        {
            var workflow = columns[start].Job.Workflow;
            var end = start;
            while (end < columns.Count && columns[end].Job.Workflow == workflow)
            {
                end++;
            }

            html.Append("<th class=\"wf\" colspan=\"").Number(end - start).Append("\">").Text(workflow).Append("</th>");
            start = end;
        }

        html.Append("</tr>\n<tr>");
        var marks = new (int Culprit, int RangeEnd)[columns.Count];
        var rows = IndexRows(health.Commits);
        for (var k = 0; k < columns.Count; k++)
        {
            var job = columns[k];
            marks[k] = (-1, -1);
            html.Append("<th class=\"j");
            if (job.Streak >= settings.AlertStreak && job.Culprits is { } range && rows.TryGetValue(range.FirstFailing.Sha, out var culprit))
            {
                marks[k] = (culprit, culprit + range.Commits.Count);
                html.Append(" st\" data-streak=\"").Number(job.Streak).Append("\" data-culprit=\"").Text(range.FirstFailing.Sha)
                    .Append("\" title=\"").Text(job.Job.Workflow).Append(" / ").Text(job.Job.JobName).Append(": streak ").Number(job.Streak)
                    .Append(", culprit ").Text(ShortSha.Of(range.FirstFailing.Sha)).Append("\" data-job=\"").Text(job.Job.JobName).Append("\"><span>streak ").Number(job.Streak)
                    .Append(" · ").Text(ShortSha.Of(range.FirstFailing.Sha)).Append(" · ");
            }
            else
            {
                html.Append("\" title=\"").Text(job.Job.Workflow).Append(" / ").Text(job.Job.JobName).Append("\" data-job=\"").Text(job.Job.JobName).Append("\"><span>");
            }

            html.Text(job.Job.JobName).Append("</span></th>");
        }

        html.Append("</tr>\n</thead>\n<tbody>\n");
        for (var r = 0; r < grid.Rows; r++)
        {
            AppendRow(html, health, r, marks, settings.GitHub);
        }

        html.Append("</tbody>\n</table>\n</div>\n</section>\n");
    }

    private static void AppendRow(StringBuilder html, TrunkHealth health, int r, (int Culprit, int RangeEnd)[] marks, GitHubWeb web)
    {
        var commit = health.Commits[r];
        var word = OutcomeSymbols.Word(commit.Verdict);
        html.Append("<tr class=\"v-").Append(word).Append(commit.HasData ? string.Empty : " nodata").Append("\" data-sha=\"").Text(commit.Sha).Append("\"><td class=\"sha\">")
            .Link(web.Commit(health.Repo, commit.Sha), ShortSha.Of(commit.Sha)).Append("</td><td>").Time(commit.Time, "MM-dd HH:mm")
            .Append("</td><td class=\"v v-").Append(word).Append("\" title=\"").Append(word).Append("\">").Append(OutcomeSymbols.Symbol(commit.Verdict))
            .Append("</td><td class=\"t\" title=\"").Text(commit.Title).Append("\">").Text(commit.Title).Append("</td><td>");
        if (commit.Pr is { } pr)
        {
            html.Link(web.PullRequest(health.Repo, pr), $"#{pr}");
        }

        html.Append("</td><td>").Text(commit.Author).Append("</td>");
        var grid = health.Grid;
        for (var k = 0; k < marks.Length; k++)
        {
            var cell = grid[r, k];
            var (culprit, rangeEnd) = marks[k];

            // Solid: the streak's failures (newest to culprit); dashed: the commits of the range below the culprit.
            var mark = culprit < 0 ? Mark.None
                : r <= culprit && cell.Outcome == JobOutcome.Failure ? Mark.Streak
                : r > culprit && r < rangeEnd ? Mark.Range
                : Mark.None;
            var parts = CellParts[((int)cell.Outcome * 3) + (int)mark];
            if (Html.SafeUrl(cell.Url) is { } url)
            {
                html.Append(parts.Open).Append("<a href=\"").Text(url).Append("\">").Append(parts.Symbol).Append("</a></td>");
            }
            else
            {
                html.Append(parts.Whole);
            }
        }

        html.Append("</tr>\n");
    }

    private static Dictionary<string, int> IndexRows(IReadOnlyList<CommitHealth> commits)
    {
        var rows = new Dictionary<string, int>(commits.Count, StringComparer.Ordinal);
        for (var r = 0; r < commits.Count; r++)
        {
            rows.TryAdd(commits[r].Sha, r);
        }

        return rows;
    }
}
