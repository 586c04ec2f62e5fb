namespace TrunkExporter.Samples;

/// <summary>The bundled sample trunks, named after the alert each one fires.</summary>
internal enum SampleScenario
{
    /// <summary>Two logical jobs on a failure streak of 3 or more: TrunkBroken (P2).</summary>
    P2,

    /// <summary>Seven logical jobs on a failure streak of 3 or more: TrunkBadlyBroken (P1).</summary>
    P1,
}
