using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Text.Unicode;
using System.Text;
using TrunkExporter.Core;
using TrunkExporter.Files;

namespace TrunkExporter.Snapshots;

/// <summary>
/// Reads contract section 6, version 1. The whole document is validated before anything is
/// returned, so a bad file never half-loads; the first problem is reported with its JSON path.
/// Unknown properties are ignored so that newer writers stay readable; a property given twice is not,
/// because which of the two counts would be a guess.
/// </summary>
internal static partial class SnapshotReader
{
    /// <summary>256 MiB: the PyTorch-scale samples are 3.4 MB, so this is far above any real window and far below a container's memory.</summary>
    public const long DefaultMaxBytes = 256L * 1024 * 1024;

    /// <summary>Reads a regular file of at most <paramref name="maxBytes"/> bytes; a FIFO, a device or a larger file is one error.</summary>
    public static TrunkSnapshot ReadFile(string path, long maxBytes = DefaultMaxBytes)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (RegularFile.Kind(path) is { } kind)
        {
            throw new SnapshotFormatException(path, "$", $"is {kind}, not a regular file; only regular files are read");
        }

        ReadOnlyMemory<byte> bytes;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan);
            bytes = ReadBounded(stream, maxBytes, path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SnapshotFormatException(path, "$", $"cannot be read ({ex.Message})", ex);
        }

        return Read(bytes, path);
    }

    public static TrunkSnapshot Read(ReadOnlyMemory<byte> utf8Json, string source)
    {
        if (!Utf8.IsValid(utf8Json.Span))
        {
            throw new SnapshotFormatException(source, "$", $"is not valid UTF-8 {Position(utf8Json.Span, InvalidUtf8At(utf8Json.Span))}");
        }

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

    /// <summary>Reads to the end, but never more than the limit: the length of a growing file or a device proves nothing.</summary>
    private static ReadOnlyMemory<byte> ReadBounded(FileStream stream, long maxBytes, string path)
    {
        var limit = (int)Math.Clamp(maxBytes, 0, Array.MaxLength - 1);
        if (stream.CanSeek && stream.Length > limit)
        {
            throw TooLarge(path, maxBytes);
        }

        var buffer = new byte[stream.CanSeek ? (int)stream.Length + 1 : Math.Min(limit + 1, 1 << 16)];
        var total = 0;
        while (true)
        {
            if (total == buffer.Length)
            {
                Array.Resize(ref buffer, (int)Math.Min(buffer.Length * 2L, limit + 1L));
            }

            var read = stream.Read(buffer, total, buffer.Length - total);
            if (read == 0)
            {
                return buffer.AsMemory(0, total);
            }

            total += read;
            if (total > limit)
            {
                throw TooLarge(path, maxBytes);
            }
        }
    }

    private static SnapshotFormatException TooLarge(string path, long maxBytes) =>
        new(path, "$", $"is larger than the limit of {maxBytes} bytes (TrunkExporter:MaxSnapshotBytes; scrape --max-bytes)");

    private static int InvalidUtf8At(ReadOnlySpan<byte> bytes)
    {
        var offset = 0;
        while (offset < bytes.Length && Rune.DecodeFromUtf8(bytes[offset..], out _, out var consumed) == OperationStatus.Done)
        {
            offset += consumed;
        }

        return offset;
    }

    private static string Position(ReadOnlySpan<byte> bytes, int offset)
    {
        var before = bytes[..offset];
        var line = before.Count((byte)'\n') + 1;
        var column = offset - (before.LastIndexOf((byte)'\n') + 1) + 1;
        return $"at line {line}, byte {column}";
    }

    private sealed class Parser(string source)
    {
        public TrunkSnapshot Snapshot(JsonElement root)
        {
            Expect(root, JsonValueKind.Object, "$", "an object");
            NoDuplicateProperties(root, "$");
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
            if (branch.Any(char.IsControl))
            {
                throw Fail("$.branch", "must not contain control characters such as a newline");
            }

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
            NoDuplicateProperties(element, path);
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
            NoDuplicateProperties(element, path);
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
            var value = Text(Required(parent, path, name, JsonValueKind.String, "a string"), $"{path}.{name}");
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
            return IsoTime().IsMatch(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
                ? time.ToUniversalTime()
                : throw Fail($"{path}.{name}", $"'{text}' is not an ISO 8601 time such as 2026-11-18T15:09:00Z");
        }

        private string? OptionalString(JsonElement parent, string path, string name)
        {
            if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            Expect(value, JsonValueKind.String, $"{path}.{name}", "a string");
            return Text(value, $"{path}.{name}");
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

        /// <summary>The string, or one error: a lone surrogate escape (\ud800) is valid JSON but no text.</summary>
        private string Text(JsonElement value, string path)
        {
            try
            {
                return value.GetString()!;
            }
            catch (InvalidOperationException)
            {
                throw Fail(path, "is not valid text: it holds a lone surrogate escape such as \\ud800");
            }
        }

        private void NoDuplicateProperties(JsonElement element, string path)
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in element.EnumerateObject())
            {
                var name = Text(property, path);
                if (!names.Add(name))
                {
                    throw Fail($"{path}.{name}", "is given twice in one object");
                }
            }
        }

        private string Text(JsonProperty property, string path)
        {
            try
            {
                return property.Name;
            }
            catch (InvalidOperationException)
            {
                throw Fail(path, "has a property name that is not valid text (a lone surrogate escape such as \\ud800)");
            }
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

    /// <summary>RFC 3339's shape of ISO 8601: date, 'T', time, optional fraction and offset. "Nov 18 2026" is not a time a writer of this format produces.</summary>
    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,7})?(Z|[+-][0-9]{2}:[0-9]{2})?\z", RegexOptions.CultureInvariant)]
    private static partial Regex IsoTime();
}
