using System.Buffers;
using System.Globalization;

namespace TrunkExporter.GitHub.Http;

/// <summary>
/// Reads every GitHub body into memory, and fails the request with one line as soon as the body passes
/// <see cref="GitHubOptions.MaxResponseBytes"/>: a declared Content-Length above the limit is refused
/// before a byte is read, and an endless or undeclared body stops at the limit while it streams. So
/// no upstream, however broken, can hold more than the limit per request. The limit applies to the
/// decompressed bytes, since the primary handler decompresses. The handler sits next to the primary
/// handler, so that everything above it (counting, retries, caches) sees a body already bounded.
/// </summary>
internal sealed class ResponseSizeLimitHandler(long maxBytes) : DelegatingHandler
{
    private const int FirstBufferBytes = 64 * 1024;

    /// <summary>
    /// One pool for every GitHub read, two buffers per size: requests run one at a time per repository, and the
    /// shared pool would keep a set per thread (an endless body on each of several threads held each its own 16 MiB).
    /// </summary>
    private static readonly ArrayPool<byte> Buffers = ArrayPool<byte>.Create(1024 * 1024 * 1024, 2);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            response.Content = await ReadBoundedAsync(response.Content, request.RequestUri, cancellationToken).ConfigureAwait(false);
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private async Task<HttpContent> ReadBoundedAsync(HttpContent content, Uri? url, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength is { } declared && declared > maxBytes)
        {
            throw TooLarge(url, $"it declares {Bytes(declared)}");
        }

        // Read into pooled buffers (a declared length gets its size plus the byte that shows the end; otherwise
        // they double), never more than the limit, so an endless body costs the same pooled memory every time.
        var buffer = Buffers.Rent((int)Math.Min(content.Headers.ContentLength is { } length ? length + 1 : FirstBufferBytes, maxBytes));
        try
        {
            var filled = 0;
            var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                while (true)
                {
                    var room = (int)Math.Min(buffer.Length, maxBytes);
                    if (filled == room && room == maxBytes)
                    {
                        // At the limit: one more byte says whether the body ends here.
                        if (await stream.ReadAsync(new byte[1], cancellationToken).ConfigureAwait(false) > 0)
                        {
                            throw TooLarge(url, "it did not end there");
                        }

                        break;
                    }

                    if (filled == room)
                    {
                        var larger = Buffers.Rent((int)Math.Min((long)buffer.Length * 2, maxBytes));
                        buffer.AsSpan(0, filled).CopyTo(larger);
                        Buffers.Return(buffer);
                        buffer = larger;
                        continue;
                    }

                    var read = await stream.ReadAsync(buffer.AsMemory(filled, room - filled), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        break;
                    }

                    filled += read;
                }
            }

            var bounded = new ByteArrayContent(buffer.AsSpan(0, filled).ToArray());
            foreach (var header in content.Headers.NonValidated)
            {
                if (!header.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                {
                    bounded.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }
            }

            content.Dispose();
            return bounded;
        }
        finally
        {
            Buffers.Return(buffer);
        }
    }

    private GitHubException TooLarge(Uri? url, string detail) => new(GitHubFailure.ResponseTooLarge,
        $"GitHub's answer to GET {url} is larger than {GitHubOptions.SectionName}:MaxResponseBytes ({Bytes(maxBytes)}; {detail}); it was not read further, the refresh keeps the last good state");

    private static string Bytes(long count) => count.ToString("N0", CultureInfo.InvariantCulture) + " bytes";
}
