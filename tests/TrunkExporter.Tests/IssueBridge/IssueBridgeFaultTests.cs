using System.Net;
using TrunkExporter.FakeGitHub;
using TrunkExporter.Tests.Support;
using static TrunkExporter.Tests.IssueBridge.AlertPayloads;

namespace TrunkExporter.Tests.IssueBridge;

/// <summary>GitHub failing, the bridge crashing, and bad requests: 5xx so Alertmanager retries, then exactly one issue; 4xx changes nothing.</summary>
public sealed class IssueBridgeFaultTests : IAsyncLifetime
{
    private BridgeHarness _bridge = null!;

    public async Task InitializeAsync() => _bridge = await BridgeHarness.StartAsync();

    public async Task DisposeAsync() => await _bridge.DisposeAsync();

    [Fact]
    public async Task A_502_on_create_answers_503_and_the_retry_files_exactly_one_issue()
    {
        _bridge.GitHub.Inject(new Fault(FaultKind.ServerError, Only: RequestKind.Issues) { Method = "POST" });
        using (var first = await _bridge.PostAsync(Trunk("P2", firing: true, n: 2)))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, first.StatusCode);
        }

        Assert.Empty(_bridge.Issues);
        await _bridge.DeliverAsync(Trunk("P2", firing: true, n: 2));
        Assert.Single(_bridge.Issues);
        Assert.Contains(_bridge.Logs.Lines, line => line.Message.Contains("Could not apply TrunkBroken 9a0c1e2f3b4d5c6e (Alertmanager will send it again): GitHub answered 502", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_secondary_rate_limit_is_waited_out_and_files_one_issue()
    {
        _bridge.GitHub.Inject(new Fault(FaultKind.SecondaryRateLimit403, Only: RequestKind.Issues, RetryAfter: TimeSpan.FromSeconds(1)) { Method = "POST" });
        await _bridge.DeliverAsync(Trunk("P2", firing: true, n: 2));

        Assert.Single(_bridge.Issues);
        Assert.Equal(2, _bridge.GitHub.Counts.Requests.Count(request => request.Kind == RequestKind.Issues && request.Method == "POST"));
    }

    [Fact]
    public async Task A_secondary_rate_limit_longer_than_the_wait_answers_503_and_never_invents_an_issue()
    {
        _bridge.GitHub.Inject(new Fault(FaultKind.SecondaryRateLimit403, Only: RequestKind.Issues, RetryAfter: TimeSpan.FromMinutes(10)) { Method = "POST" });
        using (var first = await _bridge.PostAsync(Trunk("P2", firing: true, n: 2)))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, first.StatusCode);
        }

        Assert.Empty(_bridge.Issues);
    }

    [Fact]
    public async Task A_timeout_after_GitHub_created_the_issue_and_a_crash_do_not_duplicate_it()
    {
        _bridge.GitHub.Inject(new Fault(FaultKind.SlowAfterApply, Only: RequestKind.Issues, Delay: TimeSpan.FromSeconds(5)) { Method = "POST" });
        using (var first = await _bridge.PostAsync(Trunk("P2", firing: true, n: 2)))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, first.StatusCode);
        }

        Assert.Single(_bridge.Issues);
        await _bridge.RestartAsync();
        await _bridge.DeliverAsync(Trunk("P2", firing: true, n: 2));
        await _bridge.DeliverAsync(Trunk("P2", firing: true, n: 3));

        var issue = Assert.Single(_bridge.Issues);
        Assert.Single(issue.Comments);
    }

    [Fact]
    public async Task A_timeout_after_GitHub_took_a_comment_does_not_duplicate_it()
    {
        await _bridge.DeliverAsync(Trunk("P2", firing: true, n: 2));
        _bridge.GitHub.Inject(new Fault(FaultKind.SlowAfterApply, Only: RequestKind.IssueComments, Delay: TimeSpan.FromSeconds(5)) { Method = "POST" });
        using (var first = await _bridge.PostAsync(Trunk("P2", firing: false, n: 2)))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, first.StatusCode);
        }

        await _bridge.DeliverAsync(Trunk("P2", firing: false, n: 2));

        var issue = Assert.Single(_bridge.Issues);
        Assert.Equal("closed", issue.State);
        Assert.Single(issue.Comments);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-secret-of-enough-length-000")]
    [InlineData("")]
    public async Task A_missing_or_wrong_bearer_gets_401_and_changes_nothing(string? bearer)
    {
        using var response = await _bridge.PostAsync(Trunk("P2", firing: true, n: 2), bearer);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, _bridge.GitHub.Counts.Total);
        Assert.Single(_bridge.Logs.Lines, line => line.Message.StartsWith("Refused a webhook request (401)", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{not json", "not an Alertmanager webhook payload: the body is not JSON")]
    [InlineData("{\"version\":\"3\",\"alerts\":[]}", "version is '3'")]
    [InlineData("{\"version\":\"4\",\"alerts\":[{\"status\":\"firing\",\"fingerprint\":\"../x\",\"startsAt\":\"2026-11-18T09:30:00Z\"}]}", "alerts[0].fingerprint is '../x'")]
    [InlineData("{\"version\":\"4\",\"alerts\":[{\"status\":\"resolved\",\"fingerprint\":\"ab\",\"startsAt\":\"2026-11-18T09:30:00Z\",\"endsAt\":\"0001-01-01T00:00:00Z\"}]}", "alerts[0] is resolved but has no endsAt")]
    public async Task A_malformed_body_gets_400_with_one_line_and_changes_nothing(string body, string reason)
    {
        using var response = await _bridge.PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, _bridge.GitHub.Counts.Total);
        var line = Assert.Single(_bridge.Logs.Lines, line => line.Message.StartsWith("Refused a webhook request", StringComparison.Ordinal));
        Assert.Contains(reason, line.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_above_the_limit_gets_413()
    {
        using var response = await _bridge.PostAsync(new string(' ', 2 * 1024 * 1024));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, _bridge.GitHub.Counts.Total);
    }

    [Fact]
    public async Task Metrics_count_actions_and_open_issues()
    {
        await _bridge.DeliverAsync(Trunk("P2", firing: true, n: 2));
        using (await _bridge.PostAsync("{}", bearer: "wrong-wrong-wrong-wrong"))
        {
        }

        var metrics = await _bridge.Http.GetStringAsync(new Uri(_bridge.BaseAddress, "metrics"));
        Assert.Contains("trunk_issue_bridge_actions_total{action=\"create\",result=\"ok\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("trunk_issue_bridge_actions_total{action=\"webhook\",result=\"ok\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("trunk_issue_bridge_actions_total{action=\"webhook\",result=\"unauthorized\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("trunk_issue_bridge_open_issues{priority=\"P2\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("trunk_issue_bridge_open_issues{priority=\"P1\"} 0", metrics, StringComparison.Ordinal);
        Assert.Equal("ok\n", await _bridge.Http.GetStringAsync(new Uri(_bridge.BaseAddress, "healthz")));
        Assert.StartsWith("ready: 1 open issue(s)", await _bridge.Http.GetStringAsync(new Uri(_bridge.BaseAddress, "readyz")), StringComparison.Ordinal);
    }
}
