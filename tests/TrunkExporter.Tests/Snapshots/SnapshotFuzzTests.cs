using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using TrunkExporter.Cli;
using TrunkExporter.Snapshots;
using TrunkExporter.Tests.Support;
using Xunit.Abstractions;

namespace TrunkExporter.Tests.Snapshots;

/// <summary>
/// Issue 11: seeded random mutations of the bundled samples, run through <c>scrape --replay</c>'s own entry
/// point. Each must end in a result or one line naming the file, never a stack trace, a hang or exit 0 on an
/// invalid file. The seed is in the test's name: <c>--filter "DisplayName~seed: 17)"</c> runs one case again.
/// </summary>
public sealed class SnapshotFuzzTests(ITestOutputHelper log) : IDisposable
{
    public const int SeedsPerSample = 150;

    /// <summary>Every this many seeds mutates the whole 3.4 MB sample; the others a four-commit cut of it, which keeps 300 cases fast.</summary>
    private const int WholeSampleEvery = 30;

    private static readonly string[] Samples = ["trunk-p2.json", "trunk-p1.json"];
    private static readonly Dictionary<string, Lazy<(byte[] Whole, byte[] Cut)>> Bases = Samples.ToDictionary(
        sample => sample,
        sample => new Lazy<(byte[], byte[])>(() => LoadBase(sample)));

    private static readonly string[] RequiredRoot = ["version", "repo", "branch", "capturedAt", "commits"];
    private static readonly string[] RequiredCommit = ["sha", "time", "jobs"];
    private static readonly string[] OptionalCommit = ["title", "author", "pr"];
    private static readonly string[] RequiredJob = ["workflow", "name", "status"];
    private static readonly string[] OptionalJob = ["conclusion", "attempt", "url"];
    private const string Placeholder = "fuzz_placeholder";

    /// <summary>Each is invalid whatever follows it: a lone surrogate, an unknown escape, a short \u escape, raw control characters.</summary>
    private static readonly string[] BadEscapes = ["\\ud800", "\\udfff x", "\\q", "\\u12zz", "\\x41", "\u0001", "\t", "\\ud800\\ud800"];
    private static readonly string[] BadTimes = ["Nov 18 2026", "2026-11-18", "18/11/2026 15:01:12", "2026-11-18 15:01:12Z", "2026-13-45T99:99:99Z", "now", "2026-11-18T15:01:12Zjunk"];
    private static readonly string[] HugeNumbers = ["1e400", "99999999999999999999999", "-99999999999999999999999", "1.5", "0.0000001"];

    private readonly TempDirectory _directory = new();

