namespace TrunkExporter.Tests.Support;

/// <summary>
/// A fact over the recorded GitHub fixtures in <c>../shared/fixtures/github</c>, read in place.
/// Where a clone has no <c>../shared</c> the test reports itself skipped and says why.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SharedFixtureFactAttribute : FactAttribute
{
    public SharedFixtureFactAttribute()
    {
        if (!Directory.Exists(RepoPaths.SharedFixtures))
        {
            Skip = $"{RepoPaths.SharedFixtures} is absent (it sits beside the clone in CI); the fake-server tests cover the client instead.";
        }
    }
}

/// <summary>The theory form of <see cref="SharedFixtureFactAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SharedFixtureTheoryAttribute : TheoryAttribute
{
    public SharedFixtureTheoryAttribute()
    {
        if (!Directory.Exists(RepoPaths.SharedFixtures))
        {
            Skip = $"{RepoPaths.SharedFixtures} is absent (it sits beside the clone in CI); the fake-server tests cover the client instead.";
        }
    }
}
