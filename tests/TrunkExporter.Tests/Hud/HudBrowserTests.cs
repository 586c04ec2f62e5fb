using System.Globalization;
using Microsoft.Playwright;
using TrunkExporter.Health;
using TrunkExporter.Hud;
using TrunkExporter.Snapshots;
using Xunit.Abstractions;

namespace TrunkExporter.Tests.Hud;

/// <summary>
/// Issue 14's acceptance: the HUD page served by a real exporter process on 127.0.0.1, loaded in Debian's
/// headless Chromium, read back from the rendered DOM, and photographed into the test results.
/// </summary>
public sealed class HudBrowserTests(HudBrowserFixture fixture, ITestOutputHelper output) : IClassFixture<HudBrowserFixture>
{
    [Fact]
    public async Task The_p2_page_shows_its_two_streak_jobs_culprits_every_outcome_and_the_links()
    {
        var dom = await LoadAsync(fixture.P2AndHostile, "pytorch/pytorch", "main", "hud-p2.png");

        AssertMatchesEngine(dom, RepoPaths.InRepo("samples", "trunk-p2.json"));
        Assert.Equal("broken", dom.Verdict);
        Assert.Equal(
            [
                ("pull", "linux-jammy-py3.10-gcc11 / test (default, linux.4xlarge)", "4", "cb9903c91466", "#169348"),
                ("trunk", "linux-jammy-cuda12.8-py3.10-gcc11 / test (distributed, linux.g4dn.12xlarge.nvidia.gpu)", "3", "f1d842c07d78", "#169224"),
            ],
            dom.Streaks.Select(streak => (streak.Workflow, streak.Job, streak.Streak, streak.Culprit, streak.Pr)));
        Assert.All(dom.Streaks, streak => Assert.StartsWith("https://github.com/pytorch/pytorch/actions/runs/", streak.Log, StringComparison.Ordinal));
        Assert.Equal(["3", "4"], dom.Columns.Where(column => column.Streak is not null).Select(column => column.Streak!).Order(StringComparer.Ordinal));
        // The style applied (the Content-Security-Policy's hash matches it): failures are red on white.
        Assert.Equal("rgb(207, 34, 46)", dom.FailureColour);
        Assert.Equal("rgb(255, 255, 255)", dom.Background);
    }

    [Fact]
    public async Task The_p1_page_shows_its_seven_streak_jobs_with_the_runner_outage_culprit()
    {
        var dom = await LoadAsync(fixture.P1, "pytorch/pytorch", "main", "hud-p1.png");

        AssertMatchesEngine(dom, RepoPaths.InRepo("samples", "trunk-p1.json"));
        Assert.Equal(7, dom.Streaks.Count);
        Assert.Equal(5, dom.Streaks.Count(streak => streak is { Streak: "6", Culprit: "a449dd6ecb1b", Pr: "#169179" }));
    }

    [Fact]
    public async Task The_page_follows_the_dark_preference()
    {
        var dom = await LoadAsync(fixture.P2AndHostile, "pytorch/pytorch", "main", "hud-p2-dark.png", ColorScheme.Dark);

        Assert.Equal("rgb(13, 17, 23)", dom.Background);
        Assert.Equal("rgb(255, 123, 114)", dom.FailureColour);
    }

    [Fact]
    public async Task Hostile_text_stays_text_and_no_script_from_the_data_runs()
    {
        var dom = await LoadAsync(fixture.P2AndHostile, HostileTrunk.Repo, "main", "hud-hostile.png");

        // Nothing from the data became markup: no script or image element exists, none ran.
        Assert.Equal((0, 0, null), (dom.Scripts, dom.Images, dom.Pwned));
        Assert.DoesNotContain("pwned", dom.Title, StringComparison.Ordinal);
        // ... and every text reads back exactly as it was written.
        Assert.Equal(HostileTrunk.Title, dom.Rows[0].Title);
        Assert.Equal(HostileTrunk.Author, dom.Rows[0].Author);
        string[] jobs = [HostileTrunk.QuotedJob, HostileTrunk.TagJob];
        Assert.Equal(jobs.Order(StringComparer.Ordinal), dom.Columns.Select(column => column.Job).Order(StringComparer.Ordinal));
        Assert.Contains(dom.Columns, column => column.Tooltip == $"pull / {HostileTrunk.QuotedJob}: streak 4, culprit {ShortSha.Of(HostileTrunk.Sha(3))}");
        Assert.Equal(jobs.Order(StringComparer.Ordinal), dom.Streaks.Select(streak => streak.Job).Order(StringComparer.Ordinal));
        // A javascript: URL is not a link; a URL with quotes and ampersands survives escaping intact.
        var quoted = dom.Columns.ToList().FindIndex(column => column.Job == HostileTrunk.QuotedJob);
        var tag = dom.Columns.ToList().FindIndex(column => column.Job == HostileTrunk.TagJob);
        Assert.Null(dom.Rows[0].Links[tag]);
        Assert.Equal("✗", dom.Rows[0].Cells[tag]);
        Assert.Equal(HostileTrunk.AmpersandUrl, dom.Rows[0].Links[quoted]);
        Assert.Null(dom.Streaks.Single(streak => streak.Job == HostileTrunk.TagJob).Log);
    }

