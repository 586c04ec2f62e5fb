using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace TrunkExporter.FakeGitHub;

/// <summary>
/// Renders the three list endpoints in GitHub's JSON shapes (field names and nesting as in the
/// recorded fixtures), with the fields a real answer carries beyond the ones the exporter reads.
/// </summary>
internal static partial class GitHubShapes
{
    public const string Html = "https://github.com";

    /// <summary>GET /repos/{owner}/{repo}/installation: the App's installation on the repository's account.</summary>
    public static byte[] Installation(FakeGitHubApp app, string repo, string api) => Render(json =>
    {
        var owner = repo.Split('/')[0];
        json.WriteStartObject();
        json.WriteNumber("id", app.InstallationId);
        json.WriteNumber("app_id", app.Id);
        json.WriteString("app_slug", "trunk-exporter");
        json.WriteString("target_type", "Organization");
        json.WriteStartObject("account");
        json.WriteString("login", owner);
        json.WriteNumber("id", 21003710);
        json.WriteString("type", "Organization");
        json.WriteEndObject();
        json.WriteString("repository_selection", "selected");
        json.WriteString("access_tokens_url", $"{api}/app/installations/{app.InstallationId}/access_tokens");
        json.WriteString("repositories_url", $"{api}/installation/repositories");
        json.WriteString("html_url", $"{Html}/organizations/{owner}/settings/installations/{app.InstallationId}");
        json.WriteStartObject("permissions");
        json.WriteString("actions", "read");
        json.WriteString("contents", "read");
        json.WriteString("metadata", "read");
        json.WriteEndObject();
        json.WriteStartArray("events");
        json.WriteEndArray();
        json.WriteString("created_at", "2026-01-01T00:00:00Z");
        json.WriteString("updated_at", "2026-01-01T00:00:00Z");
        json.WriteEndObject();
    });

