using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using TrunkExporter.Tests.Support;

namespace TrunkExporter.Tests.AlertRules;

/// <summary>
/// The thresholds are changed in one place each (alert-rules/README.md, "Change the thresholds"):
/// changing them there must move the conditions and the texts that quote them.
/// </summary>
public sealed partial class ThresholdTests
{
    /// <summary>
    /// TrunkExporterNeverRefreshed counts its wait with `for` (a missing series has no age to compare
    /// with a threshold); it means "no successful refresh for that long", like the stale threshold,
    /// and its description quotes that threshold, so the two must stay equal.
    /// </summary>
    [Fact]
    public void Never_refreshed_waits_as_long_as_the_stale_threshold()
    {
        var stale = Assert.Single(AlertPack.Rules, rule => rule.Record == "trunk_alert_threshold:exporter_stale_seconds");
        var neverRefreshed = Assert.Single(AlertPack.Alerts, rule => rule.Alert == "TrunkExporterNeverRefreshed");
        var threshold = VectorConstant().Match(stale.Expr);
        Assert.True(threshold.Success, $"the stale threshold is no longer a constant vector(...): {stale.Expr}");
        Assert.NotNull(neverRefreshed.For);

        Assert.Equal(
            TimeSpan.FromSeconds(double.Parse(threshold.Groups[1].Value, CultureInfo.InvariantCulture)),
            PrometheusDuration(neverRefreshed.For));
    }

