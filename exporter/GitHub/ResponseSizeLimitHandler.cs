using System.Globalization;

namespace TrunkExporter.GitHub;

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

        // A declared length gets its exact buffer plus the byte that shows the end; otherwise it grows by doubling.
        var buffer = new byte[(int)Math.Min(content.Headers.ContentLength is { } length ? length + 1 : FirstBufferBytes, maxBytes + 1)];
        var filled = 0;
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            while (true)
            {
                if (filled == buffer.Length)
                {
                    // One byte past the limit is enough to know: the buffer never grows beyond limit + 1.
                    Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, maxBytes + 1));
                }

                var read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                filled += read;
                if (filled > maxBytes)
                {
                    throw TooLarge(url, "it did not end there");
                }
            }
        }

        var bounded = new ByteArrayContent(buffer, 0, filled);
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

    private GitHubException TooLarge(Uri? url, string detail) => new(GitHubFailure.ResponseTooLarge,
        $"GitHub's answer to GET {url} is larger than {GitHubOptions.SectionName}:MaxResponseBytes ({Bytes(maxBytes)}; {detail}); it was not read further, the refresh keeps the last good state");

    private static string Bytes(long count) => count.ToString("N0", CultureInfo.InvariantCulture) + " bytes";
}
