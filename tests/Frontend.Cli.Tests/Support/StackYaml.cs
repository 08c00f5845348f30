namespace Frontend.Cli.Tests.Support;

/// <summary>Stack files for tests: two versions in namespace shop, with whatever else a test adds.</summary>
internal static class StackYaml
{
    public static string TwoVersions(int firstWeight = 50, int secondWeight = 50, string extraVersions = "", string extraConfig = "", int? firstReplicas = null, int? secondReplicas = null) => $"""
        config:
          frontend:namespace:
            name: shop
          frontend:versions:
            - name: v1
              image: ghcr.io/acme/frontend:1.4.2
              weight: {firstWeight}{ReplicasLine(firstReplicas)}
            - name: v2
              image: ghcr.io/acme/frontend:1.5.0
              weight: {secondWeight}{ReplicasLine(secondReplicas)}
        {extraVersions}
        {extraConfig}
        """;

    /// <summary>One version in namespace shop: a single subset takes all traffic, so no split can be missed anywhere.</summary>
    public const string OneVersion = """
        config:
          frontend:namespace:
            name: shop
          frontend:versions:
            - name: v1
              image: ghcr.io/acme/frontend:1.4.2
              weight: 100
        """;

    public const string TesterRoute = """
          frontend:routing:
            matches:
              - name: testers
                header:
                  name: x-canary
                  exact: always
                version: v2
        """;

    public static string ThirdVersion(int weight) => $"""
            - name: v3
              image: ghcr.io/acme/frontend:1.6.0
              weight: {weight}
        """;

    private static string ReplicasLine(int? replicas) => replicas is null ? "" : $"\n      replicas: {replicas}";
}
