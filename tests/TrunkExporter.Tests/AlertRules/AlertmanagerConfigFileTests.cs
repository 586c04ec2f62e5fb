using Xunit.Sdk;

namespace TrunkExporter.Tests.AlertRules;

/// <summary>The test helper itself: a configuration missing what the tests look at fails an assertion that says what is missing.</summary>
public sealed class AlertmanagerConfigFileTests
{
    private const string Complete = """
        templates: ['templates/*.tmpl']
        route: { receiver: default, group_by: [alertname, repo] }
        inhibit_rules:
          - source_matchers: ['alertname="TrunkBadlyBroken"']
            target_matchers: ['alertname="TrunkBroken"']
            equal: [repo, branch]
        receivers:
          - name: default
            webhook_configs: [{ url: 'http://127.0.0.1:9095/hook', send_resolved: true }]
            slack_configs: [{ api_url: 'http://127.0.0.1:9095/rendered', title: t, text: x, send_resolved: true }]
        """;

    [Fact]
    public void A_complete_configuration_loads()
    {
        var config = AlertmanagerConfigFile.Parse(Complete, "test.yml");

        Assert.Equal(["repo", "branch"], Assert.Single(config.InhibitRules).Equal);
    }

    [Theory]
    [InlineData("            equal: [repo, branch]\n", "test.yml: inhibit_rules[0] has no 'equal'")]
    [InlineData("            target_matchers: ['alertname=\"TrunkBroken\"']\n", "test.yml: inhibit_rules[0] has no 'target_matchers'")]
    [InlineData("            slack_configs: [{ api_url: 'http://127.0.0.1:9095/rendered', title: t, text: x, send_resolved: true }]\n", "test.yml: receivers[0] has no 'slack_configs'")]
    [InlineData("        templates: ['templates/*.tmpl']\n", "test.yml has no 'templates'")]
    public void A_missing_key_fails_an_assertion_naming_it_instead_of_a_key_not_found_crash(string line, string message)
    {
        var yaml = (Complete + "\n").Replace(line.Replace("        ", string.Empty, StringComparison.Ordinal), string.Empty, StringComparison.Ordinal);
        Assert.NotEqual(Complete + "\n", yaml);

        var failure = Assert.ThrowsAny<XunitException>(() => AlertmanagerConfigFile.Parse(yaml, "test.yml"));

        Assert.Equal(message, failure.Message.Split('\n')[^1].Trim());
    }
}
