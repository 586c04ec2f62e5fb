using System.Globalization;
using System.Text.Json;

namespace TrunkExporter.FakeGitHub;

/// <summary>The issues API's JSON shapes (as GitHub's REST reference documents them), with the fields Octokit reads.</summary>
internal static partial class GitHubShapes
{
    public static byte[] Issue(FakeIssue issue, string api) => Render(json => WriteIssue(json, issue, api));

    public static byte[] Issues(IEnumerable<FakeIssue> issues, string api) => Render(json =>
    {
        json.WriteStartArray();
        foreach (var issue in issues)
        {
            WriteIssue(json, issue, api);
        }

        json.WriteEndArray();
    });

    public static byte[] Label(string repo, string name, string api) => Render(json => WriteLabel(json, repo, name, api));

    public static byte[] Labels(string repo, IEnumerable<string> names, string api) => Render(json =>
    {
        json.WriteStartArray();
        foreach (var name in names)
        {
            WriteLabel(json, repo, name, api);
        }

        json.WriteEndArray();
    });

    public static byte[] Comment(string repo, int number, FakeComment comment, string api) => Render(json => WriteComment(json, repo, number, comment, api));

    public static byte[] Comments(string repo, int number, IEnumerable<FakeComment> comments, string api) => Render(json =>
    {
        json.WriteStartArray();
        foreach (var comment in comments)
        {
            WriteComment(json, repo, number, comment, api);
        }

        json.WriteEndArray();
    });

    private static void WriteIssue(Utf8JsonWriter json, FakeIssue issue, string api)
    {
        var number = issue.Number.ToString(CultureInfo.InvariantCulture);
        json.WriteStartObject();
        json.WriteNumber("id", 2_000_000_000L + (Math.Abs(issue.Repo.GetHashCode(StringComparison.OrdinalIgnoreCase)) % 1000 * 100_000) + issue.Number);
        json.WriteString("node_id", $"I_kwFake{number}");
        json.WriteString("url", $"{api}/repos/{issue.Repo}/issues/{number}");
        json.WriteString("repository_url", $"{api}/repos/{issue.Repo}");
        json.WriteString("comments_url", $"{api}/repos/{issue.Repo}/issues/{number}/comments");
        json.WriteString("html_url", $"{Html}/{issue.Repo}/issues/{number}");
        json.WriteNumber("number", issue.Number);
        json.WriteString("state", issue.State);
        WriteNullable(json, "state_reason", issue.StateReason);
        json.WriteString("title", issue.Title);
        json.WriteString("body", issue.Body);
        WriteUser(json, "user", "trunk-exporter[bot]");
        json.WriteStartArray("labels");
        foreach (var label in issue.Labels)
        {
            WriteLabel(json, issue.Repo, label, api);
        }

        json.WriteEndArray();
        json.WriteNull("assignee");
        json.WriteStartArray("assignees");
        json.WriteEndArray();
        json.WriteNull("milestone");
        json.WriteBoolean("locked", false);
        json.WriteNumber("comments", issue.Comments.Count);
        json.WriteString("created_at", issue.CreatedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        json.WriteString("updated_at", (issue.ClosedAt ?? issue.CreatedAt).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        if (issue.ClosedAt is { } closed)
        {
            json.WriteString("closed_at", closed.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        }
        else
        {
            json.WriteNull("closed_at");
        }

        json.WriteString("author_association", "NONE");
        json.WriteEndObject();
    }

    private static void WriteLabel(Utf8JsonWriter json, string repo, string name, string api)
    {
        json.WriteStartObject();
        json.WriteNumber("id", 5_000_000L + (Math.Abs(name.GetHashCode(StringComparison.OrdinalIgnoreCase)) % 1_000_000));
        json.WriteString("node_id", "LA_kwFake");
        json.WriteString("url", $"{api}/repos/{repo}/labels/{Uri.EscapeDataString(name)}");
        json.WriteString("name", name);
        json.WriteString("color", "d93f0b");
        json.WriteString("description", "Filed by trunk-exporter issue-bridge");
        json.WriteBoolean("default", false);
        json.WriteEndObject();
    }

    private static void WriteComment(Utf8JsonWriter json, string repo, int number, FakeComment comment, string api)
    {
        json.WriteStartObject();
        json.WriteNumber("id", comment.Id);
        json.WriteString("node_id", "IC_kwFake");
        json.WriteString("url", $"{api}/repos/{repo}/issues/comments/{comment.Id.ToString(CultureInfo.InvariantCulture)}");
        json.WriteString("html_url", $"{Html}/{repo}/issues/{number.ToString(CultureInfo.InvariantCulture)}#issuecomment-{comment.Id.ToString(CultureInfo.InvariantCulture)}");
        json.WriteString("issue_url", $"{api}/repos/{repo}/issues/{number.ToString(CultureInfo.InvariantCulture)}");
        json.WriteString("body", comment.Body);
        WriteUser(json, "user", "trunk-exporter[bot]");
        json.WriteString("created_at", comment.CreatedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        json.WriteString("updated_at", comment.CreatedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        json.WriteString("author_association", "NONE");
        json.WriteEndObject();
    }

    private static void WriteUser(Utf8JsonWriter json, string name, string login)
    {
        json.WriteStartObject(name);
        json.WriteString("login", login);
        json.WriteNumber("id", 41898282);
        json.WriteString("type", "Bot");
        json.WriteEndObject();
    }
}
