namespace TrunkExporter.Stack;

/// <summary>How the HA stack runs beyond <see cref="StackOptions"/>: its repositories and its cluster timings.</summary>
internal sealed record HaStackOptions
{
    /// <summary>
    /// The branches both exporter replicas serve (the same configuration for both); empty serves
    /// the one of <see cref="StackOptions"/> (Repo, Branch, Team, SnapshotFile or GitHub).
    /// </summary>
    public IReadOnlyList<ExporterRepository> Repositories { get; init; } = [];

    /// <summary>Alertmanager's --cluster.peer-timeout (shipped 15 s): the wait of the second member before it sends.</summary>
    public TimeSpan PeerTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Alertmanager's --cluster.gossip-interval (shipped 200 ms).</summary>
    public TimeSpan GossipInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Alertmanager's --cluster.pushpull-interval (shipped 1 m).</summary>
    public TimeSpan PushPullInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Alertmanager's --cluster.reconnect-interval (shipped 10 s): how soon a restarted member is found again.</summary>
    public TimeSpan ReconnectInterval { get; init; } = TimeSpan.FromSeconds(10);
}
