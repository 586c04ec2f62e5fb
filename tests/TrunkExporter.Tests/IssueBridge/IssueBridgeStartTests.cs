using TrunkExporter.Cli;
using TrunkExporter.IssueBridge;
using TrunkExporter.Tests.Support;
using static TrunkExporter.Tests.IssueBridge.AlertPayloads;

namespace TrunkExporter.Tests.IssueBridge;

/// <summary>A configuration the bridge cannot run with: exit 2 and one line naming the key and the value, before anything listens.</summary>
public sealed class IssueBridgeStartTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData("--TrunkExporter:IssueBridge:Repository=", "configuration error: TrunkExporter:IssueBridge:Repository is not set")]
    [InlineData("--TrunkExporter:IssueBridge:Repository=not-a-repo", "configuration error: TrunkExporter:IssueBridge:Repository must be owner/name (got 'not-a-repo').")]
    [InlineData("--TrunkExporter:IssueBridge:Repositry=acme/x", "configuration error: TrunkExporter:IssueBridge:Repositry is not a setting")]
    [InlineData("--TrunkExporter:IssueBridge:CommentInterval=half an hour", "configuration error: TrunkExporter:IssueBridge:CommentInterval must be a duration such as 00:01:00 (hh:mm:ss, or d.hh:mm:ss) (got 'half an hour').")]
    [InlineData("--TrunkExporter:IssueBridge:Teams:0:Team=release-eng", "configuration error: TrunkExporter:IssueBridge:Teams:0:Repository must be owner/name (got '').")]
    [InlineData("--TrunkExporter:IssueBridge:AlertmanagerUrl=alertmanager:9093", "configuration error: TrunkExporter:IssueBridge:AlertmanagerUrl must be an absolute http(s) URL")]
    [InlineData("--TrunkExporter:IssueBridge:BearerTokenFile=/nonexistent/secret", "configuration error: TrunkExporter:IssueBridge:BearerTokenFile '/nonexistent/secret' does not exist.")]
    [InlineData("--urls=http://bridge.example:9474", "configuration error: urls: 'http://bridge.example:9474' has the host 'bridge.example'")]
    public async Task A_bad_setting_exits_2_with_one_line(string setting, string expected)
    {
        var (code, lines) = await RunAsync(["--TrunkExporter:IssueBridge:Repository=acme/issues", setting]);

        Assert.Equal(ExitCodes.BadConfiguration, code);
        var line = Assert.Single(lines);
        Assert.StartsWith($"trunk-exporter issue-bridge: {expected}", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_bearer_secret_it_does_not_start()
    {
        File.WriteAllText(_directory.File("short"), "too-short\n");
        var (code, lines) = await RunAsync(["--TrunkExporter:IssueBridge:Repository=acme/issues", $"--TrunkExporter:IssueBridge:BearerTokenFile={_directory.File("short")}"]);

        Assert.Equal(ExitCodes.BadConfiguration, code);
        Assert.Equal("trunk-exporter issue-bridge: cannot start: no bearer secret of at least 16 characters: set ISSUE_BRIDGE_TOKEN or TrunkExporter:IssueBridge:BearerTokenFile (the same secret Alertmanager's http_config.authorization.credentials_file holds)", Assert.Single(lines));
    }

    [Fact]
    public void The_secret_is_compared_whole()
    {
        var secret = new BearerSecret(Microsoft.Extensions.Options.Options.Create(new IssueBridgeOptions()), name => name == BearerSecret.EnvironmentVariable ? BridgeHarness.Secret : null);

        Assert.True(secret.Accepts($"Bearer {BridgeHarness.Secret}"));
        Assert.False(secret.Accepts($"Bearer {BridgeHarness.Secret}x"));
        Assert.False(secret.Accepts($"Bearer {BridgeHarness.Secret[..^1]}"));
        Assert.False(secret.Accepts($"Basic {BridgeHarness.Secret}"));
        Assert.False(secret.Accepts(null));
    }

    [Fact]
    public void The_data_directory_is_the_setting_else_systemds_state_directory_else_the_xdg_state_home()
    {
        var configured = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [TrunkExporter.Files.DataDirectory.Key] = "/srv/trunk" }).Build();
        var empty = new ConfigurationBuilder().Build();

        Assert.Equal("/srv/trunk", TrunkExporter.Files.DataDirectory.Resolve(configured[TrunkExporter.Files.DataDirectory.Key], _ => "/var/lib/x").Path);
        Assert.Equal("/var/lib/trunk-exporter", TrunkExporter.Files.DataDirectory.Resolve(empty[TrunkExporter.Files.DataDirectory.Key], name => name == "STATE_DIRECTORY" ? "/var/lib/trunk-exporter:/var/lib/other" : null).Path);
        Assert.Equal("/home/u/.state/trunk-exporter", TrunkExporter.Files.DataDirectory.Resolve(empty[TrunkExporter.Files.DataDirectory.Key], name => name == "XDG_STATE_HOME" ? "/home/u/.state" : null).Path);
    }

    [Theory]
    [InlineData("firing", 9, null, false)]
    [InlineData("firing", 10, null, false)]
    [InlineData("firing", 8, null, true)]
    [InlineData("resolved", 8, 11, true)]
    [InlineData("resolved", 9, 11, false)]
    public void Older_is_by_startsAt_then_endsAt(string status, int startsHour, int? endsHour, bool older)
    {
        var record = new AlertRecord("ab", "acme/x", 1, Open: true, "P2", "pytorch/pytorch", "main", At(9), null, At(9), false, null, string.Empty, null, null, null);
        var alert = new BridgeAlert("ab", status == "firing", new Dictionary<string, string>(), new Dictionary<string, string>(), At(startsHour), endsHour is { } ends ? At(ends) : null, null);

        Assert.Equal(older, IssueLifecycle.IsOlder(alert, record));
    }

    [Fact]
    public void A_firing_after_its_own_resolution_is_older_and_an_earlier_resolution_too()
    {
        var resolved = new AlertRecord("ab", "acme/x", 1, Open: false, "P2", "r/r", "main", At(9), At(11), At(11), false, null, string.Empty, null, null, null);

        Assert.True(IssueLifecycle.IsOlder(new BridgeAlert("ab", true, new Dictionary<string, string>(), new Dictionary<string, string>(), At(9), null, null), resolved));
        Assert.True(IssueLifecycle.IsOlder(new BridgeAlert("ab", false, new Dictionary<string, string>(), new Dictionary<string, string>(), At(9), At(10), null), resolved));
        Assert.False(IssueLifecycle.IsOlder(new BridgeAlert("ab", false, new Dictionary<string, string>(), new Dictionary<string, string>(), At(9), At(11), null), resolved));
        Assert.False(IssueLifecycle.IsOlder(new BridgeAlert("ab", true, new Dictionary<string, string>(), new Dictionary<string, string>(), At(12), null, null), resolved));
    }

    [Fact]
    public void Material_facts_are_N_the_job_names_and_the_priority_not_the_streaks()
    {
        var before = AlertFacts.JobNames("- pull / a / test: streak 3, failing since x\n- pull / job \"q\", with, commas / test: streak 4, y");
        var after = AlertFacts.JobNames("- pull / job \"q\", with, commas / test: streak 5, y\n- pull / a / test: streak 9, failing since x");

        Assert.Equal(["pull / a / test", "pull / job \"q\", with, commas / test"], before);
        Assert.Equal(before, after);
        Assert.Equal(new AlertFacts("P2", 3, before).Key, AlertFacts.FromKey(new AlertFacts("P2", 3, before).Key).Key);
    }

    private static DateTimeOffset At(int hour) => Start.Date.AddHours(hour) is var date ? new DateTimeOffset(date, TimeSpan.Zero) : default;

    private static async Task<(int Code, IReadOnlyList<string> Lines)> RunAsync(string[] args)
    {
        using var error = new StringWriter();
        var code = await IssueBridgeCommand.RunAsync(["--urls=http://127.0.0.1:0", .. args], error, builder => builder.Logging.ClearProviders(), CancellationToken.None);
        return (code, error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
