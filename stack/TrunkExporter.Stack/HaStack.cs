namespace TrunkExporter.Stack;

/// <summary>
/// The local stack with two of everything, on 127.0.0.1: two exporter replicas with the same
/// configuration, two Prometheus servers with the same rules that each send to both
/// Alertmanagers, two Alertmanagers clustered by gossip, and one notification sink. Every
/// process but the sink can be stopped and restarted on its ports (a restarted Alertmanager
/// rejoins its peer; a restarted Prometheus starts with empty storage). Disposing stops everything.
/// </summary>
internal sealed class HaStack : IAsyncDisposable
{
    public const int Replicas = 2;

    private readonly StackOptions _options;
    private readonly HaStackOptions _ha;
    private readonly DirectoryInfo _directory;
    private readonly ExporterProcess?[] _exporters = new ExporterProcess?[Replicas];
    private readonly PrometheusServer?[] _prometheus = new PrometheusServer?[Replicas];
    private readonly AlertmanagerServer?[] _alertmanagers = new AlertmanagerServer?[Replicas];
    private readonly int[] _exporterPorts = new int[Replicas];
    private readonly int[] _prometheusPorts = new int[Replicas];
    private readonly int[] _alertmanagerPorts = new int[Replicas];
    private readonly int[] _clusterPorts = new int[Replicas];
    private IReadOnlyList<string> _ruleFiles = [];
    private string _alertmanagerConfig = string.Empty;

    private HaStack(StackOptions options, HaStackOptions ha, DirectoryInfo directory)
    {
        _options = options;
        _ha = ha;
        _directory = directory;
    }

    public NotificationSink Sink { get; private set; } = null!;

    public StackOptions Options => _options;

    public string Directory => _directory.FullName;

    /// <summary>The replicas' scrape targets (host:port), fixed for the stack's life: they are the <c>instance</c> labels.</summary>
    public IReadOnlyList<string> ExporterTargets => [.. _exporterPorts.Select(port => $"127.0.0.1:{port}")];

    /// <summary>Each Alertmanager's --web.external-url, fixed for the stack's life: a notification's externalURL names its sender.</summary>
    public IReadOnlyList<string> AlertmanagerUrls => [.. _alertmanagerPorts.Select(port => $"http://127.0.0.1:{port}")];

    /// <summary>Each Prometheus' base address, fixed for the stack's life.</summary>
    public IReadOnlyList<Uri> PrometheusAddresses => [.. _prometheusPorts.Select(port => new Uri($"http://127.0.0.1:{port}/"))];

    public ExporterProcess Exporter(int replica) => _exporters[replica] ?? throw Stopped("exporter", replica);

    public PrometheusServer Prometheus(int replica) => _prometheus[replica] ?? throw Stopped("Prometheus", replica);

    public AlertmanagerServer Alertmanager(int replica) => _alertmanagers[replica] ?? throw Stopped("Alertmanager", replica);

    public bool IsExporterRunning(int replica) => _exporters[replica] is not null;

    public bool IsPrometheusRunning(int replica) => _prometheus[replica] is not null;

    public bool IsAlertmanagerRunning(int replica) => _alertmanagers[replica] is not null;

