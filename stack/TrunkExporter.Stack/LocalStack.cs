namespace TrunkExporter.Stack;

/// <summary>
/// The whole local stack on 127.0.0.1, each server on a free port: the exporter replaying a
/// snapshot, Prometheus with the shipped rules, Alertmanager with the shipped configuration, and
/// the notification sink. Disposing stops everything it started and deletes its folder.
/// </summary>
internal sealed class LocalStack : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _started = [];
    private readonly DirectoryInfo _directory;
    private readonly bool _ownsDirectory;

    private LocalStack(StackOptions options, DirectoryInfo directory, bool ownsDirectory)
    {
        Options = options;
        _directory = directory;
        _ownsDirectory = ownsDirectory;
    }

    public StackOptions Options { get; }

    public NotificationSink Sink { get; private set; } = null!;

    public AlertmanagerServer Alertmanager { get; private set; } = null!;

    public ExporterProcess Exporter { get; private set; } = null!;

    public PrometheusServer Prometheus { get; private set; } = null!;

    public string Directory => _directory.FullName;

    public static async Task<LocalStack> StartAsync(
        StackOptions options,
        Action<RenderedMessage>? onMessage = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.SnapshotFile is null && options.GitHub is null)
        {
            throw new ArgumentException("Set SnapshotFile or GitHub.", nameof(options));
        }

        var owns = options.WorkDirectory is null;
        var directory = owns ? System.IO.Directory.CreateTempSubdirectory("trunk-stack-") : System.IO.Directory.CreateDirectory(options.WorkDirectory!);
        var stack = new LocalStack(options, directory, owns);
        try
        {
            stack.Sink = stack.Track(await NotificationSink.StartAsync(
                port: 0, RepoPaths.InRepo("alert-rules", "runbooks"), onMessage: onMessage, cancellationToken: cancellationToken).ConfigureAwait(false));
            var alertmanagerConfig = await StackConfiguration.WriteAlertmanagerConfigAsync(
                directory.FullName, stack.Sink.BaseAddress, options.GroupWait, options.GroupInterval, options.RepeatInterval, options.Issues, cancellationToken).ConfigureAwait(false);
            stack.Alertmanager = stack.Track(await AlertmanagerServer.StartAsync(alertmanagerConfig, options.AlertmanagerPort, cancellationToken: cancellationToken).ConfigureAwait(false));
            stack.Exporter = stack.Track(await stack.StartExporterAsync(port: 0, cancellationToken).ConfigureAwait(false));
            var ruleFiles = await StackConfiguration.WriteRulesAsync(
                directory.FullName, stack.Sink.BaseAddress, stack.Exporter.BaseAddress, options.AlertFor, options.Hysteresis, cancellationToken).ConfigureAwait(false);
            stack.Prometheus = stack.Track(await PrometheusServer.StartAsync(
                new PrometheusSetup
                {
                    ExporterTargets = [stack.Exporter.Target],
                    RuleFiles = ruleFiles,
                    AlertmanagerUrl = stack.Alertmanager.BaseAddress,
                    Interval = options.Interval,
                },
                cancellationToken).ConfigureAwait(false));
            return stack;
        }
        catch
        {
            await stack.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Stops the exporter alone, as a crash would; the rest keeps running.</summary>
    public async Task StopExporterAsync()
    {
        if (_started.Remove(Exporter))
        {
            await Exporter.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Starts the exporter again after <see cref="StopExporterAsync"/>, on the same port (Prometheus' target), as a
    /// restart would: it begins with a cold start, reporting its repositories before their first refresh.
    /// </summary>
    public async Task RestartExporterAsync(CancellationToken cancellationToken = default)
    {
        if (_started.Contains(Exporter))
        {
            throw new InvalidOperationException("The exporter is running: stop it first.");
        }

        Exporter = Track(await StartExporterAsync(Exporter.Port, cancellationToken).ConfigureAwait(false));
    }

    public async ValueTask DisposeAsync()
    {
        // Stop in reverse order: Prometheus first, so nothing alerts about the exporter going away.
        for (var i = _started.Count - 1; i >= 0; i--)
        {
            await _started[i].DisposeAsync().ConfigureAwait(false);
        }

        _started.Clear();
        if (_ownsDirectory)
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

    private Task<ExporterProcess> StartExporterAsync(int port, CancellationToken cancellationToken)
    {
        var replay = Options.SnapshotFile is { } file ? Path.GetFullPath(file) : null;
        return ExporterProcess.StartAsync(
            [new ExporterRepository(Options.Repo, replay, Options.Branch, Options.Team, Options.ShiftTimesToNow)],
            Options.RefreshInterval,
            gitHub: replay is null ? Options.GitHub : null,
            port: port,
            cancellationToken: cancellationToken);
    }

    private T Track<T>(T server)
        where T : IAsyncDisposable
    {
        _started.Add(server);
        return server;
    }
}
