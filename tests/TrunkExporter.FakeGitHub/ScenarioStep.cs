namespace TrunkExporter.FakeGitHub;

/// <summary>
/// One scripted change to a repository: applied when a test calls <see cref="FakeGitHubServer.ApplyNextStep"/>,
/// or by itself once <see cref="At"/> has passed since the server started.
/// </summary>
internal sealed record ScenarioStep(string Description, string Repo, Action<FakeRepository, DateTimeOffset> Apply, TimeSpan? At = null);
