using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using TrunkExporter.FakeGitHub;
using TrunkExporter.Tests.Support;
using Xunit.Abstractions;

namespace TrunkExporter.Tests.IssueBridge;

/// <summary>
/// End to end: a real Alertmanager (Debian's 0.25) routes the trunk alerts to the bridge through a
/// <c>github-issues</c> webhook receiver with a bearer credentials file, and the bridge files, links and
/// closes issues at the fake GitHub, through a GitHub fault that Alertmanager's retry outlasts.
/// </summary>
public sealed class AlertmanagerToBridgeTests(ITestOutputHelper output) : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly int _alertmanagerPort = FreePort.Next();
    private BridgeHarness _bridge = null!;
    private AlertmanagerServer _alertmanager = null!;

    public async Task InitializeAsync()
    {
        _bridge = await BridgeHarness.StartAsync(
        [
            $"--TrunkExporter:IssueBridge:AlertmanagerUrl=http://127.0.0.1:{_alertmanagerPort.ToString(CultureInfo.InvariantCulture)}",
            "--TrunkExporter:IssueBridge:ReconcileInterval=00:00:01",
            "--TrunkExporter:IssueBridge:ReconcileGrace=00:01:00",
        ]);
        var config = _directory.File("alertmanager.yml");
        await File.WriteAllTextAsync(config, $"""
            global:
              resolve_timeout: 5m
            route:
              receiver: github-issues
              group_by: [alertname, repo, branch]
              group_wait: 1s
              group_interval: 1s
              repeat_interval: 1h
            inhibit_rules:
              - source_matchers: ['alertname="TrunkBadlyBroken"']
                target_matchers: ['alertname="TrunkBroken"']
                equal: [repo, branch]
            receivers:
              - name: github-issues
                webhook_configs:
                  - url: {_bridge.BaseAddress}alertmanager/webhook
                    send_resolved: true
                    http_config:
                      authorization:
                        type: Bearer
                        credentials_file: {_bridge.BearerFile}
            """);
        _alertmanager = await AlertmanagerServer.StartAsync(config, _alertmanagerPort, TimeSpan.FromSeconds(20));
    }

    public async Task DisposeAsync()
    {
        await _alertmanager.DisposeAsync();
        await _bridge.DisposeAsync();
    }

    public void Dispose()
    {
        _http.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public async Task Alertmanager_retries_through_a_GitHub_fault_and_the_bridge_files_links_and_closes_exactly_one_issue_per_alert()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        _bridge.GitHub.Inject(new Fault(FaultKind.ServerError, Only: RequestKind.Issues) { Method = "POST" });
        var p2Start = DateTimeOffset.UtcNow.AddMinutes(-10);

        // P2 fires; GitHub answers the first create with 502, the bridge 503, Alertmanager sends it again.
        var posted = Stopwatch.StartNew();
        await PostAsync("TrunkBroken", "P2", p2Start, resolvedAt: null, n: 2, timeout.Token);
        await UntilAsync(() => _bridge.Issues.Count == 1, "the P2 issue", timeout.Token);
        var p2Filed = posted.Elapsed;
        Assert.Contains(_bridge.Deliveries, delivery => delivery.Status == 503);
        var firstDelivery = _bridge.Arrivals.First();
        var p2Issue = _bridge.GitHub.Issue(BridgeHarness.Repository, 1);
        output.WriteLine($"P2: alert posted → issue {p2Filed.TotalMilliseconds:F0} ms; first notification → issue (through a 502 and Alertmanager's retry) {(p2Issue.CreatedAt - firstDelivery).TotalMilliseconds:F0} ms");

        // Escalation: P1 fires and the P2 resolves at once; inhibition mutes the P2's resolution.
        var p1Start = DateTimeOffset.UtcNow;
        var deliveriesBefore = _bridge.Arrivals.Count;
        await PostAsync("TrunkBadlyBroken", "P1", p1Start, resolvedAt: null, n: 7, timeout.Token);
        await PostAsync("TrunkBroken", "P2", p2Start, resolvedAt: p1Start, n: 2, timeout.Token);
        await UntilAsync(() => _bridge.Issues.Count == 2, "the P1 issue", timeout.Token);
        var p1Issue = _bridge.GitHub.Issue(BridgeHarness.Repository, 2);
        var p1Notified = _bridge.Arrivals.Skip(deliveriesBefore).First();
        output.WriteLine($"P1: notification arrived → issue created {(p1Issue.CreatedAt - p1Notified).TotalMilliseconds:F0} ms");
        Assert.StartsWith("[P1] HUD is badly broken", p1Issue.Title, StringComparison.Ordinal);
        Assert.Contains("Escalated from #1 (P2).", p1Issue.Body, StringComparison.Ordinal);
        await UntilAsync(() => _bridge.GitHub.Issue(BridgeHarness.Repository, 1).Comments.Any(comment => comment.Body.StartsWith("Escalated to P1: #2.", StringComparison.Ordinal)), "the P2's link to the P1", timeout.Token);

        // The trunk goes green: the P1 resolves; the P2 (muted) closes with it.
        await PostAsync("TrunkBadlyBroken", "P1", p1Start, resolvedAt: DateTimeOffset.UtcNow, n: 7, timeout.Token);
        await UntilAsync(() => _bridge.Issues.All(issue => !issue.IsOpen), "both issues closed", timeout.Token);

        Assert.Equal(2, _bridge.Issues.Count);
        Assert.All(_bridge.Issues, issue => Assert.Equal("bridge", issue.ClosedBy));
        Assert.StartsWith("Resolved at ", _bridge.GitHub.Issue(BridgeHarness.Repository, 2).Comments[^1].Body, StringComparison.Ordinal);
        Assert.StartsWith("Resolved", _bridge.GitHub.Issue(BridgeHarness.Repository, 1).Comments[^1].Body, StringComparison.Ordinal);
        output.WriteLine($"GitHub requests for the two lifecycles: {_bridge.GitHub.Counts.Total} ({_bridge.GitHub.Counts.Requests.Count(request => request.Method != "GET")} writes); webhook deliveries: {string.Join(", ", _bridge.Deliveries.Select(delivery => delivery.Status))}");
        output.WriteLine($"P2 closing comment: {_bridge.GitHub.Issue(BridgeHarness.Repository, 1).Comments[^1].Body.Split('\n')[0]}");
    }

    private async Task PostAsync(string alertname, string priority, DateTimeOffset startsAt, DateTimeOffset? resolvedAt, int n, CancellationToken cancellationToken)
    {
        var body = new[]
        {
            new
            {
                labels = new Dictionary<string, string>
                {
                    ["alertname"] = alertname, ["repo"] = "pytorch/pytorch", ["branch"] = "main",
                    ["team"] = "dev-infra", ["priority"] = priority, ["severity"] = priority == "P1" ? "critical" : "warning",
                },
                annotations = new Dictionary<string, string>
                {
                    ["summary"] = priority == "P1" ? "HUD is badly broken - Likely infra related (>5 jobs failing)" : "HUD is broken - 3 commits in a row (<=5 jobs failing)",
                    ["description"] = $"The trunk of pytorch/pytorch (branch main) has been broken for an extended period: N = {n.ToString(CultureInfo.InvariantCulture)} logical job(s) failed on at least 3 commits in a row.",
                    ["runbook_url"] = $"http://127.0.0.1:9095/runbooks/{alertname}.md",
                },
                startsAt = startsAt,
                endsAt = resolvedAt ?? DateTimeOffset.UtcNow.AddHours(1),
                generatorURL = "http://127.0.0.1:9090/graph",
            },
        };
        using var response = await _http.PostAsJsonAsync(new Uri(_alertmanager.BaseAddress, "api/v2/alerts"), body, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    private async Task UntilAsync(Func<bool> condition, string what, CancellationToken cancellationToken) =>
        await BoundedWait.UntilAsync(
            _ => Task.FromResult(condition()),
            TimeSpan.FromSeconds(60),
            () => $"{what}; issues: {string.Join("; ", _bridge.Issues.Select(issue => $"#{issue.Number} {issue.State} {issue.Title} ({issue.Comments.Count} comments)"))}; deliveries: {string.Join(", ", _bridge.Deliveries.Select(delivery => delivery.Status))}; log: {string.Join(" | ", _bridge.Logs.Lines.Select(line => line.Message))}",
            cancellationToken: cancellationToken);
}
