namespace Frontend.Analysis.Tests.Support;

/// <summary>
/// The canary the mesh tests start from, as YAML a test can edit: Service frontend in namespace shop, a
/// DestinationRule with subsets v1 and v2, and a Deployment per version whose pods those subsets select.
/// </summary>
internal static class MeshYaml
{
    public const string Service = """
        apiVersion: v1
        kind: Service
        metadata:
          name: frontend
          namespace: shop
        spec:
          selector:
            app: frontend
          ports:
            - name: http
              port: 80
              targetPort: 8080
        """;

    public const string DestinationRule = """
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata:
          name: frontend
          namespace: shop
        spec:
          host: frontend
          subsets:
            - name: v1
              labels:
                version: v1
            - name: v2
              labels:
                version: v2
        """;

    /// <summary>frontend-<paramref name="version"/>, its pods labelled app: frontend and version; no replicas line when null (Kubernetes' default, 1).</summary>
    public static string Deployment(string version, string ns = "shop", int? replicas = null)
    {
        var count = replicas is null ? "" : $"\n  replicas: {replicas}";
        return $"""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: frontend-{version}
              namespace: {ns}
            spec:{count}
              selector:
                matchLabels:
                  app: frontend
                  version: {version}
              template:
                metadata:
                  labels:
                    app: frontend
                    version: {version}
                spec:
                  containers:
                    - name: frontend
                      image: registry.example/frontend:1.0.0
            """;
    }
}