    [Theory]
    [InlineData("15m", 900)]
    [InlineData("1h30m", 5400)]
    [InlineData("900s", 900)]
    [InlineData("1d", 86400)]
    public void Prometheus_durations_are_read_as_Prometheus_reads_them(string duration, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), PrometheusDuration(duration));
    }

    [Fact]
    public async Task Changing_the_threshold_rules_changes_conditions_summaries_and_descriptions()
    {
        using var scratch = new TempDirectory();
        var rules = (await File.ReadAllTextAsync(Path.Combine(AlertPack.PrometheusDirectory, "trunk-health.rules.yml")))
            .Replace("expr: vector(3)", "expr: vector(4)", StringComparison.Ordinal)
            .Replace("expr: vector(86400)", "expr: vector(43200)", StringComparison.Ordinal)
            .Replace("expr: vector(5)", "expr: vector(8)", StringComparison.Ordinal);
        await File.WriteAllTextAsync(scratch.Combine("trunk-health.rules.yml"), rules);
        await File.WriteAllTextAsync(scratch.Combine("thresholds.test.yml"), UnitTest());

        var result = await ExternalTool.RunAsync("promtool", ["test", "rules", "thresholds.test.yml"], workingDirectory: scratch.Path);

        Assert.True(result.ExitCode == 0, result.Describe());
    }

    /// <summary>A Prometheus duration such as 15m or 1h30m (units ms, s, m, h, d, w, y).</summary>
    private static TimeSpan PrometheusDuration(string duration)
    {
        var match = Duration().Match(duration);
        Assert.True(match.Success, $"'{duration}' is not a Prometheus duration");
        return match.Groups[1].Captures.Zip(match.Groups[2].Captures).Aggregate(TimeSpan.Zero, (total, part) => total + (part.Second.Value switch
        {
            "ms" => TimeSpan.FromMilliseconds(long.Parse(part.First.Value, CultureInfo.InvariantCulture)),
            "s" => TimeSpan.FromSeconds(long.Parse(part.First.Value, CultureInfo.InvariantCulture)),
            "m" => TimeSpan.FromMinutes(long.Parse(part.First.Value, CultureInfo.InvariantCulture)),
            "h" => TimeSpan.FromHours(long.Parse(part.First.Value, CultureInfo.InvariantCulture)),
            "d" => TimeSpan.FromDays(long.Parse(part.First.Value, CultureInfo.InvariantCulture)),
            "w" => TimeSpan.FromDays(7 * long.Parse(part.First.Value, CultureInfo.InvariantCulture)),
            _ => TimeSpan.FromDays(365 * long.Parse(part.First.Value, CultureInfo.InvariantCulture)),
        }));
    }

    [GeneratedRegex(@"^\s*vector\(\s*([0-9.]+)\s*\)\s*$")]
    private static partial Regex VectorConstant();

    [GeneratedRegex("^(?:([0-9]+)(ms|y|w|d|h|m|s))+$")]
    private static partial Regex Duration();

    /// <summary>
    /// Hourly steps (the jobs annotation follows the changed thresholds too). j1..j8: streak 4, failing now. j9: streak 3 until 13h, then 4. j10: streak 9 but
    /// newest failure at 0, i.e. 13 h old at 13h. With 4 commits, 12 h and 8 jobs: N = 8 at 12h
    /// (TrunkBroken), 9 at 13h (TrunkBadlyBroken); the default thresholds would give 10 and 10.
    /// </summary>
    private static string UnitTest()
    {
        var series = new StringBuilder();
        void Job(string name, string streaks, string lastFailures) => series
            .Append("      - series: 'trunk_job_failure_streak{repo=\"o/r\", branch=\"main\", workflow=\"pull\", job_name=\"").Append(name).Append("\"}'\n")
            .Append("        values: '").Append(streaks).Append("'\n")
            .Append("      - series: 'trunk_job_last_failure_timestamp_seconds{repo=\"o/r\", branch=\"main\", workflow=\"pull\", job_name=\"").Append(name).Append("\"}'\n")
            .Append("        values: '").Append(lastFailures).Append("'\n");
        for (var job = 1; job <= 8; job++)
        {
            Job($"j{job}", "4x13", "0+3600x13");
        }

        Job("j9", "3x12 4", "0+3600x13");
        Job("j10", "9x13", "0x13");

        return $$"""
            rule_files:
              - trunk-health.rules.yml
            evaluation_interval: 1h
            tests:
              - interval: 1h
                input_series:
                  - series: 'trunk_repo_info{repo="o/r", branch="main", team="t"}'
                    values: '1x13'
                  - series: 'trunk_exporter_last_success_timestamp_seconds{repo="o/r", branch="main"}'
                    values: '0+3600x13'
            {{series}}
                alert_rule_test:
                  - eval_time: 12h
                    alertname: TrunkBroken
                    exp_alerts:
                      - exp_labels: {repo: o/r, branch: main, team: t, priority: P2, severity: warning}
                        exp_annotations:
                          summary: 'HUD is broken - 4 commits in a row (<=8 jobs failing)'
                          description: 'The trunk of o/r (branch main) has been broken for an extended period: N = 8 logical job(s) failed on at least 4 commits in a row, the newest failure less than 12 h ago.'
                          runbook_url: '{{AlertPack.RunbookBase}}/TrunkBroken.md'
                          dashboard_url: '{{AlertPack.GrafanaBase}}/d/trunk-health/trunk-health?var-repo=o%2Fr&var-branch=main'
                          jobs: "- pull / j1: streak 4\n- pull / j2: streak 4\n- pull / j3: streak 4\n- pull / j4: streak 4\n- pull / j5: streak 4\n- pull / j6: streak 4\n- pull / j7: streak 4\n- pull / j8: streak 4"
                          hud_url: '{{AlertPack.HudBase}}/hud/o/r/main'
                  - eval_time: 12h
                    alertname: TrunkBadlyBroken
                    exp_alerts: []
                  - eval_time: 13h
                    alertname: TrunkBroken
                    exp_alerts: []
                  - eval_time: 13h
                    alertname: TrunkBadlyBroken
                    exp_alerts:
                      - exp_labels: {repo: o/r, branch: main, team: t, priority: P1, severity: critical}
                        exp_annotations:
                          summary: 'HUD is badly broken - Likely infra related (>8 jobs failing)'
                          description: 'The trunk of o/r (branch main) has been broken for an extended period: N = 9 logical job(s) failed on at least 4 commits in a row, the newest failure less than 12 h ago. So many jobs failing at once usually means infrastructure, not one bad commit.'
                          runbook_url: '{{AlertPack.RunbookBase}}/TrunkBadlyBroken.md'
                          dashboard_url: '{{AlertPack.GrafanaBase}}/d/trunk-health/trunk-health?var-repo=o%2Fr&var-branch=main'
                          jobs: "- pull / j1: streak 4\n- pull / j2: streak 4\n- pull / j3: streak 4\n- pull / j4: streak 4\n- pull / j5: streak 4\n- pull / j6: streak 4\n- pull / j7: streak 4\n- pull / j8: streak 4\n- pull / j9: streak 4"
                          hud_url: '{{AlertPack.HudBase}}/hud/o/r/main'
            """;
    }
}
