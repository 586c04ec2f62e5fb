using System.Globalization;
using TrunkExporter.Hosting;

namespace TrunkExporter.Stack;

/// <summary>
/// The built exporter (<c>trunk-exporter.dll serve</c>) in its own process on a free loopback port,
/// started the way an operator starts it; ready once <c>/readyz</c> answers 200.
/// </summary>
internal sealed class ExporterProcess : IAsyncDisposable
{
    public static readonly TimeSpan DefaultReadyTimeout = TimeSpan.FromSeconds(30);

    private readonly LoopbackServer _server;

    /// <summary>The temporary data directory this process was given, removed when it is disposed.</summary>
    private string? _dataDirectory;

    private ExporterProcess(LoopbackServer server)
    {
        _server = server;
    }

    /// <summary>The exporter assembly the tests were built against (copied next to the test assembly).</summary>
    public static string AssemblyPath => typeof(ExporterApp).Assembly.Location;

    public int Port => _server.Port;

    public Uri BaseAddress => _server.BaseAddress;

    /// <summary>host:port, as a Prometheus scrape target.</summary>
    public string Target => $"127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    public string Output => _server.Process.Output;

    /// <summary>Serves the given branches, refreshing every <paramref name="refreshInterval"/> (default 1 s).</summary>
    /// <param name="gitHub">Where branches without a replay file are read from, and the token (passed as GITHUB_TOKEN, as an operator would).</param>
    /// <param name="extraArguments">More host arguments, e.g. <c>--TrunkExporter:Repositories:0:Window=20</c>.</param>
    public static async Task<ExporterProcess> StartAsync(
        IReadOnlyList<ExporterRepository> repositories,
        TimeSpan? refreshInterval = null,
        IEnumerable<string>? extraArguments = null,
        TimeSpan? readyTimeout = null,
        ExporterGitHub? gitHub = null,
        int port = 0,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(repositories);
        var interval = (refreshInterval ?? TimeSpan.FromSeconds(1)).ToString("c", CultureInfo.InvariantCulture);
        List<string> arguments = [$"--TrunkExporter:RefreshInterval={interval}"];
        for (var i = 0; i < repositories.Count; i++)
        {
            arguments.AddRange(repositories[i].ToArguments(i));
        }

        string? dataDirectory = null;
        if (gitHub is not null)
        {
            arguments.Add($"--TrunkExporter:GitHub:ApiBaseUrl={gitHub.ApiBaseUrl}");

            // A data directory of its own, so that stacks never share (or leave in ~/.local/state) a cache.
            dataDirectory = Directory.CreateTempSubdirectory("trunk-exporter-data-").FullName;
            arguments.Add($"--TrunkExporter:DataDirectory={dataDirectory}");
        }

        arguments.AddRange(extraArguments ?? []);
        try
        {
            var exporter = await StartAsync(arguments, readyTimeout, gitHub?.Environment(), port, cancellationToken).ConfigureAwait(false);
            exporter._dataDirectory = dataDirectory;
            return exporter;
        }
        catch
        {
            DeleteDataDirectory(dataDirectory);
            throw;
        }
    }

    /// <summary>Runs <c>serve --urls http://127.0.0.1:PORT</c> followed by <paramref name="hostArguments"/>.</summary>
    /// <param name="port">A fixed port (a restart on Prometheus' target), or 0 for a free one.</param>
    public static async Task<ExporterProcess> StartAsync(
        IReadOnlyList<string> hostArguments,
        TimeSpan? readyTimeout = null,
        IReadOnlyDictionary<string, string>? environment = null,
        int port = 0,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(hostArguments);
        var assembly = AssemblyPath;
        if (!File.Exists(assembly))
        {
            throw new FileNotFoundException($"{assembly} is missing: build the solution ('dotnet build TrunkExporter.sln') and test again.");
        }

        var (process, listening) = await LoopbackLauncher.StartAsync(
            "trunk-exporter",
            DotnetHost(),
            listen => [assembly, "serve", "--urls", $"http://127.0.0.1:{listen.ToString(CultureInfo.InvariantCulture)}", .. hostArguments],
            Path.GetDirectoryName(assembly)!,
            "readyz",
            readyTimeout ?? DefaultReadyTimeout,
            answer => $"the exporter did not become ready ({answer}).",
            port: port,
            environment: environment,
            cancellationToken: cancellationToken);
        return new ExporterProcess(new LoopbackServer(process, listening, requestTimeout: TimeSpan.FromSeconds(5)));
    }

    public async Task<string> GetMetricsAsync(CancellationToken cancellationToken = default)
    {
        using var response = await _server.Http.GetAsync(new Uri("metrics", UriKind.Relative), cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    public string Describe() => _server.Process.Describe();

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync().ConfigureAwait(false);
        DeleteDataDirectory(_dataDirectory);
    }

    private static void DeleteDataDirectory(string? path)
    {
        if (path is null)
        {
            return;
        }

        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary directory is not worth failing a test for.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
}
