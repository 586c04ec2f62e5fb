using System.Globalization;
using System.Text.Json;
using TrunkExporter.Tests.Support;

namespace TrunkExporter.Tests.AlertRules;

/// <summary>
/// The notification templates rendered by Alertmanager 0.25's amtool over recorded notification
/// data (alert-rules/tests/notifications): every alert's block carries every field a responder needs.
/// </summary>
public sealed class NotificationTemplateTests
{
    /// <summary>A silence covers the alert's group: the group_by labels it has.</summary>
    private static readonly string[] SilenceLabels = ["alertname", "repo", "branch"];

    public static TheoryData<string> NotificationFiles => [.. AlertPack.NotificationFiles.Select(Path.GetFileName).OfType<string>()];

    [Theory]
    [MemberData(nameof(NotificationFiles))]
    public async Task Every_alert_renders_with_every_field(string file)
    {
        var data = Load(file);

        var text = await Render(AlertPack.TemplatesGlob, file, "trunk.text");

        var blocks = text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var alerts = data.GetProperty("alerts").EnumerateArray().ToList();
        Assert.Equal(alerts.Count, blocks.Length);
        for (var index = 0; index < alerts.Count; index++)
        {
            Assert.Empty(MissingFields(blocks[index], alerts[index], data.GetProperty("externalURL").GetString()!));
        }
    }

    [Theory]
    [MemberData(nameof(NotificationFiles))]
    public async Task The_title_names_state_priority_alert_repo_and_branch(string file)
    {
        var data = Load(file);
        var groupLabels = data.GetProperty("groupLabels");

        var title = (await Render(AlertPack.TemplatesGlob, file, "trunk.title")).Trim();

        Assert.DoesNotContain('\n', title);
        Assert.StartsWith("[" + data.GetProperty("status").GetString()!.ToUpperInvariant(), title, StringComparison.Ordinal);
        Assert.Contains(data.GetProperty("commonLabels").GetProperty("priority").GetString()!, title, StringComparison.Ordinal);
        foreach (var label in groupLabels.EnumerateObject())
        {
            Assert.Contains(label.Value.GetString()!, title, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_template_that_drops_a_field_is_caught()
    {
        using var scratch = new TempDirectory();
        var template = await File.ReadAllTextAsync(Path.Combine(AlertPack.Root, "alertmanager", "templates", "trunk.tmpl"));
        var withoutFingerprint = string.Join('\n', template.Split('\n').Where(line => !line.StartsWith("Fingerprint:", StringComparison.Ordinal)));
        Assert.NotEqual(template, withoutFingerprint);
        await File.WriteAllTextAsync(scratch.Combine("trunk.tmpl"), withoutFingerprint);
        var file = Path.GetFileName(AlertPack.NotificationFiles[0]);

        var text = await Render(scratch.Combine("*.tmpl"), file, "trunk.text");

        var alert = Load(file).GetProperty("alerts")[0];
        Assert.Equal(["fingerprint"], MissingFields(text, alert, Load(file).GetProperty("externalURL").GetString()!));
    }

    [Fact]
    public void Every_receiver_renders_these_templates()
    {
        var config = AlertmanagerConfigFile.Load();

        Assert.Contains("templates/*.tmpl", config.Templates);
        Assert.All(config.Receivers, receiver =>
        {
            Assert.Equal("{{ template \"trunk.title\" . }}", receiver.RenderedTitle);
            Assert.Equal("{{ template \"trunk.text\" . }}", receiver.RenderedText);
        });
    }

    /// <summary>The fields (by name) of one alert that its rendered block lacks.</summary>
    private static List<string> MissingFields(string block, JsonElement alert, string externalUrl)
    {
        var labels = alert.GetProperty("labels");
        var annotations = alert.GetProperty("annotations");
        string Label(string name) => labels.TryGetProperty(name, out var value) ? value.GetString()! : string.Empty;
        var matchers = SilenceLabels.Where(name => Label(name).Length > 0).ToList();
        var status = alert.GetProperty("status").GetString()!.ToUpperInvariant();

        var expected = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["priority"] = "Priority:    " + Label("priority"),
            ["summary"] = "Summary:     " + annotations.GetProperty("summary").GetString(),
            ["started"] = "Started:     " + alert.GetProperty("startsAt").GetDateTimeOffset().UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture),
            ["state"] = "State:       " + status,
            ["team"] = "Team:        " + (Label("team") is { Length: > 0 } team ? team : "none"),
            ["description"] = "Description: " + annotations.GetProperty("description").GetString(),
            ["runbook"] = "Runbook:     " + annotations.GetProperty("runbook_url").GetString(),
            ["dashboard"] = "Dashboard:   " + annotations.GetProperty("dashboard_url").GetString(),
            ["source"] = "Source:      " + alert.GetProperty("generatorURL").GetString(),
            ["silence link"] = $"Silence:     {externalUrl}/#/silences/new?filter="
                + Uri.EscapeDataString("{" + string.Join(',', matchers.Select(name => $"{name}=\"{Label(name)}\"")) + "}"),
            ["silence amtool"] = $"amtool --alertmanager.url={externalUrl} silence add "
                + string.Join(' ', matchers.Select(name => $"'{name}={Label(name)}'")) + " --duration=2h --comment=",
            ["silence api"] = $"{externalUrl}/api/v2/silences -d '{{\"matchers\":["
                + string.Join(',', matchers.Select(name => $"{{\"name\":\"{name}\",\"value\":\"{Label(name)}\",\"isRegex\":false}}")) + "]",
            ["fingerprint"] = "Fingerprint: " + alert.GetProperty("fingerprint").GetString(),
        };
        if (annotations.TryGetProperty("jobs", out var jobs))
        {
            expected["jobs"] = "Failing jobs (counting towards N, longest streak first):\n" + jobs.GetString();
        }

        if (annotations.TryGetProperty("hud_url", out var hud))
        {
            expected["hud"] = "HUD:         " + hud.GetString();
        }

        if (status == "RESOLVED")
        {
            expected["resolved"] = "Resolved:    " + alert.GetProperty("endsAt").GetDateTimeOffset().UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
        }

        return [.. expected.Where(field => !block.Contains(field.Value, StringComparison.Ordinal)).Select(field => field.Key)];
    }

    private static JsonElement Load(string file) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AlertPack.NotificationDirectory, file))).RootElement;

    private static async Task<string> Render(string templateGlob, string file, string template)
    {
        var result = await ExternalTool.RunAsync(
            "amtool",
            [
                "template", "render",
                "--template.glob=" + templateGlob,
                "--template.data=" + Path.Combine(AlertPack.NotificationDirectory, file),
                "--template.text={{ template \"" + template + "\" . }}",
            ]);
        Assert.True(result.ExitCode == 0, result.Describe());
        return result.StandardOutput;
    }
}
