using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using TrunkExporter.FakeGitHub;
using TrunkExporter.Health;

namespace TrunkExporter.Benchmarks.Requests;

/// <summary>
/// Counts GitHub requests (not time) for the exporter's client against a fake GitHub playing a
/// PyTorch-scale scenario: a cold start; a refresh with nothing new; twice, a new commit whose jobs
/// finish over <see cref="ProgressSteps"/> scripted steps (first in random order, then in list order),
/// each played over ProgressSteps + 2 = 6 refreshes: one sees it queued, one follows each step, and
/// the last finds nothing changed; then the periodic re-check of finished commits.
/// The minimum is what a client that knew which pages changed would read: the pages of the window
/// whose ETag differs from the previous refresh (the fake's census), independent of the client. The naive
/// figure is what a client without ETags, completion cache or settled commits reads: every page of the
/// window on every refresh (the census's size), also independent of the client.
/// These rows read every workflow. A second table plays the same scenario with PyTorch's default
/// scope (pull, trunk, docs-build, linux-binary-*): the jobs of the other workflows of the mix
/// (inductor, slow, rocm, Lint) are never listed.
/// </summary>
internal static class RequestCountBenchmark
{
    private const string Repo = "pytorch/pytorch";
    private const int Window = 50;
    private const int ProgressSteps = 4;

    public static async Task<int> RunAsync(TextWriter output)
    {
        var shape = TrunkShape.PyTorch;
        var stopwatch = Stopwatch.StartNew();
        await output.WriteLineAsync($"Request counts, PyTorch-scale window: {shape.Commits} commits, {shape.RunsPerCommit} runs and {shape.JobsPerCommit} jobs per commit, {Window}-commit window, per_page 100.");
        var ours = await PlayAsync(withMinimum: true, inScope: null);

        string[] header = ["scenario", "minimum", "ours: requests", "ours: 304s", "ours / minimum", "naive: requests", "naive / ours"];
        var rows = ours.Select((row, i) => new[]
        {
            row.Scenario,
            row.Minimum?.ToString(CultureInfo.InvariantCulture) ?? "-",
            row.Counts.Total.ToString(CultureInfo.InvariantCulture),
            row.Counts.NotModified.ToString(CultureInfo.InvariantCulture),
            row.Minimum is > 0 ? (row.Counts.Total / (double)row.Minimum.Value).ToString("0.00x", CultureInfo.InvariantCulture) : "-",
            row.Naive.ToString(CultureInfo.InvariantCulture),
            (row.Naive / (double)Math.Max(1, row.Counts.Total)).ToString("0.0x", CultureInfo.InvariantCulture),
        }).ToList();
        var widths = header.Select((title, column) => Math.Max(title.Length, rows.Max(row => row[column].Length))).ToArray();
        await output.WriteLineAsync(Format(header, widths));
        await output.WriteLineAsync(string.Join("-|-", widths.Select(width => new string('-', width))));
        foreach (var row in rows)
        {
            await output.WriteLineAsync(Format(row, widths));
        }

        var steady = ours[1].Counts.Total;
        var ratio = ours.Skip(2).Take(2).Max(row => row.Counts.Total / (double)row.Minimum!.Value);
        await output.WriteLineAsync($"Goals: steady refresh = 1 request -> {steady} ({(steady == 1 ? "met" : "MISSED")}); new commit <= 1.5x minimum -> {ratio:0.00}x at worst ({(ratio <= 1.5 ? "met" : "MISSED")}).");
        await output.WriteLineAsync($"Rate limit spent by ours (answers other than 304): cold {ours[0].Counts.RateLimited}, steady {ours[1].Counts.RateLimited}, new commits {ours[2].Counts.RateLimited} and {ours[3].Counts.RateLimited}, re-check {ours[4].Counts.RateLimited}. ({stopwatch.Elapsed.TotalSeconds:0} s)");

        await WriteScopedAsync(output, shape, ours);
        return steady == 1 && ratio <= 1.5 ? 0 : 1;
    }

