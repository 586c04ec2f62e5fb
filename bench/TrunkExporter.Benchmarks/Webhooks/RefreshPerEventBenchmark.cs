using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using TrunkExporter.Benchmarks.Requests;
using TrunkExporter.FakeGitHub;
using TrunkExporter.Health;

namespace TrunkExporter.Benchmarks.Webhooks;

/// <summary>
/// What option (a) of the webhook design would cost: one incremental refresh through the exporter's
/// reader (ETags, completion cache) after a single job changed, the refresh a webhook event would
/// trigger. PyTorch-scale window; <see cref="InFlight"/> newest commits still have jobs running, as
/// on PyTorch's main at any time of the working day (a commit every ~15 min, ~4 h of CI each).
/// </summary>
internal static class RefreshPerEventBenchmark
{
    private const string Repo = "pytorch/pytorch";
    private const int Window = 50;
    private const int InFlight = 3;

    public static async Task<int> RunAsync(TextWriter output)
    {
        await output.WriteLineAsync($"Requests of one refresh after one job change (webhook option a), PyTorch-scale window of {Window} commits, {InFlight} newest commits still running.");
        foreach (var (label, scope) in new (string, Func<string, bool>?)[] { ("every workflow", null), ("default scope", ScopeSettings.Default.WorkflowPattern.IsMatch) })
        {
            var shape = TrunkShape.PyTorch;
            await using var server = await FakeGitHubServer.StartAsync(PyTorchLikeTrunk.Create(shape), new FakeGitHubOptions { RateLimit = 1_000_000 });
            var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
            await using var client = new ClientUnderTest(server.ApiBaseUrl, time);
            var commits = Enumerable.Range(1, InFlight).Select(number => PyTorchLikeTrunk.QueuedCommit(shape, number)).ToList();
            foreach (var commit in commits)
            {
                server.Change(Repo, (repository, now) => repository.Push(commit, now));
            }

            // Half of each in-flight commit's jobs have finished: the state between two events.
            foreach (var commit in commits)
            {
                server.Change(Repo, (repository, now) =>
                {
                    foreach (var job in commit.Jobs.Where((_, index) => index % 2 == 0))
                    {
                        repository.SetJob(commit.Sha, job.Workflow, job.Name, "completed", "success", now);
                    }
                });
            }

            await client.RefreshAsync(Repo, Window, scope);
            server.ResetCounts();
            await client.RefreshAsync(Repo, Window, scope);
            var idle = server.Counts;

            // One job of the newest commit fails: the event a webhook delivers.
            var newest = commits[^1];
            var failing = newest.Jobs.Where((_, index) => index % 2 == 1).First(job => job.Workflow == "pull");
            server.Change(Repo, (repository, now) => repository.SetJob(newest.Sha, failing.Workflow, failing.Name, "completed", "failure", now));
            server.ResetCounts();
            await client.RefreshAsync(Repo, Window, scope);
            var afterEvent = server.Counts;
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{label}: refresh with nothing changed {idle.Total} requests ({idle.NotModified} 304s); refresh after one job change {afterEvent.Total} requests ({afterEvent.NotModified} 304s, {afterEvent.Of(RequestKind.Commits)} commits, {afterEvent.Of(RequestKind.Runs)} runs, {afterEvent.Of(RequestKind.Jobs)} jobs)."));
        }

        return 0;
    }
}
