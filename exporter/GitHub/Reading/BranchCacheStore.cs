using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Prometheus;
using TrunkExporter.Metrics;

namespace TrunkExporter.GitHub.Reading;

/// <summary>
/// One file per branch in the data directory: a format line, then the <see cref="PersistedBranch"/>
/// as JSON, Brotli-compressed. Written to a temporary file and renamed over the old one, so a crash
/// leaves the old file or the new one, never a mix. A file that cannot be used (corrupt, another
/// format, another trunk or setting, too large) is one warning line and a cold start.
/// </summary>
internal sealed class BranchCacheStore
{
    /// <summary>Bumped whenever <see cref="PersistedBranch"/> changes shape: an older file is then not read at all.</summary>
    public const int Format = 1;

    /// <summary>A PyTorch-sized window takes about 12 MB; a file far beyond that is not a cache this exporter wrote.</summary>
    public const long MaxBytes = 512L * 1024 * 1024;

    private const string Magic = "trunk-exporter cache format ";

    private readonly ILogger _logger;
    private readonly Gauge? _bytes;

    /// <param name="registry">The served registry, for trunk_exporter_cache_bytes; none in tests that only read and write.</param>
    public BranchCacheStore(string directory, ILogger<BranchCacheStore> logger, CollectorRegistry? registry = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory = directory;
        _logger = logger;
        _bytes = registry is null ? null : MetricCatalog.CacheBytes.GaugeOn(registry);
    }

    public string Directory { get; }

    /// <summary>The branch's file: readable names, and a hash so that any branch name (slashes included) makes one safe file name.</summary>
    public string PathOf(string repo, string branch)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{repo.ToLowerInvariant()}\n{branch}")))[..16];
        return Path.Combine(Directory, $"{repo.Replace('/', '.')}.{hash}.cache");
    }

    /// <summary>The saved cache for <paramref name="identity"/>, or null (after one warning when a file was there but unusable).</summary>
    public PersistedBranch? Load(BranchCacheIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var path = PathOf(identity.Repo, identity.Branch);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            var length = new FileInfo(path).Length;
            if (length > MaxBytes)
            {
                return NotUsed(path, identity, $"it is {length} bytes, more than the {MaxBytes} a cache may take");
            }

            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            if (ReadFormat(file) is var format && format != Format)
            {
                return NotUsed(path, identity, format is null ? "it is not a trunk-exporter cache (corrupt?)" : $"it is in format {format}, this exporter reads format {Format}");
            }

            using var brotli = new BrotliStream(file, CompressionMode.Decompress);
            using var bounded = new BoundedStream(brotli, MaxBytes * 8);
            var saved = JsonSerializer.Deserialize(bounded, CacheJsonContext.Default.PersistedBranch)
                ?? throw new InvalidDataException("it holds null");
            if (!saved.Identity.SameTrunk(identity))
            {
                return NotUsed(path, identity, $"it is the cache of {saved.Identity.Repo} branch {saved.Identity.Branch}, another trunk");
            }

            if (saved.Identity != identity)
            {
                return NotUsed(path, identity, $"it was read with other settings ({Describe(saved.Identity)}; now {Describe(identity)})");
            }

            _bytes?.WithLabels(identity.Repo, identity.Branch).Set(length);
            CacheLog.Loaded(_logger, path, identity.Repo, identity.Branch, saved.Commits.Count, saved.CapturedAt, length);
            return saved;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Whatever a damaged file makes the decoder or the parser throw (Brotli reports bad data as
            // InvalidOperationException): a cache is never worth a crash.
            return NotUsed(path, identity, $"it is corrupt ({Brief(ex)})");
        }
    }

    /// <summary>One warning line for a cache found unusable after it was read (its parts do not fit together).</summary>
    public void Reject(BranchCacheIdentity identity, string reason)
    {
        ArgumentNullException.ThrowIfNull(identity);
        _bytes?.WithLabels(identity.Repo, identity.Branch).Set(0);
        NotUsed(PathOf(identity.Repo, identity.Branch), identity, reason);
    }

    /// <summary>Replaces the branch's file; a failure is one warning line (the exporter goes on without it).</summary>
    public void Save(PersistedBranch branch)
    {
        ArgumentNullException.ThrowIfNull(branch);
        var identity = branch.Identity;
        var path = PathOf(identity.Repo, identity.Branch);
        var temporary = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            System.IO.Directory.CreateDirectory(Directory);
            long length;
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                file.Write(Encoding.ASCII.GetBytes($"{Magic}{Format}\n"));
                using (var brotli = new BrotliStream(file, CompressionLevel.Fastest, leaveOpen: true))
                {
                    JsonSerializer.Serialize(brotli, branch, CacheJsonContext.Default.PersistedBranch);
                }

                // On disk before the rename, so that a power cut cannot leave a renamed but empty file.
                file.Flush(flushToDisk: true);
                length = file.Length;
            }

            File.Move(temporary, path, overwrite: true);
            _bytes?.WithLabels(identity.Repo, identity.Branch).Set(length);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            TryDelete(temporary);
            CacheLog.NotSaved(_logger, path, identity.Repo, identity.Branch, Brief(ex));
        }
    }

    /// <summary>The format of the first line, or null when the file does not start like a cache.</summary>
    private static int? ReadFormat(Stream file)
    {
        var line = new List<byte>(Magic.Length + 8);
        for (var next = file.ReadByte(); next is not (-1 or '\n'); next = file.ReadByte())
        {
            if (line.Count > Magic.Length + 8)
            {
                return null;
            }

            line.Add((byte)next);
        }

        var text = Encoding.ASCII.GetString([.. line]);
        return text.StartsWith(Magic, StringComparison.Ordinal) && int.TryParse(text.AsSpan(Magic.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var format)
            ? format
            : null;
    }

    private PersistedBranch? NotUsed(string path, BranchCacheIdentity identity, string reason)
    {
        CacheLog.NotUsed(_logger, path, identity.Repo, identity.Branch, reason);
        return null;
    }

    private static string Describe(BranchCacheIdentity identity) =>
        $"API {identity.ApiBaseUrl}, window {identity.Window}, workflows '{identity.Workflows}', per page {identity.PerPage}";

    /// <summary>The exception's first line: System.Text.Json adds a path and position, which is all a reader needs.</summary>
    private static string Brief(Exception ex) => ex.Message.ReplaceLineEndings(" ");

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Left behind: the next save writes another name, and the file is only a temporary copy.
        }
    }

    /// <summary>Stops decompression of a crafted file (a Brotli bomb) at <paramref name="limit"/> bytes.</summary>
    private sealed class BoundedStream(Stream inner, long limit) : Stream
    {
        private long _read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Count(int read)
        {
            _read += read;
            return _read > limit ? throw new InvalidDataException($"it decompresses to more than {limit} bytes") : read;
        }
    }
}