    /// <summary>Ours again, with the service's default scope: what skipping out-of-scope runs saves on the same scenario.</summary>
    private static async Task WriteScopedAsync(TextWriter output, TrunkShape shape, List<Row> all)
    {
        var pattern = ScopeSettings.Default.WorkflowPattern;
        var jobs = PyTorchLikeTrunk.Create(shape).Commits[0].Jobs;
        var workflows = jobs.Select(job => job.Workflow).Distinct(StringComparer.Ordinal).ToList();
        var inScope = workflows.Where(workflow => pattern.IsMatch(workflow)).ToList();
        var share = jobs.Count(job => pattern.IsMatch(job.Workflow)) / (double)jobs.Count;
        var scoped = await PlayAsync(withMinimum: false, inScope: pattern.IsMatch);

        await output.WriteLineAsync();
        await output.WriteLineAsync($"With the default scope ({ScopeSettings.DefaultWorkflowPattern}): {inScope.Count} of {workflows.Count} workflows ({string.Join(", ", inScope)}), {share:P0} of the jobs; the jobs of the other runs are never listed.");
        string[] header = ["scenario", "every workflow", "in-scope runs only", "saved"];
        var rows = all.Select((row, i) => new[]
        {
            row.Scenario,
            row.Counts.Total.ToString(CultureInfo.InvariantCulture),
            scoped[i].Counts.Total.ToString(CultureInfo.InvariantCulture),
            row.Counts.Total == 0 ? "-" : (1 - (scoped[i].Counts.Total / (double)row.Counts.Total)).ToString("P0", CultureInfo.InvariantCulture),
        }).ToList();
        var widths = header.Select((title, column) => Math.Max(title.Length, rows.Max(row => row[column].Length))).ToArray();
        await output.WriteLineAsync(Format(header, widths));
        await output.WriteLineAsync(string.Join("-|-", widths.Select(width => new string('-', width))));
        foreach (var row in rows)
        {
            await output.WriteLineAsync(Format(row, widths));
        }
    }

    private static async Task<List<Row>> PlayAsync(bool withMinimum, Func<string, bool>? inScope)
    {
        var shape = TrunkShape.PyTorch;
        // A limit the client cannot reach here, whatever the scenario.
        await using var server = await FakeGitHubServer.StartAsync(PyTorchLikeTrunk.Create(shape), new FakeGitHubOptions { RateLimit = 1_000_000 });
        // The reader's clock stands still (nothing here waits on it) until the test moves it to the re-check.
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var client = new ClientUnderTest(server.ApiBaseUrl, time);
        var rows = new List<Row>();
        IReadOnlyDictionary<string, string> census = new Dictionary<string, string>();

        var naive = 0;

        // Every page of the window now: what the naive client reads on this refresh.
        int Whole() => naive = server.Census(Repo, Window).Count;

        int? Minimum()
        {
            if (!withMinimum)
            {
                return null;
            }

            var now = server.Census(Repo, Window);
            var changed = now.Count(page => !census.TryGetValue(page.Key, out var etag) || etag != page.Value);
            census = now;
            return changed;
        }

        async Task<RequestCounts> RefreshAsync()
        {
            server.ResetCounts();
            await client.RefreshAsync(Repo, Window, inScope);
            return server.Counts;
        }

        var minimum = Minimum();
        Whole();
        rows.Add(new Row("cold start", minimum, naive, await RefreshAsync()));

        minimum = Minimum();
        Whole();
        rows.Add(new Row("steady refresh, nothing changed", minimum, naive, await RefreshAsync()));

        foreach (var (number, inListOrder) in new[] { (1, false), (2, true) })
        {
            var commit = PyTorchLikeTrunk.QueuedCommit(shape, number);
            server.Change(Repo, (repository, now) => repository.Push(commit, now));
            server.Script(PyTorchLikeTrunk.Progress(Repo, commit, ProgressSteps, seed: 17, inListOrder));
            var total = new List<RecordedRequest>();
            var newCommitMinimum = 0;
            var newCommitNaive = 0;
            for (var refresh = 0; refresh <= ProgressSteps + 1; refresh++)
            {
                newCommitMinimum += Minimum() ?? 0;
                newCommitNaive += Whole();
                total.AddRange((await RefreshAsync()).Requests);
                server.ApplyNextStep();
            }

            var order = inListOrder ? "in list order" : "in random order";
            rows.Add(new Row($"new commit, jobs finishing {order} over {ProgressSteps + 2} refreshes", withMinimum ? newCommitMinimum : null, newCommitNaive, new RequestCounts(total)));
        }

        time.Advance(client.Options.RecheckCompletedAfter);
        minimum = Minimum();
        Whole();
        rows.Add(new Row($"re-check of finished commits (every {client.Options.RecheckCompletedAfter.TotalMinutes:0} min)", minimum, naive, await RefreshAsync()));
        return rows;
    }

    private static string Format(string[] cells, int[] widths) =>
        string.Join(" | ", cells.Select((cell, i) => i == 0 ? cell.PadRight(widths[i]) : cell.PadLeft(widths[i])));

    /// <param name="Naive">Every page of the window at each refresh: what a client without any saving reads.</param>
    private sealed record Row(string Scenario, int? Minimum, int Naive, RequestCounts Counts);
}
