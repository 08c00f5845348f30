using Frontend.Analysis.Manifests;
using Frontend.Analysis.Tests.Support;
using Frontend.Analysis.Users;
using Frontend.Analysis.Users.Changes;
using Frontend.Analysis.Yaml;

namespace Frontend.Analysis.Tests.Users;

/// <summary>
/// The users' view reads routes per entry point, however the VirtualServices are cut: one bound to mesh and the
/// gateway today, one per binding tomorrow. The same routes must read the same either way.
/// </summary>
public sealed class UserViewTests
{
    private const string Gateway = "istio-ingress/public-gateway";

    [Fact]
    public void Read_OneVirtualServiceForMeshAndGateway_GivesInMeshCallersAndTheHostViaTheGateway()
    {
        var view = Read(VirtualService("frontend", ["mesh", Gateway], ["frontend", "www.example.com"], 90, 10));

        Assert.Equal(
            ["in-mesh callers", $"www.example.com via {Gateway}"],
            view.EntryPoints.Select(routed => routed.EntryPoint.Label));
        Assert.All(view.EntryPoints, routed => Assert.Equal([new Share("v1", 90), new Share("v2", 10)], routed.Plan.Split));
    }

    [Fact]
    public void Compare_OneVirtualServiceSplitIntoOnePerBinding_SaysNothingChangesForUsers()
    {
        var one = Read(VirtualService("frontend", ["mesh", Gateway], ["frontend", "www.example.com"], 90, 10));
        var two = Read(VirtualService("frontend-mesh", ["mesh"], ["frontend"], 90, 10), VirtualService("frontend-ingress", [Gateway], ["www.example.com"], 90, 10));

        var changes = UserChanges.Compare(one, two);

        Assert.Empty(changes);
        Assert.Equal(one.EntryPoints.Select(routed => routed.EntryPoint), two.EntryPoints.Select(routed => routed.EntryPoint));
    }

    [Fact]
    public void Compare_OnlyTheGatewaysVirtualServiceChanges_NamesOnlyTheGatewaysEntryPoint()
    {
        var before = Read(VirtualService("frontend-mesh", ["mesh"], ["frontend"], 90, 10), VirtualService("frontend-ingress", [Gateway], ["www.example.com"], 90, 10));
        var after = Read(VirtualService("frontend-mesh", ["mesh"], ["frontend"], 90, 10), VirtualService("frontend-ingress", [Gateway], ["www.example.com"], 75, 25));

        var changes = UserChanges.Compare(before, after);

        Assert.Equal(
            [new ChangeSentence($"v1: 90% → 75% (www.example.com via {Gateway})"), new ChangeSentence($"v2: 10% → 25% (www.example.com via {Gateway})")],
            changes);
    }

    [Fact]
    public void Read_CookieRoutesBackToEachWeightedVersion_AreStickinessNotMatchRoutes()
    {
        var view = Read(ManifestYaml.Read("""
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata:
              name: frontend
              namespace: shop
            spec:
              hosts: [frontend]
              http:
                - name: testers
                  match:
                    - headers:
                        cookie:
                          regex: ^(.*;\s*)?tester=yes(;.*)?$
                  route:
                    - destination: {host: frontend, subset: v2}
                - name: sticky-v1
                  match:
                    - headers:
                        cookie:
                          regex: ^(.*;\s*)?frontend-version=v1(;.*)?$
                  route:
                    - destination: {host: frontend, subset: v1}
                - name: weighted
                  route:
                    - destination: {host: frontend, subset: v1}
                      headers: {response: {add: {set-cookie: frontend-version=v1; Path=/}}}
                      weight: 100
            """).Single());

        var plan = view.EntryPoints.Single().Plan;

        Assert.Equal(new Stickiness("frontend-version", "Path=/", new ValueList<string>(["v1"])), plan.Stickiness);
        Assert.Equal("requests with cookie `tester=yes`", plan.MatchRoutes.Single().Words);
    }

    [Fact]
    public void Read_SingleDestinationWithoutWeight_HasTheWholeShare()
    {
        var view = Read(ManifestYaml.Read("""
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata:
              name: frontend
              namespace: shop
            spec:
              hosts: [frontend]
              http:
                - route:
                    - destination: {host: frontend, subset: v1}
            """).Single());

        Assert.Equal(100, view.EntryPoints.Single().Plan.ShareOf("v1"));
        Assert.Equal(0, view.EntryPoints.Single().Plan.ShareOf("v2"));
    }

    [Fact]
    public void StackFactsParse_CrlfAndAKeyFromANewerTool_ReadsTheKnownKeys()
    {
        var facts = StackFacts.Parse("# header\r\nstack: prod\r\ncluster.context: acme-prod\r\nsomething.new: 1\r\nrollout.steps: 10, 25\r\n");

        Assert.Equal(new StackFacts("prod", ClusterContext: "acme-prod", RolloutSteps: new ValueList<long>([10, 25])), facts);
    }

    private static UserView Read(params Manifest[] virtualServices) => UserView.Read(
        [
            .. ManifestYaml.Read(MeshYaml.Service),
            .. ManifestYaml.Read(MeshYaml.DestinationRule),
            .. ManifestYaml.Read(MeshYaml.Deployment("v1")),
            .. ManifestYaml.Read(MeshYaml.Deployment("v2")),
            .. virtualServices,
        ],
        StackFacts.Unknown);

    private static Manifest VirtualService(string name, string[] gateways, string[] hosts, int first, int second) => ManifestYaml.Read($"""
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata:
          name: {name}
          namespace: shop
        spec:
          gateways: [{string.Join(", ", gateways)}]
          hosts: [{string.Join(", ", hosts)}]
          http:
            - name: weighted
              route:
                - destination: {"{"}host: frontend, subset: v1{"}"}
                  weight: {first}
                - destination: {"{"}host: frontend, subset: v2{"}"}
                  weight: {second}
        """).Single();
}
