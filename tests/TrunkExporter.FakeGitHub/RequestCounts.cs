namespace TrunkExporter.FakeGitHub;

/// <summary>Counts over a list of recorded requests.</summary>
internal sealed record RequestCounts(IReadOnlyList<RecordedRequest> Requests)
{
    public int Total => Requests.Count;

    public int Of(RequestKind kind) => Requests.Count(request => request.Kind == kind);

    public int WithStatus(int status) => Requests.Count(request => request.Status == status);

    public int NotModified => WithStatus(304);

    /// <summary>Requests that cost primary rate limit: everything GitHub did not answer with 304.</summary>
    public int RateLimited => Total - NotModified;

    /// <summary>The most requests that arrived within any <paramref name="window"/> (GitHub's secondary limit counts per minute).</summary>
    public int MostWithin(TimeSpan window)
    {
        var times = Requests.Select(request => request.ArrivedAt).Order().ToArray();
        var most = 0;
        for (int first = 0, last = 0; last < times.Length; last++)
        {
            while (times[last] - times[first] >= window)
            {
                first++;
            }

            most = Math.Max(most, last - first + 1);
        }

        return most;
    }

    public override string ToString() =>
        $"{Total} requests (commits {Of(RequestKind.Commits)}, runs {Of(RequestKind.Runs)}, jobs {Of(RequestKind.Jobs)}; {NotModified} answered 304)";
}
