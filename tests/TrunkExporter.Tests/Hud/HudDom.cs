using System.Text.Json;
using Microsoft.Playwright;

namespace TrunkExporter.Tests.Hud;

/// <summary>What the browser rendered: read from the live DOM after parsing, not from the HTML text.</summary>
internal sealed record HudDom(
    string Title,
    string? Verdict,
    string? ConsecutiveBroken,
    IReadOnlyList<HudDom.StreakRow> Streaks,
    IReadOnlyList<HudDom.GridColumn> Columns,
    IReadOnlyList<HudDom.GridRow> Rows,
    int Scripts,
    int Images,
    string? Pwned,
    string FailureColour,
    string Background)
{
    private const string Script = """
        () => {
          const text = e => e ? e.textContent : null;
          const href = e => e ? e.getAttribute('href') : null;
          const failure = document.querySelector('table.grid td.o.f');
          return JSON.stringify({
            title: document.title,
            verdict: document.getElementById('verdict')?.dataset.verdict ?? null,
            consecutiveBroken: text(document.getElementById('consecutive-broken')),
            streaks: [...document.querySelectorAll('#streaks tr.streak-job')].map(tr => ({
              workflow: tr.dataset.workflow, job: tr.dataset.job,
              streak: text(tr.querySelector('td.streak')),
              culprit: text(tr.querySelector('td.culprit a.sha')), culpritLink: href(tr.querySelector('td.culprit a.sha')),
              pr: text(tr.querySelector('td.culprit a.pr')),
              range: text(tr.querySelector('td.range')),
              rangeLinks: [...tr.querySelectorAll('td.range .commits a.sha')].map(a => a.textContent),
              green: text(tr.querySelector('td.range a.green')),
              log: href(tr.querySelector('td.log a')) })),
            columns: [...document.querySelectorAll('table.grid thead th.j')].map(th => ({
              job: th.dataset.job, tooltip: th.getAttribute('title'), streak: th.dataset.streak ?? null, culprit: th.dataset.culprit ?? null })),
            rows: [...document.querySelectorAll('table.grid tbody tr')].map(tr => ({
              sha: tr.dataset.sha,
              commitLink: href(tr.querySelector('td.sha a')),
              title: text(tr.querySelector('td.t')),
              author: text(tr.querySelector('td.t + td + td')),
              cells: [...tr.querySelectorAll('td.o')].map(td => td.textContent),
              links: [...tr.querySelectorAll('td.o')].map(td => href(td.querySelector('a'))) })),
            scripts: document.scripts.length,
            images: document.images.length,
            pwned: window.__pwned === undefined ? null : String(window.__pwned),
            failureColour: failure ? getComputedStyle(failure).color : '',
            background: getComputedStyle(document.body).backgroundColor,
          });
        }
        """;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<HudDom> ReadAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return JsonSerializer.Deserialize<HudDom>(await page.EvaluateAsync<string>(Script), Json)!;
    }

    internal sealed record StreakRow(string Workflow, string Job, string Streak, string? Culprit, string? CulpritLink, string? Pr, string Range, IReadOnlyList<string> RangeLinks, string? Green, string? Log);

    internal sealed record GridColumn(string Job, string? Tooltip, string? Streak, string? Culprit);

    internal sealed record GridRow(string Sha, string? CommitLink, string? Title, string? Author, IReadOnlyList<string> Cells, IReadOnlyList<string?> Links);
}
