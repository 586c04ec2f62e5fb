namespace TrunkExporter.Configuration;

/// <summary>
/// <c>TrunkExporter:Server</c>: limits of the HTTP server. A Prometheus or two and the probes need a
/// handful of connections; the cap keeps a misbehaving client from holding thousands.
/// </summary>
internal sealed class ServerOptions
{
    public const int DefaultMaxConcurrentConnections = 100;

    public static readonly TimeSpan DefaultKeepAliveTimeout = TimeSpan.FromSeconds(130);

    public static readonly TimeSpan DefaultRequestHeadersTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Open connections at most; Kestrel closes any connection beyond them at once.</summary>
    public int MaxConcurrentConnections { get; set; } = DefaultMaxConcurrentConnections;

    /// <summary>How long an idle keep-alive connection stays open (above Prometheus's scrape interval, so scrapes reuse it).</summary>
    public TimeSpan KeepAliveTimeout { get; set; } = DefaultKeepAliveTimeout;

    /// <summary>How long a client may take to send a request's headers.</summary>
    public TimeSpan RequestHeadersTimeout { get; set; } = DefaultRequestHeadersTimeout;
}
