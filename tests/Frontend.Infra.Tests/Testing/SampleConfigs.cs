using Frontend.Infra.Configuration;

namespace Frontend.Infra.Tests.Testing;

/// <summary>Config records shaped like the committed stacks, for tests that change one thing.</summary>
internal static class SampleConfigs
{
    public static StackConfig TwoVersions(int v1Weight = 50, int v2Weight = 50) => new()
    {
        Namespace = new NamespaceConfig { Name = "frontend-dev" },
        Versions =
        [
            new VersionConfig { Name = "v1", Image = "ghcr.io/acme/frontend:1.4.2", Replicas = 1, Weight = v1Weight },
            new VersionConfig { Name = "v2", Image = "ghcr.io/acme/frontend:1.5.0", Replicas = 2, Weight = v2Weight },
        ],
    };

    /// <summary>What production additionally requires: STRICT mTLS and a disruption budget.</summary>
    public static StackConfig ProductionReady(this StackConfig config) =>
        config with { Mtls = new MtlsConfig { Mode = "STRICT" }, PodDisruptionBudget = new DisruptionBudgetConfig() };
}
