using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using TrunkExporter.Tests.Support;

namespace TrunkExporter.Tests.AlertRules;

/// <summary>
/// What only a running Alertmanager can tell: the silence command and API request that a
/// notification prints really silence that alert, and the inhibition rule holds back TrunkBroken.
/// </summary>
public sealed class LiveAlertmanagerTests(LiveAlertmanager alertmanager) : IClassFixture<LiveAlertmanager>
{
    private const string Notification = "trunk-badly-broken-firing.json";
    private static readonly string[] SilenceLabels = ["alertname", "repo", "branch"];

    [Fact]
    public async Task The_amtool_command_of_a_notification_creates_the_silence_it_describes()
    {
        var line = await RenderedLine("amtool:");
        var words = ShellWords(line["amtool:".Length..].Replace("<why>", "test", StringComparison.Ordinal));
        Assert.Equal("amtool", words[0]);

        var result = await ExternalTool.RunAsync("amtool", words.Skip(1));

        Assert.True(result.ExitCode == 0, result.Describe() + alertmanager.Log);
        await AssertSilenceMatchesTheAlert(result.StandardOutput.Trim());
    }

    [Fact]
    public async Task The_API_request_of_a_notification_creates_the_silence_it_describes()
    {
        var line = await RenderedLine("API v2:");
        var words = ShellWords(line["API v2:".Length..]);
        var body = words[words.IndexOf("-d") + 1]
            .Replace("<now, RFC 3339>", DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("<until, RFC 3339>", DateTimeOffset.UtcNow.AddHours(2).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("<you>", "test", StringComparison.Ordinal)
            .Replace("<why>", "test", StringComparison.Ordinal);
        Assert.Equal(["curl", "-X", "POST", "-H", "Content-Type: application/json"], words.Take(5));

        using var response = await alertmanager.Http.PostAsync(
            new Uri(words[words.IndexOf("-d") - 1]),
            new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var created = await response.Content.ReadFromJsonAsync<JsonObject>();
        await AssertSilenceMatchesTheAlert(created!["silenceID"]!.GetValue<string>());
    }

    /// <summary>The first shell block of the runbook's "How to silence" (the amtool one), run as written.</summary>
    [Theory]
    [MemberData(nameof(RunbookTests.AlertNames), MemberType = typeof(RunbookTests))]
    public async Task The_amtool_command_of_every_runbook_creates_a_silence_for_its_alert(string alert)
    {
        var text = await File.ReadAllTextAsync(Path.Combine(AlertPack.RunbookDirectory, alert + ".md"));
        var section = text[text.IndexOf("## How to silence", StringComparison.Ordinal)..];
        var start = section.IndexOf("```sh\n", StringComparison.Ordinal) + "```sh\n".Length;
        var block = section[start..section.IndexOf("```", start, StringComparison.Ordinal)];
        Assert.Contains("amtool --alertmanager.url=$AM silence add", block, StringComparison.Ordinal);
        var url = alertmanager.Url.ToString().TrimEnd('/');

        var result = await ExternalTool.RunAsync("bash", ["-euc", block.Replace("AM=http://127.0.0.1:9093", "AM=" + url, StringComparison.Ordinal)]);

        Assert.True(result.ExitCode == 0, result.Describe());
        var silence = (await alertmanager.Http.GetFromJsonAsync<JsonObject>(new Uri(alertmanager.Url, "/api/v2/silence/" + result.StandardOutput.Trim())))!;
        Assert.Contains(
            silence["matchers"]!.AsArray(),
            matcher => matcher!["name"]!.GetValue<string>() == "alertname" && matcher["value"]!.GetValue<string>() == alert);
    }

    [Fact]
    public async Task TrunkBroken_is_inhibited_while_TrunkBadlyBroken_fires_for_the_same_repo_and_branch()
    {
        JsonObject Alert(string name, string repo) => new()
        {
            ["labels"] = new JsonObject
            {
                ["alertname"] = name, ["repo"] = repo, ["branch"] = "main", ["team"] = "dev-infra",
                ["priority"] = name == "TrunkBroken" ? "P2" : "P1",
            },
            ["startsAt"] = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("O", CultureInfo.InvariantCulture),
            ["endsAt"] = DateTimeOffset.UtcNow.AddHours(1).ToString("O", CultureInfo.InvariantCulture),
        };
        var alerts = new JsonArray(
            Alert("TrunkBadlyBroken", "inhibition/one"),
            Alert("TrunkBroken", "inhibition/one"),
            Alert("TrunkBroken", "inhibition/two"));

        using var posted = await alertmanager.Http.PostAsync(
            new Uri(alertmanager.Url, "/api/v2/alerts"), new StringContent(alerts.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.True(posted.IsSuccessStatusCode, await posted.Content.ReadAsStringAsync());

        // Alertmanager works out inhibitions after it accepts the alerts, so a first look may still see them unprocessed.
        string[] expected = ["active", "suppressed", "active"];
        string[] seen = [];
        await BoundedWait.UntilAsync(
            async _ => (seen = [await State("TrunkBadlyBroken", "inhibition/one"), await State("TrunkBroken", "inhibition/one"), await State("TrunkBroken", "inhibition/two")])
                .SequenceEqual(expected),
            TimeSpan.FromSeconds(30),
            () => $"states of TrunkBadlyBroken and TrunkBroken on inhibition/one and TrunkBroken on inhibition/two: expected {string.Join(", ", expected)}, last seen {string.Join(", ", seen)}\n{alertmanager.Log}");

        Assert.Equal(expected, seen);
    }

    /// <summary>The alert's state, or "missing" while Alertmanager does not list it yet.</summary>
    private async Task<string> State(string alertname, string repo)
    {
        var url = new Uri(alertmanager.Url, "/api/v2/alerts?filter=" + Uri.EscapeDataString($"alertname=\"{alertname}\"") + "&filter=" + Uri.EscapeDataString($"repo=\"{repo}\""));
        var alert = (await alertmanager.Http.GetFromJsonAsync<JsonArray>(url))!.SingleOrDefault();
        return alert?["status"]!["state"]!.GetValue<string>() ?? "missing";
    }

    private async Task AssertSilenceMatchesTheAlert(string id)
    {
        var silence = (await alertmanager.Http.GetFromJsonAsync<JsonObject>(new Uri(alertmanager.Url, "/api/v2/silence/" + id)))!;
        var labels = NotificationData()["alerts"]![0]!["labels"]!;

        Assert.Equal("active", silence["status"]!["state"]!.GetValue<string>());
        Assert.Equal(
            SilenceLabels.Select(name => $"{name}={labels[name]!.GetValue<string>()} regex=False equal=True"),
            silence["matchers"]!.AsArray().Select(matcher =>
                $"{matcher!["name"]}={matcher["value"]} regex={matcher["isRegex"]!.GetValue<bool>()} equal={matcher["isEqual"]!.GetValue<bool>()}"));
    }

    /// <summary>The line of the rendered notification, for this Alertmanager, that starts with the label.</summary>
    private async Task<string> RenderedLine(string label)
    {
        using var scratch = new TempDirectory();
        var data = NotificationData();
        data["externalURL"] = alertmanager.Url.ToString().TrimEnd('/');
        var file = scratch.Combine(Notification);
        await File.WriteAllTextAsync(file, data.ToJsonString());

        var result = await ExternalTool.RunAsync(
            "amtool",
            ["template", "render", "--template.glob=" + AlertPack.TemplatesGlob, "--template.data=" + file, "--template.text={{ template \"trunk.text\" . }}"]);

        Assert.True(result.ExitCode == 0, result.Describe());
        return Assert.Single(result.StandardOutput.Split('\n').Select(line => line.Trim()), line => line.StartsWith(label, StringComparison.Ordinal));
    }

    private static JsonObject NotificationData() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AlertPack.NotificationDirectory, Notification)))!.AsObject();

    /// <summary>Splits a command line as a POSIX shell would, for the single quotes the templates use.</summary>
    private static List<string> ShellWords(string line)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        var quoted = false;
        foreach (var character in line)
        {
            if (character == '\'')
            {
                quoted = !quoted;
                inWord = true;
            }
            else if (character == ' ' && !quoted)
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }
            }
            else
            {
                word.Append(character);
                inWord = true;
            }
        }

        Assert.False(quoted, $"unbalanced quote in: {line}");
        if (inWord)
        {
            words.Add(word.ToString());
        }

        return words;
    }
}
