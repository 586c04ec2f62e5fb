using TrunkExporter.Tests.Support;

namespace TrunkExporter.Tests.AlertRules;

/// <summary>The rule files as Prometheus 2.42 sees them: valid, lint-clean, and doing what the promtool unit tests say.</summary>
public sealed class PromtoolTests
{
    public static TheoryData<string> UnitTestFiles => [.. AlertPack.PromtoolTestFiles.Select(Path.GetFileName).OfType<string>()];

    /// <summary>Mutations of the rules that the promtool unit tests must catch: each one is a plausible slip.</summary>
    public static TheoryData<string, string, string> Mutations => new()
    {
        { "trunk-health.rules.yml", "expr: vector(3)", "expr: vector(2)" },
        { "trunk-health.rules.yml", "expr: vector(86400)", "expr: vector(90000)" },
        { "trunk-health.rules.yml", "expr: vector(5)", "expr: vector(6)" },
        { "trunk-health.rules.yml", "trunk_job_last_failure_timestamp_seconds < scalar", "trunk_job_last_failure_timestamp_seconds <= scalar" },
        { "trunk-health.rules.yml", "and on (repo, branch, workflow, job_name)", "and on (workflow, job_name)" },
        { "trunk-health.rules.yml", "group by (repo, branch, workflow, job_name) (", "group by (workflow, job_name) (" },
        { "trunk-health.rules.yml", "0 * group by (repo, branch) (trunk_repo_info)", "0 * group by (repo, branch) (trunk_job_failure_streak)" },
        { "trunk-health.rules.yml", "repo_branch:trunk_broken_jobs:held >= 1", "repo_branch:trunk_broken_jobs:held > 1" },
        { "trunk-health.rules.yml", "repo_branch:trunk_broken_jobs:max_5m > scalar", "repo_branch:trunk_broken_jobs:max_5m >= scalar" },
        { "trunk-health.rules.yml", "group_left (team)", "group_left ()" },
        { "trunk-health.rules.yml", "severity: critical", "severity: page" },
        { "trunk-health.rules.yml", "var-repo={{ $labels.repo | urlquery }}", "var-repo={{ $labels.repo }}" },
        { "trunk-health.rules.yml", "last_over_time(repo_branch:trunk_broken_jobs:reported[6h])", "last_over_time(repo_branch:trunk_broken_jobs:reported[2h])" },
        { "trunk-health.rules.yml", "group by (repo, branch) (trunk_exporter_last_success_timestamp_seconds)", "group by (repo, branch) (trunk_repo_info)" },
        { "trunk-health.rules.yml", "max_over_time(repo_branch:trunk_broken_jobs:held[5m])", "max_over_time(repo_branch:trunk_broken_jobs:held[4m])" },
        { "trunk-health.rules.yml", "group_left (team) repo_branch_team:trunk_repo_info:remembered", "group_left (team) group by (repo, branch, team) (trunk_repo_info)" },
        { "trunk-exporter.rules.yml", "(last_over_time(trunk_repo_info{job=\"trunk-exporter\"}[1d]))", "(trunk_repo_info{job=\"trunk-exporter\"})" },
        { "trunk-exporter.rules.yml", "\n            unless on (repo, branch)\n              trunk_repo_info{job=\"trunk-exporter\"}", string.Empty },
        { "trunk-exporter.rules.yml", "up{job=\"trunk-exporter\"} == 0", "up == 0" },
        { "trunk-exporter.rules.yml", "absent(up{job=\"trunk-exporter\"})", "absent(up)" },
        { "trunk-exporter.rules.yml", "up{job=\"trunk-exporter\"} == 1", "up{job=\"trunk-exporter\"}" },
        { "trunk-exporter.rules.yml", "group by (job, instance, team) (\n              last_over_time", "group by (job, team) (\n              last_over_time" },
        { "trunk-exporter.rules.yml", "for: 5m", "for: 4m" },
        { "trunk-exporter.rules.yml", "expr: vector(900)", "expr: vector(960)" },
        { "trunk-exporter.rules.yml", "> scalar(trunk_alert_threshold:exporter_stale_seconds)", ">= scalar(trunk_alert_threshold:exporter_stale_seconds)" },
        { "trunk-exporter.rules.yml", "unless ignoring (team) trunk_exporter_last_success", "unless on (repo, branch) trunk_exporter_last_success" },
        { "trunk-exporter.rules.yml", "unless ignoring (team) trunk_exporter_last_success", "unless on (branch) trunk_exporter_last_success" },
        { "trunk-exporter.rules.yml", "for: 15m", "for: 14m" },
        { "trunk-exporter.rules.yml", "expr: vector(0.1)", "expr: vector(0.09)" },
        { "trunk-exporter.rules.yml", "< scalar(trunk_alert_threshold:github_rate_limit_remaining_ratio)", "<= scalar(trunk_alert_threshold:github_rate_limit_remaining_ratio)" },
        { "trunk-issue-bridge.rules.yml", "result=\"ok\"}[15m])) > 0", "result=\"ok\"}[15m])) > 100" },
        { "trunk-issue-bridge.rules.yml", "up{job=\"trunk-issue-bridge\"} == 0", "up == 0" },
        { "trunk-issue-bridge.rules.yml", "for: 15m", "for: 14m" },
    };

