using System.Globalization;
using System.Text.Json;
using TrunkExporter.Configuration;

namespace TrunkExporter.Snapshots;

/// <summary>
/// Reads contract section 6, version 1. The whole document is validated before anything is
/// returned, so a bad file never half-loads; the first problem is reported with its JSON path.
/// Unknown properties are ignored so that newer writers stay readable.
/// </summary>
internal static class SnapshotReader
{
    public static TrunkSnapshot ReadFile(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SnapshotFormatException(path, "$", $"cannot be read ({ex.Message})", ex);
        }

        return Read(bytes, path);
    }

    public static TrunkSnapshot Read(ReadOnlyMemory<byte> utf8Json, string source)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" at line {line + 1}, byte {ex.BytePositionInLine + 1}" : string.Empty;
            throw new SnapshotFormatException(source, ex.Path ?? "$", $"is not valid JSON{where}", ex);
        }

        using (document)
        {
            return new Parser(source).Snapshot(document.RootElement);
        }
    }

    private sealed class Parser(string source)
    {
        public TrunkSnapshot Snapshot(JsonElement root)
        {
            Expect(root, JsonValueKind.Object, "$", "an object");
            var version = RequiredInt(root, "$", "version");
            if (version != TrunkSnapshot.CurrentVersion)
            {
                throw Fail("$.version", $"version {version} is not supported (this exporter reads version {TrunkSnapshot.CurrentVersion})");
            }

            var repo = RequiredString(root, "$", "repo");
            if (!RepositoryName.IsValid(repo))
            {
                throw Fail("$.repo", $"'{repo}' is not of the form {RepositoryName.Form}");
            }

            var branch = RequiredString(root, "$", "branch");
            var capturedAt = RequiredTime(root, "$", "capturedAt");
            var commitsElement = Required(root, "$", "commits", JsonValueKind.Array, "an array");

            var commits = new List<SnapshotCommit>(commitsElement.GetArrayLength());
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var index = 0;
            foreach (var element in commitsElement.EnumerateArray())
            {
                var path = $"$.commits[{index++}]";
                var commit = Commit(element, path);
                if (!seen.Add(commit.Sha))
                {
                    throw Fail($"{path}.sha", $"duplicate sha {commit.Sha}");
                }

                commits.Add(commit);
            }

            return new TrunkSnapshot(repo, branch, capturedAt, commits);
        }

        private SnapshotCommit Commit(JsonElement element, string path)
        {
            Expect(element, JsonValueKind.Object, path, "an object");
            var jobsElement = Required(element, path, "jobs", JsonValueKind.Array, "an array");
            var jobs = new List<SnapshotJob>(jobsElement.GetArrayLength());
            var index = 0;
            foreach (var job in jobsElement.EnumerateArray())
            {
                jobs.Add(Job(job, $"{path}.jobs[{index++}]"));
            }

            return new SnapshotCommit(
                RequiredString(element, path, "sha"),
                RequiredTime(element, path, "time"),
                jobs,
                OptionalString(element, path, "title"),
                OptionalString(element, path, "author"),
                OptionalLong(element, path, "pr"));
        }

        private SnapshotJob Job(JsonElement element, string path)
        {
            Expect(element, JsonValueKind.Object, path, "an object");
            var attempt = OptionalLong(element, path, "attempt") ?? 1;
            if (attempt is < 1 or > int.MaxValue)
            {
                throw Fail($"{path}.attempt", $"{attempt} is not a positive attempt number");
            }

            return new SnapshotJob(
                RequiredString(element, path, "workflow"),
                RequiredString(element, path, "name"),
                RequiredString(element, path, "status"),
                OptionalString(element, path, "conclusion"),
                (int)attempt,
                OptionalString(element, path, "url"));
        }

        private JsonElement Required(JsonElement parent, string path, string name, JsonValueKind kind, string description)
        {
            if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                throw Fail($"{path}.{name}", "is required but missing");
            }

            Expect(value, kind, $"{path}.{name}", description);
            return value;
        }

        private string RequiredString(JsonElement parent, string path, string name)
        {
            var value = Required(parent, path, name, JsonValueKind.String, "a string").GetString()!;
            return value.Length > 0 ? value : throw Fail($"{path}.{name}", "must not be empty");
        }

        private int RequiredInt(JsonElement parent, string path, string name)
        {
            var value = Required(parent, path, name, JsonValueKind.Number, "a number");
            return value.TryGetInt32(out var number) ? number : throw Fail($"{path}.{name}", "must be a whole number");
        }

        private DateTimeOffset RequiredTime(JsonElement parent, string path, string name)
        {
            var text = RequiredString(parent, path, name);
            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
                ? time.ToUniversalTime()
                : throw Fail($"{path}.{name}", $"'{text}' is not an ISO 8601 time");
        }

        private string? OptionalString(JsonElement parent, string path, string name)
        {
            if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            Expect(value, JsonValueKind.String, $"{path}.{name}", "a string");
            return value.GetString();
        }

        private long? OptionalLong(JsonElement parent, string path, string name)
        {
            if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            Expect(value, JsonValueKind.Number, $"{path}.{name}", "a number");
            return value.TryGetInt64(out var number) ? number : throw Fail($"{path}.{name}", "must be a whole number");
        }

        private void Expect(JsonElement element, JsonValueKind kind, string path, string description)
        {
            if (element.ValueKind != kind)
            {
                throw Fail(path, $"must be {description}, not {Describe(element.ValueKind)}");
            }
        }

        private static string Describe(JsonValueKind kind) => kind switch
        {
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => "an array",
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            JsonValueKind.True or JsonValueKind.False => "a boolean",
            JsonValueKind.Null => "null",
            _ => kind.ToString(),
        };

        private SnapshotFormatException Fail(string path, string problem) => new(source, path, problem);
    }
}