    public static async Task<HaStack> StartAsync(
        StackOptions options,
        HaStackOptions? ha = null,
        Action<RenderedMessage>? onMessage = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ha ??= new HaStackOptions();
        if (ha.Repositories.Count == 0 && options.SnapshotFile is null && options.GitHub is null)
        {
            throw new ArgumentException("Set Repositories, SnapshotFile or GitHub.", nameof(options));
        }

        var directory = options.WorkDirectory is null
            ? System.IO.Directory.CreateTempSubdirectory("trunk-ha-stack-")
            : System.IO.Directory.CreateDirectory(options.WorkDirectory);
        var stack = new HaStack(options, ha, directory);
        try
        {
            // Every port is chosen up front: peers, scrape targets and alerting targets name each other.
            for (var i = 0; i < Replicas; i++)
            {
                stack._exporterPorts[i] = FreePort.Next();
                stack._prometheusPorts[i] = FreePort.Next();
                stack._alertmanagerPorts[i] = FreePort.Next();
                stack._clusterPorts[i] = FreePort.Next();
            }

            stack.Sink = await NotificationSink.StartAsync(
                port: 0, RepoPaths.InRepo("alert-rules", "runbooks"), onMessage: onMessage, cancellationToken: cancellationToken).ConfigureAwait(false);
            stack._alertmanagerConfig = await StackConfiguration.WriteAlertmanagerConfigAsync(
                directory.FullName, stack.Sink.BaseAddress, options.GroupWait, options.GroupInterval, options.RepeatInterval, issues: null, cancellationToken: cancellationToken).ConfigureAwait(false);
            // Both replicas serve the same HUD; the links name replica 1's.
            stack._ruleFiles = await StackConfiguration.WriteRulesAsync(
                directory.FullName, stack.Sink.BaseAddress, new Uri($"http://127.0.0.1:{stack._exporterPorts[0]}"), options.AlertFor, options.Hysteresis, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < Replicas; i++)
            {
                await stack.StartAlertmanagerAsync(i, cancellationToken).ConfigureAwait(false);
            }

            for (var i = 0; i < Replicas; i++)
            {
                await stack.StartExporterAsync(i, cancellationToken).ConfigureAwait(false);
            }

            for (var i = 0; i < Replicas; i++)
            {
                await stack.StartPrometheusAsync(i, cancellationToken).ConfigureAwait(false);
            }

            return stack;
        }
        catch
        {
            await stack.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Kills exporter replica <paramref name="replica"/> (0 or 1), as a crash would.</summary>
    public Task StopExporterAsync(int replica) => StopAsync(_exporters, replica);

    /// <summary>Starts exporter replica <paramref name="replica"/> again on its port: a cold start, as a restart would.</summary>
    public async Task StartExporterAsync(int replica, CancellationToken cancellationToken = default)
    {
        EnsureStopped(_exporters, "exporter", replica);
        var repositories = _ha.Repositories.Count > 0
            ? _ha.Repositories
            : [new ExporterRepository(_options.Repo, _options.SnapshotFile is { } file ? Path.GetFullPath(file) : null, _options.Branch, _options.Team, _options.ShiftTimesToNow)];
        _exporters[replica] = await ExporterProcess.StartAsync(
            repositories,
            _options.RefreshInterval,
            gitHub: repositories.All(repository => repository.ReplayFile is not null) ? null : _options.GitHub,
            port: _exporterPorts[replica],
            cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    public Task StopPrometheusAsync(int replica) => StopAsync(_prometheus, replica);

    /// <summary>Starts Prometheus <paramref name="replica"/> again on its port, with empty storage.</summary>
    public async Task StartPrometheusAsync(int replica, CancellationToken cancellationToken = default)
    {
        EnsureStopped(_prometheus, "Prometheus", replica);
        var alertmanagers = _alertmanagerPorts.Select(port => new Uri($"http://127.0.0.1:{port}/")).ToArray();
        _prometheus[replica] = await PrometheusServer.StartAsync(
            new PrometheusSetup
            {
                ExporterTargets = ExporterTargets,
                RuleFiles = _ruleFiles,
                AlertmanagerUrl = alertmanagers[0],
                MoreAlertmanagerUrls = alertmanagers[1..],
                ExternalLabels = new Dictionary<string, string> { ["replica"] = $"prometheus-{replica + 1}" },
                Interval = _options.Interval,
                Port = _prometheusPorts[replica],
            },
            cancellationToken).ConfigureAwait(false);
    }

    public Task StopAlertmanagerAsync(int replica) => StopAsync(_alertmanagers, replica);

    /// <summary>Starts Alertmanager <paramref name="replica"/> again on its ports; it rejoins its peer and receives its state by gossip.</summary>
    public async Task StartAlertmanagerAsync(int replica, CancellationToken cancellationToken = default)
    {
        EnsureStopped(_alertmanagers, "Alertmanager", replica);
        var cluster = new AlertmanagerCluster(_clusterPorts[replica], [.. _clusterPorts.Where((_, i) => i != replica)])
        {
            PeerTimeout = _ha.PeerTimeout,
            GossipInterval = _ha.GossipInterval,
            PushPullInterval = _ha.PushPullInterval,
            ReconnectInterval = _ha.ReconnectInterval,
        };
        _alertmanagers[replica] = await AlertmanagerServer.StartAsync(
            _alertmanagerConfig, _alertmanagerPorts[replica], cancellationToken: cancellationToken, cluster: cluster).ConfigureAwait(false);
    }

    /// <summary>Starts whatever is stopped, so a test begins with two of everything.</summary>
    public async Task StartStoppedAsync(CancellationToken cancellationToken = default)
    {
        for (var i = 0; i < Replicas; i++)
        {
            if (_alertmanagers[i] is null)
            {
                await StartAlertmanagerAsync(i, cancellationToken).ConfigureAwait(false);
            }
        }

        for (var i = 0; i < Replicas; i++)
        {
            if (_exporters[i] is null)
            {
                await StartExporterAsync(i, cancellationToken).ConfigureAwait(false);
            }
        }

        for (var i = 0; i < Replicas; i++)
        {
            if (_prometheus[i] is null)
            {
                await StartPrometheusAsync(i, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Waits (bounded) until every running Alertmanager sees every running one as a cluster member.</summary>
    public Task WaitForClusterAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var running = _alertmanagers.Where(server => server is not null).Select(server => server!).ToArray();
        var seen = string.Empty;
        return BoundedWait.UntilAsync(
            async token =>
            {
                var views = new List<string>();
                var complete = true;
                foreach (var server in running)
                {
                    var (status, peers) = await server.GetClusterAsync(token).ConfigureAwait(false);
                    views.Add($"{server.ExternalUrl}: {status}, peers {string.Join(", ", peers)}");
                    complete &= status == "ready" && peers.Count == running.Length;
                }

                seen = string.Join("; ", views);
                return complete;
            },
            timeout,
            () => $"the Alertmanager cluster did not form ({running.Length} members expected); last seen: {seen}",
            cancellationToken: cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        // Prometheus first, so nothing alerts about the rest going away.
        for (var i = 0; i < Replicas; i++)
        {
            await StopAsync(_prometheus, i).ConfigureAwait(false);
        }

        for (var i = 0; i < Replicas; i++)
        {
            await StopAsync(_exporters, i).ConfigureAwait(false);
            await StopAsync(_alertmanagers, i).ConfigureAwait(false);
        }

        if (Sink is not null)
        {
            await Sink.DisposeAsync().ConfigureAwait(false);
        }

        if (_options.WorkDirectory is null)
        {
            try
            {
                _directory.Delete(recursive: true);
            }
            catch (IOException)
            {
                // Something still holds a file; the OS temp cleaner gets it.
            }
        }
    }

    private static async Task StopAsync<T>(T?[] servers, int replica)
        where T : class, IAsyncDisposable
    {
        if (servers[replica] is { } server)
        {
            servers[replica] = null;
            await server.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static void EnsureStopped<T>(T?[] servers, string what, int replica)
        where T : class
    {
        if (servers[replica] is not null)
        {
            throw new InvalidOperationException($"{what} {replica + 1} is running: stop it first.");
        }
    }

    private static InvalidOperationException Stopped(string what, int replica) => new($"{what} {replica + 1} is stopped.");
}
