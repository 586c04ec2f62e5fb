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

    public override string ToString() =>
        $"{Total} requests (commits {Of(RequestKind.Commits)}, runs {Of(RequestKind.Runs)}, jobs {Of(RequestKind.Jobs)}; {NotModified} answered 304)";
}
