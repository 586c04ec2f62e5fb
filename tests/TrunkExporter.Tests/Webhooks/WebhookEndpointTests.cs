using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Options;
using Octokit.Webhooks;
using TrunkExporter.FakeGitHub;
using TrunkExporter.GitHub;
using TrunkExporter.GitHub.Auth;
using TrunkExporter.Hosting;
using TrunkExporter.Snapshots;
using TrunkExporter.Stack;
using TrunkExporter.Tests.GitHub;
using TrunkExporter.Tests.Support;
using TrunkExporter.Webhooks;

namespace TrunkExporter.Tests.Webhooks;

/// <summary>
/// The service as deployed, reading a fake GitHub every 10 minutes, receiving signed deliveries of real
/// payload shapes (../shared/fixtures/github, read in place). The fixtures' workflow_job is about
/// Codertocat/Hello-World main, commit 3484a3f, job "linters" of the CodeQL workflow.
/// </summary>
public sealed class WebhookEndpointTests(Xunit.Abstractions.ITestOutputHelper output) : IAsyncLifetime, IDisposable
{
    private const string Repo = "Codertocat/Hello-World";
    private const string Sha = "3484a3fb816e0859fd6e1cea078d76385ff50625";
    private const string Secret = "It's a Secret to Everybody";
    private const string FailureFixture = "webhook-workflow_job-completed-failure-with-organization.json";
    private const string Failing = "trunk_job_failure_streak{repo=\"Codertocat/Hello-World\",branch=\"main\",workflow=\"CodeQL\",job_name=\"linters\"} 1";

