namespace Frontend.Cli.Tests.Support;

/// <summary>Stack files for tests: two versions in namespace shop, with whatever else a test adds.</summary>
internal static class StackYaml
{
    public static string TwoVersions(int firstWeight = 50, int secondWeight = 50, string extraVersions = "", string extraConfig = "") => $"""
        config:
          frontend:namespace:
            name: shop
          frontend:versions:
            - name: v1
              image: ghcr.io/acme/frontend:1.4.2
              weight: {firstWeight}
            - name: v2
              image: ghcr.io/acme/frontend:1.5.0
              weight: {secondWeight}
        {extraVersions}
        {extraConfig}
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
}
