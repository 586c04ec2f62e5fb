using System.Text;
using System.Text.RegularExpressions;
using TrunkExporter.Tests.Support;

namespace TrunkExporter.Tests.AlertRules;

/// <summary>Every alert has a runbook (alert-rules/runbooks/&lt;AlertName&gt;.md) that its runbook_url points to.</summary>
public sealed partial class RunbookTests
{
    private static readonly string[] Sections = ["First five minutes", "Meaning", "Impact", "Diagnosis", "Mitigation", "How to silence"];

    public static TheoryData<string> AlertNames => [.. AlertPack.Alerts.Select(alert => alert.Alert!)];

    [Fact]
    public void The_pack_has_the_contract_alerts()
    {
        Assert.Equal(
            ["TrunkBadlyBroken", "TrunkBroken", "TrunkExporterAbsent", "TrunkExporterDown", "TrunkExporterGitHubRateLimitLow", "TrunkExporterNeverRefreshed", "TrunkExporterStale", "TrunkIssueBridgeFailing"],
            AlertPack.Alerts.Select(alert => alert.Alert!).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(AlertNames))]
    public void The_runbook_has_every_section_in_order(string alert)
    {
        var file = Path.Combine(AlertPack.RunbookDirectory, alert + ".md");
        Assert.True(File.Exists(file), $"{file} is missing: every alert needs its runbook.");
        var text = File.ReadAllText(file);

        Assert.StartsWith($"# {alert}\n", text, StringComparison.Ordinal);
        Assert.Equal(Sections, Heading().Matches(text).Select(match => match.Groups[1].Value));
    }

    [Theory]
    [MemberData(nameof(AlertNames))]
    public void Diagnosis_gives_PromQL_and_the_dashboard_and_silencing_gives_amtool_and_the_API(string alert)
    {
        var text = File.ReadAllText(Path.Combine(AlertPack.RunbookDirectory, alert + ".md"));

        var diagnosis = Section(text, "Diagnosis");
        Assert.Contains("```promql\n", diagnosis, StringComparison.Ordinal);
        Assert.Contains("dashboard_url", diagnosis, StringComparison.Ordinal);
        var silence = ContinuedLines().Replace(Section(text, "How to silence"), " ");
        Assert.Contains($"silence add 'alertname={alert}'", silence, StringComparison.Ordinal);
        Assert.Contains("amtool --alertmanager.url=", silence, StringComparison.Ordinal);
        Assert.Contains("/api/v2/silences", silence, StringComparison.Ordinal);
        Assert.Contains($"{{\"name\": \"alertname\", \"value\": \"{alert}\", \"isRegex\": false}}", silence, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(AlertNames))]
    public void The_first_five_minutes_say_when_to_silence_and_how_to_verify_recovery(string alert)
    {
        var first = Section(File.ReadAllText(Path.Combine(AlertPack.RunbookDirectory, alert + ".md")), "First five minutes");

        Assert.Contains("**Silence**", first, StringComparison.Ordinal);
        Assert.Contains("**Verify recovery.**", first, StringComparison.Ordinal);
    }

    /// <summary>
    /// Contract section 1.5: every attempt counts, so re-running a failed job on a trunk commit ends no streak
    /// (Health/RerunTests shows it); the trunk runbooks say so and say how to find the culprit.
    /// </summary>
    [Theory]
    [InlineData("TrunkBroken")]
    [InlineData("TrunkBadlyBroken")]
    public void The_trunk_runbooks_say_what_counts_how_a_streak_ends_and_where_the_culprit_is(string alert)
    {
        var text = File.ReadAllText(Path.Combine(AlertPack.RunbookDirectory, alert + ".md"));
        var first = ContinuedLines().Replace(Section(text, "First five minutes"), " ");

        Assert.Contains("**any attempt**", first, StringComparison.Ordinal);
        Assert.Contains("`timed_out`, `cancelled`, `skipped`", first, StringComparison.Ordinal);
        Assert.Contains("Re-running the failed job", first, StringComparison.Ordinal);
        Assert.Contains("ends nothing", first, StringComparison.Ordinal);
        Assert.Contains("trunk-exporter scrape --replay trunk.json --format table", first, StringComparison.Ordinal);
        Assert.Contains("dashboard", first, StringComparison.Ordinal);
        Assert.DoesNotContain("so the streaks end", text, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"first green run", text);
    }

    [Fact]
    public void Every_runbook_belongs_to_an_alert()
    {
        Assert.Equal(
            AlertPack.Alerts.Select(alert => alert.Alert + ".md").Order(StringComparer.Ordinal),
            AlertPack.RunbookFiles.Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_runbook_url_points_to_its_runbook_file()
    {
        Assert.All(AlertPack.Alerts, alert =>
        {
            var url = alert.Annotations["runbook_url"];
            Assert.Equal($"{AlertPack.RunbookBase}/{alert.Alert}.md", url);
            Assert.True(File.Exists(Path.Combine(AlertPack.RunbookDirectory, url[(AlertPack.RunbookBase.Length + 1)..])), url);
        });
    }

    [Fact]
    public async Task Runbook_PromQL_is_valid()
    {
        var expressions = PromQlSources.RunbookExpressions().ToList();
        Assert.NotEmpty(expressions);
        var rules = new StringBuilder("groups:\n  - name: runbook-queries\n    rules:\n");
        for (var index = 0; index < expressions.Count; index++)
        {
            rules.Append("      # ").Append(expressions[index].Where).Append('\n')
                .Append("      - record: runbook:query:").Append(index).Append('\n')
                .Append("        expr: |\n");
            foreach (var line in expressions[index].Expression.Split('\n'))
            {
                rules.Append("          ").Append(line).Append('\n');
            }
        }

        using var scratch = new TempDirectory();
        var file = scratch.Combine("runbook-queries.rules.yml");
        await File.WriteAllTextAsync(file, rules.ToString());

        var result = await ExternalTool.RunAsync("promtool", ["check", "rules", file]);

        Assert.True(result.ExitCode == 0, result.Describe() + "\n" + rules);
    }

    private static string Section(string text, string heading)
    {
        var start = text.IndexOf($"\n## {heading}\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no '## {heading}' section");
        var end = text.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        return end < 0 ? text[start..] : text[start..end];
    }

    // A shell line continuation: the command reads as one line.
    [GeneratedRegex(@"\s*\\\n\s*")]
    private static partial Regex ContinuedLines();

    [GeneratedRegex(@"^## (.+)$", RegexOptions.Multiline)]
    private static partial Regex Heading();
}
