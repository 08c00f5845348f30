using Frontend.Analysis.Diff;
using Frontend.Analysis.Manifests;
using Frontend.Analysis.Rendering;
using Frontend.Analysis.Yaml;

namespace Frontend.Analysis.Tests.Diff;

public sealed class ManifestDiffTests
{
    private const string VirtualService = """
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata:
          name: frontend
          namespace: shop
        spec:
          hosts:
          - frontend
          http:
          - match:
            - headers:
                x-canary:
                  exact: "true"
            name: tester
            route:
            - destination:
                host: frontend
                subset: v2
          - name: split
            route:
            - destination:
                host: frontend
                subset: v1
              weight: 90
            - destination:
                host: frontend
                subset: v2
              weight: 10
        """;

    [Fact]
    public void Render_WeightChange_ShowsChangedRowAndHunk()
    {
        var before = Stack();
        var after = Stack(virtualService: VirtualService.Replace("weight: 90", "weight: 75", StringComparison.Ordinal).Replace("weight: 10", "weight: 25", StringComparison.Ordinal));

        var markdown = MarkdownReport.Render(ManifestDiff.Compare(before, after));

        Assert.Equal("""
            ## Rendered manifests

            0 added, 1 changed, 0 removed, 2 unchanged.

            | Resource | API version | Change |
            | --- | --- | --- |
            | `VirtualService shop/frontend` | `networking.istio.io/v1` | changed |

            ### VirtualService shop/frontend (changed)

            ```diff
            --- a/1-manifest/networking.istio.io_v1-virtualservice-shop-frontend.yaml
            +++ b/1-manifest/networking.istio.io_v1-virtualservice-shop-frontend.yaml
            @@ -21,8 +21,8 @@
                 - destination:
                     host: frontend
                     subset: v1
            -      weight: 90
            +      weight: 75
                 - destination:
                     host: frontend
                     subset: v2
            -      weight: 10
            +      weight: 25
            ```

            """, markdown);
    }

    [Fact]
    public void Render_AddedVersion_ShowsAddedDeploymentAsWholeFile()
    {
        var before = Stack();
        var after = Stack(versions: ["v1", "v2", "v3"]);

        var markdown = MarkdownReport.Render(ManifestDiff.Compare(before, after));

        Assert.StartsWith("## Rendered manifests\n\n1 added, 0 changed, 0 removed, 3 unchanged.\n\n", markdown, StringComparison.Ordinal);
        Assert.Contains("| `Deployment shop/frontend-v3` | `apps/v1` | added |\n", markdown, StringComparison.Ordinal);
        Assert.Contains(
            "### Deployment shop/frontend-v3 (added)\n\n```diff\n--- /dev/null\n+++ b/1-manifest/apps_v1-deployment-shop-frontend-v3.yaml\n@@ -0,0 +1,16 @@\n+apiVersion: apps/v1\n+kind: Deployment\n",
            markdown,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Render_RemovedRoute_ShowsDeletedLinesWithContext()
    {
        var withoutMatchRoute = VirtualService.Replace("""
              - match:
                - headers:
                    x-canary:
                      exact: "true"
                name: tester
                route:
                - destination:
                    host: frontend
                    subset: v2

            """, "", StringComparison.Ordinal);

        var markdown = MarkdownReport.Render(ManifestDiff.Compare(Stack(), Stack(virtualService: withoutMatchRoute)));

        Assert.Contains("""
            @@ -7,15 +7,6 @@
               hosts:
               - frontend
               http:
            -  - match:
            -    - headers:
            -        x-canary:
            -          exact: "true"
            -    name: tester
            -    route:
            -    - destination:
            -        host: frontend
            -        subset: v2
               - name: split
                 route:
                 - destination:
            """, markdown, StringComparison.Ordinal);
        Assert.Contains("| `VirtualService shop/frontend` | `networking.istio.io/v1` | changed |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_RemovedResource_ShowsRemovedRow()
    {
        var markdown = MarkdownReport.Render(ManifestDiff.Compare(Stack(versions: ["v1", "v2"]), Stack(versions: ["v1"])));

        Assert.Contains("| `Deployment shop/frontend-v2` | `apps/v1` | removed |", markdown, StringComparison.Ordinal);
        Assert.Contains("--- a/1-manifest/apps_v1-deployment-shop-frontend-v2.yaml\n+++ /dev/null\n@@ -1,16 +0,0 @@\n-apiVersion: apps/v1\n", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NoChanges_SaysSoWithoutTable()
    {
        var markdown = MarkdownReport.Render(ManifestDiff.Compare(Stack(), Stack()));

        Assert.Equal("## Rendered manifests\n\nNo changes: 3 resources unchanged.\n", markdown);
    }

    [Fact]
    public void Compare_ApiVersionMove_IsAChangeNotARemovalAndAddition()
    {
        var before = Stack(virtualService: VirtualService.Replace("networking.istio.io/v1", "networking.istio.io/v1beta1", StringComparison.Ordinal));

        var report = ManifestDiff.Compare(before, Stack());

        Assert.Equal((0, 0, 1), (report.Count(ChangeKind.Added), report.Count(ChangeKind.Removed), report.Count(ChangeKind.Changed)));
    }

    [Fact]
    public void CompareFolders_TwoRenders_ReportsAddedResource()
    {
        var root = Directory.CreateTempSubdirectory("diff-tests-").FullName;
        try
        {
            RenderedFolder.Write(Path.Combine(root, "base"), Stack());
            RenderedFolder.Write(Path.Combine(root, "head"), Stack(versions: ["v1", "v2", "v3"]));

            var report = ManifestDiff.CompareFolders(Path.Combine(root, "base"), Path.Combine(root, "head"));

            var added = Assert.Single(report.Resources, resource => resource.Kind == ChangeKind.Added);
            Assert.Equal("Deployment shop/frontend-v3", added.Resource);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static List<Manifest> Stack(string virtualService = VirtualService, string[]? versions = null)
    {
        var deployments = (versions ?? ["v1", "v2"]).Select(version => $"""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: frontend-{version}
              namespace: shop
            spec:
              replicas: 2
              template:
                metadata:
                  labels:
                    app: frontend
                    version: {version}
                spec:
                  containers:
                  - image: registry.example/frontend:{version}
                    name: frontend
            """);
        return deployments.Append(virtualService).SelectMany(yaml => ManifestYaml.Read(yaml)).ToList();
    }
}
