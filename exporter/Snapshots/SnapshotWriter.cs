using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace TrunkExporter.Snapshots;

/// <summary>Writes contract section 6, version 1; optional fields are left out when they carry no value.</summary>
internal static class SnapshotWriter
{
    public static void Write(TrunkSnapshot snapshot, Stream destination)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        using var json = new Utf8JsonWriter(destination, new JsonWriterOptions
        {
            Indented = true,
            NewLine = "\n",

            // Job names and titles stay readable in bug reports: no \u escapes for <, >, +, ' or non-ASCII.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
        json.WriteStartObject();
        json.WriteNumber("version", TrunkSnapshot.CurrentVersion);
        json.WriteString("repo", snapshot.Repo);
        json.WriteString("branch", snapshot.Branch);
        json.WriteString("capturedAt", FormatTime(snapshot.CapturedAt));
        json.WriteStartArray("commits");
        foreach (var commit in snapshot.Commits)
        {
            WriteCommit(json, commit);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        destination.WriteByte((byte)'\n');
    }

    /// <summary>Writes through a temporary file and a rename, so a reader never sees half a snapshot.</summary>
    public static void WriteFile(TrunkSnapshot snapshot, string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        try
        {
            using (var stream = File.Create(temporary))
            {
                Write(snapshot, stream);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    public static string FormatTime(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    private static void WriteCommit(Utf8JsonWriter json, SnapshotCommit commit)
    {
        json.WriteStartObject();
        json.WriteString("sha", commit.Sha);
        json.WriteString("time", FormatTime(commit.Time));
        WriteIfPresent(json, "title", commit.Title);
        WriteIfPresent(json, "author", commit.Author);
        if (commit.Pr is { } pr)
        {
            json.WriteNumber("pr", pr);
        }

        json.WriteStartArray("jobs");
        foreach (var job in commit.Jobs)
        {
            json.WriteStartObject();
            json.WriteString("workflow", job.Workflow);
            json.WriteString("name", job.Name);
            json.WriteString("status", job.Status);
            WriteIfPresent(json, "conclusion", job.Conclusion);
            if (job.Attempt != 1)
            {
                json.WriteNumber("attempt", job.Attempt);
            }

            WriteIfPresent(json, "url", job.Url);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteIfPresent(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }
}