    public static TheoryData<string, int> Cases()
    {
        var cases = new TheoryData<string, int>();
        foreach (var sample in Samples)
        {
            for (var seed = 1; seed <= SeedsPerSample; seed++)
            {
                cases.Add(sample, seed);
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_mutated_sample_ends_in_a_result_or_one_line_naming_the_file(string sample, int seed)
    {
        var random = new Random(seed);
        var (whole, cut) = Bases[sample].Value;
        var mutation = Mutate(seed % WholeSampleEvery == 0 ? whole : cut, random);
        var file = _directory.File($"{Path.GetFileNameWithoutExtension(sample)}-{seed}.json");
        File.WriteAllBytes(file, mutation.Bytes);

        var scrape = Task.Run(() =>
        {
            using var output = new StringWriter();
            using var error = new StringWriter();
            var exit = ScrapeCommand.Run(new FileInfo(file), "prometheus", "dev-infra", 50, output, error);
            return (Exit: exit, Output: output.ToString(), Error: error.ToString());
        });

        Assert.True(await Task.WhenAny(scrape, Task.Delay(TimeSpan.FromSeconds(60))) == scrape, $"{mutation.Description}: scrape did not finish within 60 s");
        var (exit, stdout, stderr) = await scrape;
        log.WriteLine($"{mutation.Description}: exit {exit} {stderr.TrimEnd('\n')}");
        var invalid = mutation.MustReject || !StrictlyValidJson(mutation.Bytes);
        if (exit == ExitCodes.Ok)
        {
            Assert.False(invalid, $"{mutation.Description}: an invalid file was accepted with exit 0");
            Assert.Equal(string.Empty, stderr);
            Assert.Contains("trunk_window_commits{", stdout, StringComparison.Ordinal);
            return;
        }

        Assert.True(exit == ExitCodes.BadInput, $"{mutation.Description}: exit {exit}, stderr: {stderr}");
        Assert.Equal(string.Empty, stdout);
        Assert.True(
            stderr.StartsWith($"trunk-exporter: snapshot {file}: $", StringComparison.Ordinal) && stderr.IndexOf('\n', StringComparison.Ordinal) == stderr.Length - 1,
            $"{mutation.Description}: not one line naming the file: {stderr}");
    }

    [Fact]
    public void The_unmutated_bases_are_accepted_so_every_rejection_is_the_mutations_doing()
    {
        foreach (var sample in Samples)
        {
            foreach (var bytes in new[] { Bases[sample].Value.Whole, Bases[sample].Value.Cut })
            {
                Assert.Equal(4, SnapshotReader.Read(bytes, sample).Commits.Take(4).Count());
            }
        }
    }

    public void Dispose() => _directory.Dispose();

    private static (byte[] Whole, byte[] Cut) LoadBase(string sample)
    {
        var path = RepoPaths.InRepo("samples", sample);
        var snapshot = SnapshotReader.ReadFile(path);
        var cut = snapshot with
        {
            Commits = [.. snapshot.Commits.Take(4).Select(commit => commit with { Jobs = [.. commit.Jobs.Take(30)] })],
        };
        using var stream = new MemoryStream();
        SnapshotWriter.Write(cut, stream);
        return (File.ReadAllBytes(path), stream.ToArray());
    }

    /// <summary>Valid UTF-8, valid JSON and no property given twice: what any strict reader would demand.</summary>
    private static bool StrictlyValidJson(byte[] bytes)
    {
        if (!System.Text.Unicode.Utf8.IsValid(bytes))
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { AllowDuplicateProperties = false, MaxDepth = 16 });
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static Mutation Mutate(byte[] source, Random random)
    {
        var kind = random.Next(8);
        return kind switch
        {
            0 => FlipBytes(source, random),
            1 => Truncate(source, random),
            _ => Structural(source, random, kind),
        };
    }

    private static Mutation FlipBytes(byte[] source, Random random)
    {
        var bytes = (byte[])source.Clone();
        var flips = random.Next(1, 4);
        var at = new List<string>();
        for (var i = 0; i < flips; i++)
        {
            var index = random.Next(bytes.Length);
            bytes[index] = (byte)random.Next(256);
            at.Add($"{index}=0x{bytes[index]:x2}");
        }

        return new Mutation($"byte flips {string.Join(", ", at)}", bytes, MustReject: false);
    }

    private static Mutation Truncate(byte[] source, Random random)
    {
        var end = Array.LastIndexOf(source, (byte)'}');
        var length = random.Next(0, end);
        return new Mutation($"truncated to {length} of {source.Length} bytes", source[..length], MustReject: true);
    }

    /// <summary>Changes one field of the root, a commit or a job through the JSON tree, then splices in what a tree cannot hold (bad escapes, twice-given keys).</summary>
    private static Mutation Structural(byte[] source, Random random, int kind)
    {
        var root = JsonNode.Parse(source)!.AsObject();
        var commits = root["commits"]!.AsArray();
        var commit = commits[random.Next(commits.Count)]!.AsObject();
        var jobs = commit["jobs"]!.AsArray();
        var level = jobs.Count == 0 ? random.Next(2) : random.Next(3);
        var (target, required, optional, where) = level switch
        {
            0 => (root, RequiredRoot, Array.Empty<string>(), "$"),
            1 => (commit, RequiredCommit, OptionalCommit, "a commit"),
            _ => (jobs[random.Next(jobs.Count)]!.AsObject(), RequiredJob, OptionalJob, "a job"),
        };
        var present = target.Select(property => property.Key).Where(key => required.Contains(key) || optional.Contains(key)).ToArray();
        var field = present[random.Next(present.Length)];
        var isRequired = required.Contains(field);
        string description;
        var mustReject = true;
        string? splice = null;
        switch (kind)
        {
            case 2:
                JsonNode? swapped = random.Next(5) switch
                {
                    0 => JsonValue.Create(42),
                    1 => JsonValue.Create(true),
                    2 => new JsonArray(),
                    3 => new JsonObject(),
                    _ => JsonValue.Create("text"),
                };

                // The same kind of value is still wrong where the value itself is checked: version 42, repo "text", time "text".
                mustReject = swapped?.GetValueKind() != target[field]?.GetValueKind() || field is "version" or "repo" or "capturedAt" or "time";
                target[field] = swapped;
                description = $"{field} of {where} set to {swapped?.ToJsonString() ?? "null"}";
                break;
            case 3:
                target.Remove(field);
                mustReject = isRequired;
                description = $"{field} dropped from {where}";
                break;
            case 4:
                var numeric = new[] { "version", "pr", "attempt" }.Where(target.ContainsKey).ToArray();
                (target, field, where) = numeric.Length > 0 ? (target, numeric[random.Next(numeric.Length)], where) : (root, "version", "$");
                var huge = HugeNumbers[random.Next(HugeNumbers.Length)];
                target.Remove(field);
                target[Placeholder] = 0;
                splice = $"\"{field}\":{huge}";
                description = $"{field} of {where} set to the number {huge}";
                break;
            case 5:
                var text = new[] { "repo", "branch", "sha", "title", "author", "workflow", "name", "status", "conclusion", "url" }
                    .Where(name => target[name]?.GetValueKind() == JsonValueKind.String).ToArray();
                (target, field, where) = text.Length > 0 ? (target, text[random.Next(text.Length)], where) : (root, "repo", "$");
                var escape = BadEscapes[random.Next(BadEscapes.Length)];
                var value = target[field]!.GetValue<string>();
                var cut = random.Next(value.Length + 1);
                cut -= cut > 0 && cut < value.Length && char.IsLowSurrogate(value[cut]) ? 1 : 0;
                target.Remove(field);
                target[Placeholder] = 0;
                splice = $"\"{field}\":\"{JsonEncodedText.Encode(value[..cut]).Value}{escape}{JsonEncodedText.Encode(value[cut..]).Value}\"";
                description = $"{field} of {where} given the bad escape {JsonSerializer.Serialize(escape)} at {cut}";
                break;
            case 6:
                var repeated = target[field]?.ToJsonString() ?? "null";
                target.Remove(field);
                target[Placeholder] = 0;
                splice = $"\"{field}\":{repeated},\"{field}\":{repeated}";
                description = $"{field} given twice in {where}";
                break;
            default:
                (target, field, where) = target.ContainsKey("time") ? (target, "time", where) : (root, "capturedAt", "$");
                var bad = BadTimes[random.Next(BadTimes.Length)];
                target[field] = bad;
                description = $"{field} of {where} set to the time '{bad}'";
                break;
        }

        var json = root.ToJsonString();
        if (splice is not null)
        {
            var marker = $"\"{Placeholder}\":0";
            Assert.Contains(marker, json, StringComparison.Ordinal);
            json = json.Replace(marker, splice, StringComparison.Ordinal);
        }

        return new Mutation(description, Encoding.UTF8.GetBytes(json), mustReject);
    }

    private sealed record Mutation(string Description, byte[] Bytes, bool MustReject);
}