    /// <summary>POST /app/installations/{id}/access_tokens: a token and when it expires.</summary>
    public static byte[] AccessToken(string token, DateTimeOffset expiresAt) => Render(json =>
    {
        json.WriteStartObject();
        json.WriteString("token", token);
        json.WriteString("expires_at", expiresAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        json.WriteStartObject("permissions");
        json.WriteString("actions", "read");
        json.WriteString("contents", "read");
        json.WriteEndObject();
        json.WriteString("repository_selection", "selected");
        json.WriteEndObject();
    });

    public static byte[] CommitsPage(FakeRepository repository, IEnumerable<FakeCommit> commits, string api)
    {
        return Render(json =>
        {
            json.WriteStartArray();
            foreach (var commit in commits)
            {
                var url = $"{api}/repos/{repository.FullName}/commits/{commit.Sha}";
                json.WriteStartObject();
                json.WriteString("sha", commit.Sha);
                json.WriteString("node_id", $"C_kwDO{commit.Sha[..12]}");
                json.WriteStartObject("commit");
                Signature(json, "author", commit.Author ?? "ghost", commit.Time);
                Signature(json, "committer", "GitHub", commit.Time);
                json.WriteString("message", commit.Title ?? string.Empty);
                json.WriteStartObject("tree");
                json.WriteString("sha", Hex(commit.Sha + "tree")[..40]);
                json.WriteString("url", $"{api}/repos/{repository.FullName}/git/trees/{Hex(commit.Sha + "tree")[..40]}");
                json.WriteEndObject();
                json.WriteString("url", $"{api}/repos/{repository.FullName}/git/commits/{commit.Sha}");
                json.WriteNumber("comment_count", 0);
                json.WriteStartObject("verification");
                json.WriteBoolean("verified", false);
                json.WriteString("reason", "unsigned");
                json.WriteNull("signature");
                json.WriteNull("payload");
                json.WriteNull("verified_at");
                json.WriteEndObject();
                json.WriteEndObject();
                json.WriteString("url", url);
                json.WriteString("html_url", $"{Html}/{repository.FullName}/commit/{commit.Sha}");
                json.WriteString("comments_url", $"{url}/comments");
                if (commit.Author is { } author)
                {
                    User(json, "author", author, api);
                }
                else
                {
                    json.WriteNull("author");
                }

                User(json, "committer", "web-flow", api);
                json.WriteStartArray("parents");
                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
        });
    }

    public static byte[] RunsPage(FakeRepository repository, FakeCommit? commit, int totalCount, IEnumerable<FakeRun> runs, string api)
    {
        return Render(json =>
        {
            json.WriteStartObject();
            json.WriteNumber("total_count", totalCount);
            json.WriteStartArray("workflow_runs");
            foreach (var run in runs)
            {
                var url = $"{api}/repos/{repository.FullName}/actions/runs/{run.Id}";
                json.WriteStartObject();
                json.WriteNumber("id", run.Id);
                json.WriteString("name", run.Workflow);
                json.WriteString("node_id", $"WFR_kwLO{run.Id}");
                json.WriteString("head_branch", repository.Branch);
                json.WriteString("head_sha", commit!.Sha);
                json.WriteString("path", $".github/workflows/{run.Workflow}.yml");
                json.WriteString("display_title", commit.Title ?? string.Empty);
                json.WriteNumber("run_number", run.RunNumber);
                json.WriteString("event", "push");
                json.WriteString("status", run.Status);
                WriteNullable(json, "conclusion", run.Conclusion);
                json.WriteNumber("workflow_id", WorkflowId(run.Workflow));
                json.WriteNumber("check_suite_id", run.Id + 7);
                json.WriteString("url", url);
                json.WriteString("html_url", $"{Html}/{repository.FullName}/actions/runs/{run.Id}");
                json.WriteStartArray("pull_requests");
                json.WriteEndArray();
                json.WriteString("created_at", Time(run.CreatedAt));
                json.WriteString("updated_at", Time(run.UpdatedAt));
                User(json, "actor", commit.Author ?? "ghost", api);
                json.WriteNumber("run_attempt", run.Attempt);
                json.WriteStartArray("referenced_workflows");
                json.WriteEndArray();
                json.WriteString("run_started_at", Time(run.CreatedAt));
                json.WriteString("jobs_url", $"{url}/jobs");
                json.WriteString("logs_url", $"{url}/logs");
                json.WriteString("check_suite_url", $"{api}/repos/{repository.FullName}/check-suites/{run.Id + 7}");
                json.WriteString("cancel_url", $"{url}/cancel");
                json.WriteString("rerun_url", $"{url}/rerun");
                if (run.Attempt > 1)
                {
                    json.WriteString("previous_attempt_url", $"{url}/attempts/{run.Attempt - 1}");
                }
                else
                {
                    json.WriteNull("previous_attempt_url");
                }

                json.WriteString("workflow_url", $"{api}/repos/{repository.FullName}/actions/workflows/{WorkflowId(run.Workflow)}");
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        });
    }

    public static byte[] JobsPage(FakeRepository repository, FakeCommit commit, FakeRun run, int totalCount, IEnumerable<FakeJob> jobs, string api)
    {
        return Render(json =>
        {
            json.WriteStartObject();
            json.WriteNumber("total_count", totalCount);
            json.WriteStartArray("jobs");
            foreach (var job in jobs)
            {
                var url = $"{api}/repos/{repository.FullName}/actions/jobs/{job.Id}";
                json.WriteStartObject();
                json.WriteNumber("id", job.Id);
                json.WriteNumber("run_id", run.Id);
                json.WriteString("workflow_name", run.Workflow);
                json.WriteString("head_branch", repository.Branch);
                json.WriteString("run_url", $"{api}/repos/{repository.FullName}/actions/runs/{run.Id}");
                json.WriteNumber("run_attempt", job.Attempt);
                json.WriteString("node_id", $"CR_kwDO{job.Id}");
                json.WriteString("head_sha", commit.Sha);
                json.WriteString("url", url);
                json.WriteString("html_url", repository.HtmlUrl(run, job));
                json.WriteString("status", job.Status);
                WriteNullable(json, "conclusion", job.Conclusion);
                json.WriteString("created_at", Time(job.CreatedAt));
                WriteNullable(json, "started_at", job.StartedAt is { } started ? Time(started) : null);
                WriteNullable(json, "completed_at", job.CompletedAt is { } completed ? Time(completed) : null);
                json.WriteString("name", job.Name);
                json.WriteStartArray("steps");
                json.WriteEndArray();
                json.WriteString("check_run_url", $"{api}/repos/{repository.FullName}/check-runs/{job.Id}");
                json.WriteStartArray("labels");
                json.WriteStringValue("linux.2xlarge");
                json.WriteEndArray();
                json.WriteNumber("runner_id", job.StartedAt is null ? 0 : 1000 + (job.Id % 97));
                WriteNullable(json, "runner_name", job.StartedAt is null ? null : $"i-0{job.Id % 100000:D5}");
                json.WriteNumber("runner_group_id", 1);
                json.WriteString("runner_group_name", "Default");
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        });
    }

    public static byte[] Error(string message, string documentation = "https://docs.github.com/rest") =>
        Render(json =>
        {
            json.WriteStartObject();
            json.WriteString("message", message);
            json.WriteString("documentation_url", documentation);
            json.WriteEndObject();
        });

    /// <summary>A weak validator like the ones GitHub puts on every list answer: W/"sha256 of the body".</summary>
    public static string ETag(byte[] body) => $"W/\"{Convert.ToHexStringLower(SHA256.HashData(body))}\"";

    public static string Time(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static void Signature(Utf8JsonWriter json, string name, string who, DateTimeOffset time)
    {
        json.WriteStartObject(name);
        json.WriteString("name", who);
        json.WriteString("email", $"{who.ToLowerInvariant()}@users.noreply.github.com");
        json.WriteString("date", Time(time));
        json.WriteEndObject();
    }

    private static void User(Utf8JsonWriter json, string name, string login, string api)
    {
        json.WriteStartObject(name);
        json.WriteString("login", login);
        json.WriteNumber("id", login.Length * 7919L);
        json.WriteString("url", $"{api}/users/{login}");
        json.WriteString("html_url", $"{Html}/{login}");
        json.WriteString("type", "User");
        json.WriteBoolean("site_admin", false);
        json.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    private static long WorkflowId(string workflow) => 1_000_000 + workflow.Aggregate(17L, (hash, c) => ((hash * 31) + c) % 1_000_000);

    private static string Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static byte[] Render(Action<Utf8JsonWriter> write)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(16 * 1024);
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            write(json);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