    /// <summary>The rendered grid and streak table against the engine's own calculation of the same file: every cell, link and culprit.</summary>
    private static void AssertMatchesEngine(HudDom dom, string sample)
    {
        var health = TrunkHealthCalculator.Calculate(SnapshotReader.ReadFile(sample), ScopeSettings.Default);
        var grid = health.Grid;

        Assert.Equal(health.ConsecutiveBrokenCommits.ToString(CultureInfo.InvariantCulture), dom.ConsecutiveBroken);
        Assert.Equal(grid.Columns.Select(column => column.Job.JobName), dom.Columns.Select(column => column.Job));
        Assert.Equal(health.Commits.Select(commit => commit.Sha), dom.Rows.Select(row => row.Sha));
        for (var r = 0; r < grid.Rows; r++)
        {
            var row = dom.Rows[r];
            Assert.Equal($"https://github.com/pytorch/pytorch/commit/{health.Commits[r].Sha}", row.CommitLink);
            Assert.Equal(health.Commits[r].Title, row.Title);
            Assert.Equal(
                Enumerable.Range(0, grid.Columns.Count).Select(k => OutcomeSymbols.Symbol(grid[r, k].Outcome).ToString()),
                row.Cells);
            Assert.Equal(Enumerable.Range(0, grid.Columns.Count).Select(k => grid[r, k].Url), row.Links);
        }

        var streaks = health.Jobs.Where(job => job.Streak >= 3).OrderByDescending(job => job.Streak).ThenBy(job => job.Job).ToArray();
        Assert.Equal(
            streaks.Select(job => (job.Job.JobName, job.Streak.ToString(CultureInfo.InvariantCulture), ShortSha.Of(job.CulpritSha!), $"https://github.com/pytorch/pytorch/commit/{job.CulpritSha}", job.LastFailureUrl)),
            dom.Streaks.Select(streak => (streak.Job, streak.Streak, streak.Culprit!, streak.CulpritLink!, streak.Log)));
        Assert.Equal(
            streaks.Select(job => (string.Join(' ', job.Culprits!.Commits.Take(10).Select(commit => ShortSha.Of(commit.Sha))), job.Culprits.LastGreenSha is { } green ? ShortSha.Of(green) : null)),
            dom.Streaks.Select(streak => (string.Join(' ', streak.RangeLinks), streak.Green)));
        Assert.Equal(streaks.Length, dom.Columns.Count(column => column.Streak is not null));
    }

    private async Task<HudDom> LoadAsync(ExporterProcess exporter, string repo, string branch, string screenshot, ColorScheme colorScheme = ColorScheme.Light)
    {
        var page = await fixture.Chromium.Context.NewPageAsync();
        try
        {
            await page.EmulateMediaAsync(new PageEmulateMediaOptions { ColorScheme = colorScheme });
            var requests = new List<string>();
            var dialogs = new List<string>();
            page.Request += (_, request) => requests.Add(request.Url);
            page.Dialog += (_, dialog) => dialogs.Add(dialog.Message);
            var url = new Uri(exporter.BaseAddress, $"hud/{repo}/{branch}").ToString();

            var response = await page.GotoAsync(url, new PageGotoOptions { Timeout = 30_000 });

            Assert.Equal(200, response?.Status);
            Directory.CreateDirectory(HeadlessChromium.ScreenshotFolder);
            var path = Path.Combine(HeadlessChromium.ScreenshotFolder, screenshot);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true, Timeout = 30_000 });
            output.WriteLine($"screenshot: {path}");
            var dom = await HudDom.ReadAsync(page);
            Assert.Empty(dialogs);
            // No external assets: everything the page needed came from the exporter (style inline, no scripts, no fonts).
            Assert.Contains(url, requests);
            Assert.All(requests, request => Assert.StartsWith(exporter.BaseAddress.ToString(), request, StringComparison.Ordinal));
            return dom;
        }
        finally
        {
            await page.CloseAsync();
        }
    }
}