    [Fact]
    public async Task Rule_files_pass_promtool_check_with_every_lint_fatal()
    {
        Assert.NotEmpty(AlertPack.RuleFiles);

        var result = await ExternalTool.RunAsync("promtool", ["check", "rules", "--lint=all", "--lint-fatal", .. AlertPack.RuleFiles]);

        Assert.True(result.ExitCode == 0, result.Describe());
    }

    [Fact]
    public async Task Lint_fatal_really_fails_a_linted_problem()
    {
        using var scratch = new TempDirectory();
        var file = scratch.Combine("duplicate.rules.yml");
        await File.WriteAllTextAsync(file, """
            groups:
              - name: g
                rules:
                  - record: a:b:c
                    expr: vector(1)
                  - record: a:b:c
                    expr: vector(1)
            """);

        var result = await ExternalTool.RunAsync("promtool", ["check", "rules", "--lint=all", "--lint-fatal", file]);

        Assert.True(result.ExitCode != 0, result.Describe());
    }

    [Theory]
    [MemberData(nameof(UnitTestFiles))]
    public async Task Promtool_unit_tests_pass(string testFile)
    {
        var result = await ExternalTool.RunAsync("promtool", ["test", "rules", testFile], workingDirectory: AlertPack.TestDirectory);

        Assert.True(result.ExitCode == 0, result.Describe());
    }

    [Fact]
    public void Every_rule_file_is_exercised_by_a_promtool_unit_test()
    {
        var referenced = AlertPack.PromtoolTestFiles.SelectMany(File.ReadAllLines)
            .Select(line => line.Trim())
            .Where(line => line.StartsWith("- ../prometheus/", StringComparison.Ordinal))
            .Select(line => Path.GetFileName(line[2..]))
            .ToHashSet(StringComparer.Ordinal);

        Assert.All(AlertPack.RuleFiles, file => Assert.Contains(Path.GetFileName(file), referenced));
    }

    [Theory]
    [MemberData(nameof(Mutations))]
    public async Task The_unit_tests_catch_a_mutated_rule(string ruleFile, string original, string mutated)
    {
        using var scratch = new TempDirectory();
        Directory.CreateDirectory(scratch.Combine("prometheus"));
        Directory.CreateDirectory(scratch.Combine("tests"));
        foreach (var file in AlertPack.RuleFiles)
        {
            File.Copy(file, scratch.Combine("prometheus", Path.GetFileName(file)));
        }

        foreach (var file in AlertPack.PromtoolTestFiles)
        {
            File.Copy(file, scratch.Combine("tests", Path.GetFileName(file)));
        }

        var target = scratch.Combine("prometheus", ruleFile);
        var text = await File.ReadAllTextAsync(target);
        Assert.True(text.Contains(original, StringComparison.Ordinal), $"'{original}' is not in {ruleFile}: update the mutation.");
        await File.WriteAllTextAsync(target, text.Replace(original, mutated, StringComparison.Ordinal));
        var check = await ExternalTool.RunAsync("promtool", ["check", "rules", target]);
        Assert.True(check.ExitCode == 0, $"The mutation must stay valid, so that only the unit tests can catch it.\n{check.Describe()}");

        var result = await ExternalTool.RunAsync(
            "promtool",
            ["test", "rules", .. AlertPack.PromtoolTestFiles.Select(Path.GetFileName).OfType<string>()],
            workingDirectory: scratch.Combine("tests"));

        Assert.True(result.ExitCode != 0, $"The promtool unit tests did not notice '{original}' -> '{mutated}' in {ruleFile}.\n{result.Describe()}");
    }
}