    private readonly TestTimeout _timeout = new();
    private readonly TempDirectory _directory = new();
    private FakeGitHubServer _server = null!;
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeGitHubServer.StartAsync(Trunk(Repo));
        _app = await StartAsync(_server, _directory, Secret);
        _client = _app.GetTestClient();
        _server.ResetCounts();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.StopAsync(_timeout.Token);
        await _app.DisposeAsync();
        await _server.DisposeAsync();
    }

    public void Dispose()
    {
        _directory.Dispose();
        _timeout.Dispose();
    }

    /// <summary>Newest commit: linters still running, analyze passed; two older commits green.</summary>
    internal static TrunkSnapshot Trunk(string repo)
    {
        var now = DateTimeOffset.UtcNow;
        SnapshotCommit Commit(string sha, int age, string lintersStatus, string? lintersConclusion) => new(
            sha, now.AddMinutes(-15 * age), [new SnapshotJob("CodeQL", "linters", lintersStatus, lintersConclusion), new SnapshotJob("CodeQL", "analyze", "completed", "success")]);
        return new TrunkSnapshot(repo, "main", now, [
            Commit(Sha, 0, "in_progress", null),
            Commit(new string('b', 40), 1, "completed", "success"),
            Commit(new string('c', 40), 2, "completed", "success"),
        ]);
    }

    /// <summary>The exporter polling every 10 minutes (so only a webhook can change it), ready after its first poll.</summary>
    internal static async Task<WebApplication> StartAsync(FakeGitHubServer server, TempDirectory directory, string? secret, params string[] extra)
    {
        var args = new List<string>
        {
            "--TrunkExporter:RefreshInterval=00:10:00",
            $"--TrunkExporter:Repositories:0:Repo={Repo}",
            "--TrunkExporter:Repositories:0:Team=dev-infra",
            "--TrunkExporter:Repositories:0:Scope:Workflows=^CodeQL$",
            $"--TrunkExporter:GitHub:ApiBaseUrl={server.ApiBaseUrl}",
        };
        if (secret is not null)
        {
            var file = directory.File("webhook-secret");
            await File.WriteAllTextAsync(file, secret + "\n");
            args.Add($"--TrunkExporter:GitHub:WebhookSecretFile={file}");
        }

        var app = ExporterApp.Build([.. args, .. extra], builder =>
        {
            builder.WebHost.UseTestServer();
            builder.Services.AddSingleton(provider => new GitHubCredentials(
                provider.GetRequiredService<IOptions<GitHubOptions>>(),
                name => name == GitHubCredentials.EnvironmentVariable ? GitHubHarness.Token : null));
        });
        await app.StartAsync();
        using var client = app.GetTestClient();
        await BoundedWait.UntilAsync(
            async token => (await client.GetAsync(new Uri("/readyz", UriKind.Relative), token)).IsSuccessStatusCode,
            TimeSpan.FromSeconds(30),
            () => "the exporter never became ready");
        return app;
    }

    private Task<string> MetricsAsync() => _client.GetStringAsync(new Uri("/metrics", UriKind.Relative), _timeout.Token);

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        using (request)
        {
            return await _client.SendAsync(request, _timeout.Token);
        }
    }

    /// <summary>Long enough for the applier to have published anything it was going to (it gathers for 100 ms).</summary>
    private Task SettleAsync() => Task.Delay(WebhookApplier.Gather * 5, _timeout.Token);

    [SharedFixtureFact]
    public async Task A_failure_delivered_by_webhook_shows_on_metrics_within_2_s_without_a_GitHub_request()
    {
        Assert.DoesNotContain(Failing, await MetricsAsync(), StringComparison.Ordinal);
        var delivery = WebhookDelivery.FromFixture(FailureFixture, "workflow_job");

        var clock = Stopwatch.StartNew();
        using var answer = await SendAsync(delivery.Signed(Secret));
        var answered = clock.Elapsed;
        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        string metrics;
        do
        {
            metrics = await MetricsAsync();
        }
        while (!metrics.Contains(Failing, StringComparison.Ordinal) && clock.Elapsed < TimeSpan.FromSeconds(2) && await Delay(20));

        Assert.True(metrics.Contains(Failing, StringComparison.Ordinal), $"not on /metrics within 2 s (answered in {answered.TotalMilliseconds:F0} ms)");
        output.WriteLine($"answered in {answered.TotalMilliseconds:F0} ms, on /metrics after {clock.Elapsed.TotalMilliseconds:F0} ms");
        Assert.Contains($"trunk_commit_failing_jobs{{repo=\"{Repo}\",branch=\"main\",sha=\"{Sha}\"}} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("trunk_exporter_webhook_deliveries_total{event=\"workflow_job\",result=\"applied\"} 1", metrics, StringComparison.Ordinal);
        Assert.Equal(0, _server.Counts.Total);
    }

    private async Task<bool> Delay(int milliseconds)
    {
        await Task.Delay(milliseconds, _timeout.Token);
        return true;
    }

    [SharedFixtureTheory]
    [InlineData("none", HttpStatusCode.Unauthorized)]
    [InlineData("wrong secret", HttpStatusCode.Unauthorized)]
    [InlineData("tampered body", HttpStatusCode.Unauthorized)]
    [InlineData("not hex", HttpStatusCode.Unauthorized)]
    [InlineData("form content type", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("no content type", HttpStatusCode.UnsupportedMediaType)]
    public async Task A_bad_missing_or_wrong_secret_signature_or_content_type_gets_4xx_and_changes_nothing(string fault, HttpStatusCode expected)
    {
        var delivery = WebhookDelivery.FromFixture(FailureFixture, "workflow_job");
        var request = fault switch
        {
            "none" => delivery.Request(signature: null),
            "wrong secret" => delivery.Signed("not the secret"),
            "tampered body" => (delivery with { Body = [.. delivery.Body, (byte)' '] }).Request(WebhookDelivery.Sign(Secret, delivery.Body)),
            "not hex" => delivery.Request("sha256=" + new string('z', 64)),
            "form content type" => delivery.Request(WebhookDelivery.Sign(Secret, delivery.Body), "application/x-www-form-urlencoded"),
            _ => delivery.Signed(Secret),
        };
        if (fault == "no content type")
        {
            request.Content!.Headers.ContentType = null;
        }

        using var answer = await SendAsync(request);
        await SettleAsync();
        var metrics = await MetricsAsync();

        Assert.Equal(expected, answer.StatusCode);
        Assert.DoesNotContain(Failing, metrics, StringComparison.Ordinal);
        Assert.Contains($"trunk_exporter_webhook_deliveries_total{{event=\"workflow_job\",result=\"{(expected == HttpStatusCode.Unauthorized ? "unauthorized" : "invalid")}\"}} 1", metrics, StringComparison.Ordinal);
        Assert.Equal(0, _app.Services.GetRequiredService<WebhookApplier>().Publications);
    }

    [SharedFixtureFact]
    public async Task A_redelivery_is_applied_once()
    {
        // A real delivery recorded by pytorch/test-infra, with its real delivery ID, about a branch this exporter does not watch.
        var recorded = WebhookDelivery.FromRecordedDelivery("pytorch-test-infra-webhook-workflow_job-queued.delivery.json");
        var failure = WebhookDelivery.FromFixture(FailureFixture, "workflow_job") with { Id = recorded.Id };

        using var first = await SendAsync(failure.Signed(Secret));
        using var again = await SendAsync(failure.Signed(Secret));
        using var recordedAgain = await SendAsync(recorded.Signed(Secret));
        await SettleAsync();
        var metrics = await MetricsAsync();

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(HttpStatusCode.OK, recordedAgain.StatusCode);
        Assert.Contains("trunk_exporter_webhook_deliveries_total{event=\"workflow_job\",result=\"applied\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("trunk_exporter_webhook_deliveries_total{event=\"workflow_job\",result=\"duplicate\"} 2", metrics, StringComparison.Ordinal);
        Assert.Equal(1, _app.Services.GetRequiredService<WebhookApplier>().Publications);
    }

    [SharedFixtureFact]
    public async Task A_burst_of_500_events_causes_at_most_5_publications_and_no_GitHub_request()
    {
        // The job runs and finishes over and over, as PyTorch's hundreds of jobs a minute would look to one branch; the last is a failure.
        var deliveries = Enumerable.Range(0, 500).Select(i => i == 499
            ? WebhookDelivery.FromFixture(FailureFixture, "workflow_job")
            : WebhookDelivery.FromFixture("webhook-workflow_job-in_progress.json", "workflow_job", payload => payload["workflow_job"]!["name"] = $"linters {i}")).ToList();
        Assert.All(deliveries, delivery => Assert.Contains(Sha, Encoding.UTF8.GetString(delivery.Body), StringComparison.Ordinal));

        var statuses = new List<HttpStatusCode>();
        await Parallel.ForEachAsync(deliveries, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = _timeout.Token }, async (delivery, token) =>
        {
            using var request = delivery.Signed(Secret);
            using var answer = await _client.SendAsync(request, token);
            lock (statuses)
            {
                statuses.Add(answer.StatusCode);
            }
        });
        await BoundedWait.UntilAsync(
            async _ => (await MetricsAsync()).Contains(Failing, StringComparison.Ordinal),
            TimeSpan.FromSeconds(10),
            () => "the burst's last event never showed",
            cancellationToken: _timeout.Token);
        await Task.Delay(WebhookApplier.Spacing * 2, _timeout.Token);

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.Accepted, status));
        var publications = _app.Services.GetRequiredService<WebhookApplier>().Publications;
        output.WriteLine($"500 deliveries: {publications} publications, {_server.Counts.Total} GitHub requests");
        Assert.InRange(publications, 1, 5);
        Assert.Equal(0, _server.Counts.Total);
    }

    [SharedFixtureTheory]
    [InlineData("someone/else", "main")]
    [InlineData(Repo, "feature")]
    public async Task An_event_about_an_unwatched_repository_or_branch_gets_2xx_and_is_ignored(string repo, string branch)
    {
        var delivery = WebhookDelivery.FromFixture(FailureFixture, "workflow_job", payload =>
        {
            payload["repository"]!["full_name"] = repo;
            payload["workflow_job"]!["head_branch"] = branch;
        });

        using var answer = await SendAsync(delivery.Signed(Secret));
        await SettleAsync();
        var metrics = await MetricsAsync();

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.DoesNotContain(Failing, metrics, StringComparison.Ordinal);
        Assert.Contains("trunk_exporter_webhook_deliveries_total{event=\"workflow_job\",result=\"ignored\"} 1", metrics, StringComparison.Ordinal);
    }

    [SharedFixtureFact]
    public async Task A_delivery_about_a_watched_repository_moves_its_last_delivery_time()
    {
        var before = LastDelivery(await MetricsAsync());
        await Task.Delay(50, _timeout.Token);
        using var answer = await SendAsync(WebhookDelivery.FromFixture("webhook-workflow_run-requested.json", "workflow_run", payload => payload["repository"]!["full_name"] = Repo).Signed(Secret));

        Assert.True(answer.IsSuccessStatusCode, answer.StatusCode.ToString());
        Assert.True(LastDelivery(await MetricsAsync()) > before);
    }

    private static double LastDelivery(string metrics) => double.Parse(
        metrics.Split('\n').Single(line => line.StartsWith($"trunk_exporter_webhook_last_delivery_timestamp_seconds{{repo=\"{Repo}\"}}", StringComparison.Ordinal)).Split(' ')[1],
        System.Globalization.CultureInfo.InvariantCulture);

    [SharedFixtureFact]
    public async Task A_push_adds_the_new_commit_at_once()
    {
        var delivery = WebhookDelivery.FromFixture("webhook-workflow_job-queued.json", "workflow_job");
        var push = PushDelivery(Repo, "dddddddddddddddddddddddddddddddddddddddd");

        using var answer = await SendAsync(push.Signed(Secret));
        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        await BoundedWait.UntilAsync(
            async _ => (await MetricsAsync()).Contains("trunk_window_commits{repo=\"Codertocat/Hello-World\",branch=\"main\"} 4", StringComparison.Ordinal),
            TimeSpan.FromSeconds(5),
            () => "the pushed commit never joined the window",
            cancellationToken: _timeout.Token);
        Assert.NotNull(delivery);
    }

    /// <summary>A push of one commit; push payloads are GitHub's documented shape, built here (the fixtures have none).</summary>
    private static WebhookDelivery PushDelivery(string repo, string sha)
    {
        var payload = new JsonObject
        {
            ["ref"] = "refs/heads/main",
            ["before"] = Sha,
            ["after"] = sha,
            ["created"] = false,
            ["deleted"] = false,
            ["forced"] = false,
            ["base_ref"] = null,
            ["compare"] = $"https://github.com/{repo}/compare/3484a3fb816e...{sha[..12]}",
            ["commits"] = new JsonArray(Commit()),
            ["head_commit"] = Commit(),
            ["pusher"] = new JsonObject { ["name"] = "octocat", ["email"] = "octocat@github.com" },
            ["repository"] = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.SharedFixtures, FailureFixture)))!["repository"]!.DeepClone(),
        };
        payload["repository"]!["full_name"] = repo;
        return new WebhookDelivery("push", Guid.NewGuid().ToString(), Encoding.UTF8.GetBytes(payload.ToJsonString()));

        JsonObject Commit() => new()
        {
            ["id"] = sha,
            ["tree_id"] = new string('e', 40),
            ["distinct"] = true,
            ["message"] = "Fix the build\n\nLonger text.",
            ["timestamp"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssK", System.Globalization.CultureInfo.InvariantCulture),
            ["url"] = $"https://github.com/{repo}/commit/{sha}",
            ["author"] = new JsonObject { ["name"] = "Octo Cat", ["email"] = "octocat@github.com", ["username"] = "octocat" },
            ["committer"] = new JsonObject { ["name"] = "GitHub", ["email"] = "noreply@github.com", ["username"] = "web-flow" },
            ["added"] = new JsonArray(),
            ["removed"] = new JsonArray(),
            ["modified"] = new JsonArray("README.md"),
        };
    }

    [SharedFixtureFact]
    public async Task A_payload_larger_than_GitHubs_25_MB_cap_gets_413()
    {
        var delivery = new WebhookDelivery("workflow_job", Guid.NewGuid().ToString(), new byte[(25 * 1024 * 1024) + 1]);

        using var answer = await SendAsync(delivery.Signed(Secret));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, answer.StatusCode);
    }

    [SharedFixtureFact]
    public async Task A_signed_but_malformed_payload_gets_400()
    {
        var delivery = new WebhookDelivery("workflow_job", Guid.NewGuid().ToString(), "{\"action\": \"completed\", \"workflow_job\": 5}"u8.ToArray());

        using var answer = await SendAsync(delivery.Signed(Secret));

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
    }

    [SharedFixtureFact]
    public async Task The_signature_check_matches_the_published_test_vectors()
    {
        var vectors = JsonNode.Parse(File.ReadAllBytes(Path.Combine(RepoPaths.SharedFixtures, "webhook-signature-test-vectors.json")))!["vectors"]!.AsArray();
        Assert.NotEmpty(vectors);
        foreach (var vector in vectors)
        {
            var secret = vector!["secret"]!.GetValue<string>();
            var payload = Encoding.UTF8.GetBytes(vector["payload"]!.GetValue<string>());
            var header = vector["X-Hub-Signature-256"]!.GetValue<string>();

            Assert.Equal(header, WebhookDelivery.Sign(secret, payload));
            Assert.Equal(WebhookSignatureValidationResult.Valid, WebhookSignatureValidator.Verify(header, secret, payload));
            Assert.NotEqual(WebhookSignatureValidationResult.Valid, WebhookSignatureValidator.Verify(header, secret + "x", payload));
        }

        // Through the endpoint: the first vector signed with this exporter's secret is accepted (a ping, then ignored); its published signature is not.
        var documented = vectors[0]!;
        var body = Encoding.UTF8.GetBytes(documented["payload"]!.GetValue<string>());
        var ping = new WebhookDelivery("ping", Guid.NewGuid().ToString(), body);
        using var accepted = await SendAsync(ping.Request(documented["X-Hub-Signature-256"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        using var refused = await SendAsync(ping.Request(WebhookDelivery.Sign("another secret", body)));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }
}
