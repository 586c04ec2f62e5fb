using System.Globalization;
using Microsoft.Data.Sqlite;

namespace TrunkExporter.IssueBridge;

/// <summary>
/// The bridge's state in SQLite (<c>issue-bridge.db</c> in the data directory): per fingerprint, the issue
/// and its lifecycle; per issue, the comments the bridge sent or was sending (so a retry after a failure
/// looks on GitHub before writing again). Every write is one statement, committed before the next
/// GitHub call, so a crash loses at most the answer of the call in flight.
/// </summary>
internal sealed class BridgeStore : IDisposable
{
    public const string FileName = "issue-bridge.db";

    private readonly SqliteConnection _connection;
    private readonly Lock _gate = new();

    public BridgeStore(string directory)
    {
        Directory.CreateDirectory(directory);
        Path = System.IO.Path.Combine(directory, FileName);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString());
        _connection.Open();
        Execute("""
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = FULL;
            CREATE TABLE IF NOT EXISTS alerts (
                fingerprint TEXT PRIMARY KEY,
                repository TEXT NOT NULL,
                issue INTEGER NOT NULL,
                open INTEGER NOT NULL,
                priority TEXT NOT NULL,
                alert_repo TEXT NOT NULL,
                alert_branch TEXT NOT NULL,
                starts_at INTEGER NOT NULL,
                ends_at INTEGER,
                applied_at INTEGER NOT NULL,
                manual_close INTEGER NOT NULL,
                last_comment INTEGER,
                facts TEXT NOT NULL,
                escalated_from INTEGER,
                previous INTEGER,
                missing_since INTEGER);
            CREATE TABLE IF NOT EXISTS comments (
                repository TEXT NOT NULL,
                issue INTEGER NOT NULL,
                key TEXT NOT NULL,
                sent INTEGER NOT NULL,
                PRIMARY KEY (repository, issue, key));
            """);
    }

    public string Path { get; }

    public AlertRecord? Get(string fingerprint) =>
        Query("SELECT * FROM alerts WHERE fingerprint = $fingerprint", command => command.Parameters.AddWithValue("$fingerprint", fingerprint)).FirstOrDefault();

    /// <summary>Every fingerprint whose issue the bridge holds open (manually closed ones are not).</summary>
    public IReadOnlyList<AlertRecord> Open() => Query("SELECT * FROM alerts WHERE open = 1 AND manual_close = 0 ORDER BY fingerprint", _ => { });

    /// <summary>The open P2 issue of the same repository and branch, in the same issue repository (what a P1 escalates from).</summary>
    public AlertRecord? OpenP2(string repository, string alertRepo, string alertBranch) =>
        Query("SELECT * FROM alerts WHERE open = 1 AND manual_close = 0 AND priority = 'P2' AND repository = $repository AND alert_repo = $repo AND alert_branch = $branch ORDER BY starts_at DESC",
            command =>
            {
                command.Parameters.AddWithValue("$repository", repository);
                command.Parameters.AddWithValue("$repo", alertRepo);
                command.Parameters.AddWithValue("$branch", alertBranch);
            }).FirstOrDefault();

    /// <summary>The open P1 of the same repository and branch, if any (a P2 it escalated to stays open with it).</summary>
    public AlertRecord? OpenP1(string repository, string alertRepo, string alertBranch) =>
        Query("SELECT * FROM alerts WHERE open = 1 AND manual_close = 0 AND priority = 'P1' AND repository = $repository AND alert_repo = $repo AND alert_branch = $branch",
            command =>
            {
                command.Parameters.AddWithValue("$repository", repository);
                command.Parameters.AddWithValue("$repo", alertRepo);
                command.Parameters.AddWithValue("$branch", alertBranch);
            }).FirstOrDefault();

    public void Put(AlertRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = """
                INSERT OR REPLACE INTO alerts (fingerprint, repository, issue, open, priority, alert_repo, alert_branch, starts_at, ends_at,
                    applied_at, manual_close, last_comment, facts, escalated_from, previous, missing_since)
                VALUES ($fingerprint, $repository, $issue, $open, $priority, $repo, $branch, $starts, $ends, $applied, $manual, $comment, $facts, $escalated, $previous, $missing)
                """;
            command.Parameters.AddWithValue("$fingerprint", record.Fingerprint);
            command.Parameters.AddWithValue("$repository", record.Repository);
            command.Parameters.AddWithValue("$issue", record.Issue);
            command.Parameters.AddWithValue("$open", record.Open ? 1 : 0);
            command.Parameters.AddWithValue("$priority", record.Priority);
            command.Parameters.AddWithValue("$repo", record.AlertRepo);
            command.Parameters.AddWithValue("$branch", record.AlertBranch);
            command.Parameters.AddWithValue("$starts", record.StartsAt.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$ends", (object?)record.EndsAt?.ToUnixTimeMilliseconds() ?? DBNull.Value);
            command.Parameters.AddWithValue("$applied", record.AppliedAt.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$manual", record.ManualClose ? 1 : 0);
            command.Parameters.AddWithValue("$comment", (object?)record.LastComment?.ToUnixTimeMilliseconds() ?? DBNull.Value);
            command.Parameters.AddWithValue("$facts", record.Facts);
            command.Parameters.AddWithValue("$escalated", (object?)record.EscalatedFrom ?? DBNull.Value);
            command.Parameters.AddWithValue("$previous", (object?)record.Previous ?? DBNull.Value);
            command.Parameters.AddWithValue("$missing", (object?)record.MissingSince?.ToUnixTimeMilliseconds() ?? DBNull.Value);
            command.ExecuteNonQuery();
        }
    }

    /// <summary>null: never attempted; false: attempted, outcome unknown; true: GitHub confirmed it.</summary>
    public bool? CommentSent(string repository, int issue, string key)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT sent FROM comments WHERE repository = $repository AND issue = $issue AND key = $key";
            command.Parameters.AddWithValue("$repository", repository);
            command.Parameters.AddWithValue("$issue", issue);
            command.Parameters.AddWithValue("$key", key);
            return command.ExecuteScalar() is long sent ? sent == 1 : null;
        }
    }

    public void MarkComment(string repository, int issue, string key, bool sent)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "INSERT OR REPLACE INTO comments (repository, issue, key, sent) VALUES ($repository, $issue, $key, $sent)";
            command.Parameters.AddWithValue("$repository", repository);
            command.Parameters.AddWithValue("$issue", issue);
            command.Parameters.AddWithValue("$key", key);
            command.Parameters.AddWithValue("$sent", sent ? 1 : 0);
            command.ExecuteNonQuery();
        }
    }

    /// <summary>Open issues per priority, for the gauge.</summary>
    public IReadOnlyDictionary<string, int> OpenByPriority()
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT priority, COUNT(*) FROM alerts WHERE open = 1 AND manual_close = 0 GROUP BY priority";
            using var reader = command.ExecuteReader();
            var result = new Dictionary<string, int>(StringComparer.Ordinal);
            while (reader.Read())
            {
                result[reader.GetString(0)] = reader.GetInt32(1);
            }

            return result;
        }
    }

    public void Dispose() => _connection.Dispose();

    private void Execute(string sql)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }
    }

    private List<AlertRecord> Query(string sql, Action<SqliteCommand> parameters)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = sql;
            parameters(command);
            using var reader = command.ExecuteReader();
            var records = new List<AlertRecord>();
            while (reader.Read())
            {
                records.Add(new AlertRecord(
                    reader.GetString(reader.GetOrdinal("fingerprint")),
                    reader.GetString(reader.GetOrdinal("repository")),
                    reader.GetInt32(reader.GetOrdinal("issue")),
                    reader.GetInt64(reader.GetOrdinal("open")) == 1,
                    reader.GetString(reader.GetOrdinal("priority")),
                    reader.GetString(reader.GetOrdinal("alert_repo")),
                    reader.GetString(reader.GetOrdinal("alert_branch")),
                    Time(reader, "starts_at")!.Value,
                    Time(reader, "ends_at"),
                    Time(reader, "applied_at")!.Value,
                    reader.GetInt64(reader.GetOrdinal("manual_close")) == 1,
                    Time(reader, "last_comment"),
                    reader.GetString(reader.GetOrdinal("facts")),
                    Number(reader, "escalated_from"),
                    Number(reader, "previous"),
                    Time(reader, "missing_since")));
            }

            return records;
        }
    }

    private static DateTimeOffset? Time(SqliteDataReader reader, string column)
    {
        var ordinal = reader.GetOrdinal(column);
        return reader.IsDBNull(ordinal) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(ordinal));
    }

    private static int? Number(SqliteDataReader reader, string column)
    {
        var ordinal = reader.GetOrdinal(column);
        return reader.IsDBNull(ordinal) ? null : Convert.ToInt32(reader.GetInt64(ordinal), CultureInfo.InvariantCulture);
    }
}

/// <summary>One fingerprint's issue and lifecycle. <see cref="AppliedAt"/> is the time of the last applied update (its startsAt, or endsAt once resolved).</summary>
internal sealed record AlertRecord(
    string Fingerprint,
    string Repository,
    int Issue,
    bool Open,
    string Priority,
    string AlertRepo,
    string AlertBranch,
    DateTimeOffset StartsAt,
    DateTimeOffset? EndsAt,
    DateTimeOffset AppliedAt,
    bool ManualClose,
    DateTimeOffset? LastComment,
    string Facts,
    int? EscalatedFrom,
    int? Previous,
    DateTimeOffset? MissingSince);
