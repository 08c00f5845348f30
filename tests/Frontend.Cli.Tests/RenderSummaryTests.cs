using Frontend.Analysis.Manifests;
using Frontend.Analysis.Mesh;
using Frontend.Analysis.Users;
using Frontend.Analysis.Yaml;
using Frontend.Cli.Summary;

namespace Frontend.Cli.Tests;

public sealed class RenderSummaryTests
{
    private const string Service = """
        apiVersion: v1
        kind: Service
        metadata:
          name: frontend
          namespace: shop
        spec:
          selector:
            app: frontend
        """;

    [Fact]
    public void TrafficSplitHeading_GatewayAndMeshWithAPublicHost_NamesInMeshCallersTheGatewayAndTheHost()
    {
        var virtualService = VirtualService(gateways: ["istio-ingress/public-gateway", "mesh"], hosts: ["frontend", "www.example.com"]);

        var heading = RenderSummary.TrafficSplitHeading(EntryPoints(virtualService), []);

        Assert.Equal("Traffic split (in-mesh callers and gateway istio-ingress/public-gateway for www.example.com):", heading);
    }

    [Fact]
    public void TrafficSplitHeading_OneVirtualServicePerBindingWithTheSameRoutes_ReadsAsOne()
    {
        var inMesh = VirtualService(gateways: ["mesh"], hosts: ["frontend"]);
        var atTheGateway = VirtualService(gateways: ["istio-ingress/public-gateway"], hosts: ["www.example.com"], name: "frontend-ingress");
        var view = UserView.Read([.. ManifestYaml.Read(Service), inMesh, atTheGateway], StackFacts.Unknown);

        var headings = view.GroupedByPlan().Select(group => RenderSummary.TrafficSplitHeading(group, [])).ToList();

        Assert.Equal(["Traffic split (in-mesh callers and gateway istio-ingress/public-gateway for www.example.com):"], headings);
    }

    [Fact]
    public void TrafficSplitHeading_BareGatewayNamesAndTheServicesOwnHostsOnly_QualifiesTheGatewaysAndNamesNoHost()
    {
        var virtualService = VirtualService(gateways: ["mesh", "ingress", "shop/internal"], hosts: ["frontend", "frontend.shop.svc.cluster.local"]);

        var heading = RenderSummary.TrafficSplitHeading(EntryPoints(virtualService), []);

        Assert.Equal("Traffic split (in-mesh callers and gateways shop/ingress, shop/internal):", heading);
    }

    [Fact]
    public void TrafficSplitHeading_GatewayWithoutMesh_SaysInMeshCallersDoNotGetIt()
    {
        var virtualService = VirtualService(gateways: ["istio-ingress/public-gateway"], hosts: ["www.example.com"]);

        var heading = RenderSummary.TrafficSplitHeading(EntryPoints(virtualService), []);

        Assert.Equal("Traffic split (gateway istio-ingress/public-gateway for www.example.com only, not in-mesh callers):", heading);
    }

    [Fact]
    public void TrafficSplitHeading_OnlyMeshWithFrt0001Reported_PointsToTheFinding()
    {
        var virtualService = VirtualService(gateways: ["mesh"], hosts: ["frontend"]);
        var finding = new Finding("FRT0001", "SplitNotAppliedAtIngress", FindingLevel.Warning, "VirtualService shop/frontend", "message", "fix");

        var heading = RenderSummary.TrafficSplitHeading(EntryPoints(virtualService), [finding]);

        Assert.Equal("Traffic split (in-mesh callers only: no gateway bound, see FRT0001):", heading);
    }

    [Fact]
    public void TrafficSplitHeading_NoGatewaysAndNoFinding_SaysInMeshCallersOnly()
    {
        var virtualService = VirtualService(gateways: [], hosts: ["frontend"]);

        var heading = RenderSummary.TrafficSplitHeading(EntryPoints(virtualService), []);

        Assert.Equal("Traffic split (in-mesh callers only: no gateway bound):", heading);
    }

    [Fact]
    public void TrafficSplitHeading_MeshAndIngressVirtualServicesWithTheSameRoutes_OneHeadingNamesBothEntryPoints()
    {
        var mesh = VirtualService(gateways: ["mesh"], hosts: ["frontend.shop.svc.cluster.local"]);
        var ingress = VirtualService(gateways: ["istio-ingress/public-gateway"], hosts: ["www.example.com"], name: "frontend-ingress");

        var group = Assert.Single(UserView.Read([.. ManifestYaml.Read(Service), mesh, ingress], StackFacts.Unknown).GroupedByPlan());

        Assert.Equal("Traffic split (in-mesh callers and gateway istio-ingress/public-gateway for www.example.com):", RenderSummary.TrafficSplitHeading(group, []));
    }

    [Fact]
    public void TrafficSplitHeading_IngressVirtualServiceWithOtherRoutes_GetsAHeadingOfItsOwn()
    {
        var mesh = VirtualService(gateways: ["mesh"], hosts: ["frontend.shop.svc.cluster.local"]);
        var ingress = VirtualService(gateways: ["istio-ingress/public-gateway"], hosts: ["www.example.com"], name: "frontend-ingress", subset: "v2");

        var groups = UserView.Read([.. ManifestYaml.Read(Service), mesh, ingress], StackFacts.Unknown).GroupedByPlan();

        Assert.Equal(
            ["Traffic split (gateway istio-ingress/public-gateway for www.example.com only, not in-mesh callers):", "Traffic split (in-mesh callers only: no gateway bound):"],
            groups.Select(group => RenderSummary.TrafficSplitHeading(group, [])).Order(StringComparer.Ordinal));
    }

    /// <summary>The entry points the users' view reads from the Service and the VirtualService: what the heading describes.</summary>
    private static ValueList<RoutedEntryPoint> EntryPoints(Manifest virtualService) =>
        UserView.Read([.. ManifestYaml.Read(Service), virtualService], StackFacts.Unknown).EntryPoints;

    private static Manifest VirtualService(string[] gateways, string[] hosts, string name = "frontend", string subset = "v1")
    {
        var bound = gateways.Length == 0 ? "" : "  gateways:\n" + string.Concat(gateways.Select(gateway => $"    - {gateway}\n"));
        var yaml = $"apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: {name}\n  namespace: shop\nspec:\n"
            + bound
            + "  hosts:\n" + string.Concat(hosts.Select(host => $"    - {host}\n"))
            + $"  http:\n    - route:\n        - destination:\n            host: frontend.shop.svc.cluster.local\n            subset: {subset}\n";
        return ManifestYaml.Read(yaml).Single();
    }
}
