namespace TrunkExporter.Cli;

internal static class ExitCodes
{
    public const int Ok = 0;
    public const int BadInput = 1;
    public const int BadConfiguration = 2;

    /// <summary>GitHub refused or failed the request (bad token, not found, rate limited, unreachable).</summary>
    public const int GitHubFailed = 3;

    /// <summary>An unexpected failure stopped <c>serve</c> (a worker threw); a service manager should restart it.</summary>
    public const int Failed = 4;
}
