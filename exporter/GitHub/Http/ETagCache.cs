using System.Collections.Concurrent;
using System.IO.Compression;

namespace TrunkExporter.GitHub.Http;

/// <summary>
/// The last good answer per URL with its ETag, for <see cref="ETagCacheHandler"/>. An answer is
/// offered when it arrives and used only once its reader confirms that it parsed, so a truncated or
/// malformed 200 is never replayed. Bodies are kept compressed: a PyTorch-sized window is tens of
/// thousands of jobs. The reader forgets the URLs of commits that leave its window.
/// </summary>
internal sealed class ETagCache
{
    private readonly ConcurrentDictionary<string, Slot> _slots = new(StringComparer.Ordinal);

    public CachedAnswer? Confirmed(Uri url) => _slots.TryGetValue(Key(url), out var slot) ? slot.Confirmed : null;

    public void Offer(Uri url, string etag, string? link, string? mediaType, byte[] body) =>
        _slots.AddOrUpdate(Key(url),
            _ => new Slot(null, new CachedAnswer(etag, link, mediaType, Compress(body))),
            (_, slot) => slot with { Pending = new CachedAnswer(etag, link, mediaType, Compress(body)) });

    /// <summary>
    /// The answer with <paramref name="etag"/> parsed: replay it on a 304 from now on. Only that answer:
    /// two readers of one URL may each have offered a body, and one must never confirm the other's.
    /// </summary>
    public void Confirm(Uri url, string? etag)
    {
        var key = Key(url);
        while (_slots.TryGetValue(key, out var slot) && slot.Pending is { } pending && pending.ETag == etag?.Trim())
        {
            if (_slots.TryUpdate(key, new Slot(pending, null), slot))
            {
                return;
            }
        }
    }

    /// <summary>An answer confirmed in an earlier run of the exporter (the data directory's cache); a newer one already here wins.</summary>
    public void Restore(Uri url, CachedAnswer answer) => _slots.TryAdd(Key(url), new Slot(answer, null));

    public void Forget(IEnumerable<Uri> urls)
    {
        ArgumentNullException.ThrowIfNull(urls);
        foreach (var url in urls)
        {
            _slots.TryRemove(Key(url), out _);
        }
    }

    private static string Key(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.AbsoluteUri;
    }

    private static byte[] Compress(byte[] body)
    {
        using var packed = new MemoryStream();
        using (var brotli = new BrotliStream(packed, CompressionLevel.Fastest))
        {
            brotli.Write(body);
        }

        return packed.ToArray();
    }

    private sealed record Slot(CachedAnswer? Confirmed, CachedAnswer? Pending);
}

/// <summary>A confirmed answer: its ETag (byte for byte, weak validator included), Link, media type and compressed body.</summary>
internal sealed record CachedAnswer(string ETag, string? Link, string? MediaType, byte[] CompressedBody)
{
    public byte[] Body()
    {
        using var packed = new MemoryStream(CompressedBody);
        using var brotli = new BrotliStream(packed, CompressionMode.Decompress);
        using var body = new MemoryStream();
        brotli.CopyTo(body);
        return body.ToArray();
    }
}
