using System.Text;

namespace TrunkExporter.Stack;

/// <summary>The last lines a child process wrote (stdout and stderr interleaved), for failure messages.</summary>
internal sealed class OutputTail(int capacity = 60)
{
    private readonly Lock _gate = new();
    private readonly Queue<string> _lines = new();

    public void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _lines.Enqueue(line);
            while (_lines.Count > capacity)
            {
                _lines.Dequeue();
            }
        }
    }

    public bool Contains(string text)
    {
        lock (_gate)
        {
            return _lines.Any(line => line.Contains(text, StringComparison.OrdinalIgnoreCase));
        }
    }

    public override string ToString()
    {
        lock (_gate)
        {
            return _lines.Count == 0 ? "(no output)" : new StringBuilder().AppendJoin('\n', _lines).ToString();
        }
    }
}
