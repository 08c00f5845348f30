namespace Frontend.Cli.Tests.Rollout;

/// <summary>Stack files for the rollout tests: v1 stable and v2 canary in a namespace that names the metrics' scenario.</summary>
internal static class RolloutStacks
{
    public const string Stack = "staging";

    public static string TwoVersions(string ns, int v1Weight = 90, int v2Weight = 10, string analysis = "", string mesh = "") => $"""
        # staging: v2 is the canary
        config:{mesh}
          frontend:namespace:
            name: {ns}
          frontend:versions:
            - name: v1
              image: ghcr.io/acme/frontend:1.4.2
              weight: {v1Weight}   # stable
            - name: v2
              image: ghcr.io/acme/frontend:1.5.0
              weight: {v2Weight}
          frontend:rollout:
            canary: v2
            stable: [v1]
            steps: [10, 25, 50, 100]
            analysis:
              window: 5m
              interval: 1m
              failureThreshold: 5
              minRequests: 100
              minSuccessRate: 99
              maxP99Latency: 500ms
        {analysis}
        """;

    /// <summary>The stack file as it now is in <paramref name="project"/>, to compare with what a test wrote.</summary>
    public static string Read(string project) => File.ReadAllText(Path.Combine(project, $"Pulumi.{Stack}.yaml"));

    /// <summary>The stack on Istio's ambient data plane (Gateway API), to pass as <c>mesh</c>.</summary>
    public const string Ambient = """

          frontend:mesh:
            api: gateway-api
            dataplane: ambient
            gatewayApiChannel: standard
        """;

    /// <summary>A plan's own check, indented to sit under analysis.</summary>
    public static string Check(string name, string query, double threshold, string direction, string empty = "fail") => $"""
              checks:
                - name: {name}
                  query: '{query}'
                  threshold: {threshold}
                  direction: {direction}
                  empty: {empty}
        """;
}
