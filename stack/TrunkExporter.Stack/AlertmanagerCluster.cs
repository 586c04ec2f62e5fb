using System.Globalization;

namespace TrunkExporter.Stack;

/// <summary>
/// An Alertmanager's place in a gossip cluster on loopback: its own cluster port and its peers'.
/// Alertmanager refuses a loopback listen address without an advertise address (it is no private
/// IP), so both are the same 127.0.0.1 port. HA deduplication rests on two timings: the gossip
/// interval (how fast the notification log and silences spread) and the peer timeout (the member
/// at position i waits i times that long before it sends, then sends only what the log does not
/// show as sent already).
/// </summary>
internal sealed record AlertmanagerCluster(int Port, IReadOnlyList<int> PeerPorts)
{
    /// <summary>How long the member at position 1 waits for the first one's notification log (shipped 15 s).</summary>
    public TimeSpan PeerTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How often gossip messages go out (shipped 200 ms); the settle check polls ten times slower.</summary>
    public TimeSpan GossipInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How often members exchange their whole state (shipped 1 m).</summary>
    public TimeSpan PushPullInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How often a member retries a peer it lost (shipped 10 s).</summary>
    public TimeSpan ReconnectInterval { get; init; } = TimeSpan.FromSeconds(10);

    public IEnumerable<string> ToArguments()
    {
        var self = Address(Port);
        yield return $"--cluster.listen-address={self}";
        yield return $"--cluster.advertise-address={self}";
        foreach (var peer in PeerPorts)
        {
            yield return $"--cluster.peer={Address(peer)}";
        }

        yield return $"--cluster.peer-timeout={Duration(PeerTimeout)}";
        yield return $"--cluster.gossip-interval={Duration(GossipInterval)}";
        yield return $"--cluster.pushpull-interval={Duration(PushPullInterval)}";
        yield return $"--cluster.reconnect-interval={Duration(ReconnectInterval)}";
    }

    private static string Address(int port) => $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";

    private static string Duration(TimeSpan value) => $"{((long)value.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)}ms";
}
