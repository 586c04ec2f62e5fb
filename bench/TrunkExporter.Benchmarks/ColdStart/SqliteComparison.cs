using System.Diagnostics;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using TrunkExporter.GitHub.Reading;

namespace TrunkExporter.Benchmarks.ColdStart;

/// <summary>
/// The same branch cache in an embedded SQLite database (Microsoft.Data.Sqlite), for the storage choice:
/// one row per commit (its completion cache as JSON) and one per ETag answer, written in one
/// transaction; a full write, the write of one changed commit (what a refresh changes), and a load.
/// </summary>
internal static class SqliteComparison
{
    public static async Task RunAsync(TextWriter output, PersistedBranch saved, string directory)
    {
        var path = Path.Combine(directory, "comparison.sqlite");
        var full = new List<double>();
        var one = new List<double>();
        var loads = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            foreach (var file in Directory.GetFiles(directory, "comparison.sqlite*"))
            {
                File.Delete(file);
            }

            var clock = Stopwatch.StartNew();
            Write(path, saved, saved.Commits, saved.Answers);
            full.Add(clock.Elapsed.TotalMilliseconds);

            var changed = saved.Commits[0];
            var urls = changed.RunPages.Select(page => page.Url).Concat(changed.Runs.SelectMany(run => run.JobPages.Select(page => page.Url))).ToHashSet();
            clock.Restart();
            Write(path, saved, [changed], [.. saved.Answers.Where(answer => urls.Contains(answer.Url))]);
            one.Add(clock.Elapsed.TotalMilliseconds);

            clock.Restart();
            var (commits, answers) = Load(path);
            loads.Add(clock.Elapsed.TotalMilliseconds);
            if (commits != saved.Commits.Count || answers != saved.Answers.Count)
            {
                throw new InvalidOperationException($"SQLite gave back {commits} commits and {answers} answers");
            }
        }

        var bytes = Directory.GetFiles(directory, "comparison.sqlite*").Sum(file => new FileInfo(file).Length);
        await output.WriteLineAsync($"sqlite: {bytes:N0} bytes ({bytes / 1024.0 / 1024.0:0.0} MiB) on disk; full write median {Median(full):0} ms, write of one changed commit median {Median(one):0} ms, load median {Median(loads):0} ms, of 5");
    }

    private static void Write(string path, PersistedBranch saved, IEnumerable<PersistedCommit> commits, IEnumerable<PersistedAnswer> answers)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
            + "CREATE TABLE IF NOT EXISTS meta (id INTEGER PRIMARY KEY, json BLOB NOT NULL);"
            + "CREATE TABLE IF NOT EXISTS commits (sha TEXT PRIMARY KEY, json BLOB NOT NULL);"
            + "CREATE TABLE IF NOT EXISTS answers (url TEXT PRIMARY KEY, etag TEXT NOT NULL, link TEXT, media TEXT, body BLOB NOT NULL);");
        using var transaction = connection.BeginTransaction();
        using (var meta = connection.CreateCommand())
        {
            meta.CommandText = "INSERT OR REPLACE INTO meta (id, json) VALUES (1, $json)";
            meta.Parameters.AddWithValue("$json", JsonSerializer.SerializeToUtf8Bytes(saved with { Commits = [], Answers = [] }, CacheJsonContext.Default.PersistedBranch));
            meta.ExecuteNonQuery();
        }

        using (var insert = connection.CreateCommand())
        {
            insert.CommandText = "INSERT OR REPLACE INTO commits (sha, json) VALUES ($sha, $json)";
            var sha = insert.Parameters.Add("$sha", SqliteType.Text);
            var json = insert.Parameters.Add("$json", SqliteType.Blob);
            foreach (var commit in commits)
            {
                sha.Value = commit.Sha;
                json.Value = JsonSerializer.SerializeToUtf8Bytes(commit, CacheJsonContext.Default.PersistedCommit);
                insert.ExecuteNonQuery();
            }
        }

        using (var insert = connection.CreateCommand())
        {
            insert.CommandText = "INSERT OR REPLACE INTO answers (url, etag, link, media, body) VALUES ($url, $etag, $link, $media, $body)";
            var url = insert.Parameters.Add("$url", SqliteType.Text);
            var etag = insert.Parameters.Add("$etag", SqliteType.Text);
            var link = insert.Parameters.Add("$link", SqliteType.Text);
            var media = insert.Parameters.Add("$media", SqliteType.Text);
            var body = insert.Parameters.Add("$body", SqliteType.Blob);
            foreach (var answer in answers)
            {
                url.Value = answer.Url.AbsoluteUri;
                etag.Value = answer.ETag;
                link.Value = (object?)answer.Link ?? DBNull.Value;
                media.Value = (object?)answer.MediaType ?? DBNull.Value;
                body.Value = answer.CompressedBody;
                insert.ExecuteNonQuery();
            }
        }

        transaction.Commit();
    }

    private static (int Commits, int Answers) Load(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        var commits = new List<PersistedCommit>();
        using (var select = connection.CreateCommand())
        {
            select.CommandText = "SELECT json FROM commits";
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                commits.Add(JsonSerializer.Deserialize((byte[])reader[0], CacheJsonContext.Default.PersistedCommit)!);
            }
        }

        var answers = new List<PersistedAnswer>();
        using (var select = connection.CreateCommand())
        {
            select.CommandText = "SELECT url, etag, link, media, body FROM answers";
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                answers.Add(new PersistedAnswer(new Uri(reader.GetString(0)), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3), (byte[])reader[4]));
            }
        }

        return (commits.Count, answers.Count);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
