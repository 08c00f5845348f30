using Frontend.Analysis.Manifests;

namespace Frontend.Analysis.Mesh;

/// <summary>
/// Checks a set of manifests against each other the way <c>istioctl analyze</c> does, and beyond it, because
/// the Deployments are known: a subset that selects no pod template is found before anything is deployed, and
/// so is a split that external traffic never gets.
/// Reports IST0101, IST0109, IST0112, IST0118, IST0173 and IST0174, and this project's FRT0001 (a weighted
/// VirtualService bound to no ingress gateway, with the pod shares external traffic gets instead) and FRT0002 (a
/// connection-pool limit that one proxy's share of the split overflows), and for Gateway API routes FRT0005 to FRT0010
/// (<see cref="GatewayApiRoutes"/>); FRT0001 covers a GAMMA HTTPRoute's split too.
/// </summary>
public static class MeshAnalyzer
{
    // Istio's protocol.Parse names; a port is named "<protocol>" or "<protocol>-<suffix>".
    private static readonly HashSet<string> PortProtocols = new(StringComparer.OrdinalIgnoreCase)
    {
        "http", "http2", "https", "http_proxy", "grpc", "grpc-web", "tcp", "tls", "udp", "mongo", "mysql", "redis",
    };

    /// <summary>Findings ordered by level (errors first), then resource, code and message, so output is stable.</summary>
    public static IReadOnlyList<Finding> Analyze(IEnumerable<Manifest> manifests)
    {
        ArgumentNullException.ThrowIfNull(manifests);
        var inventory = new MeshInventory(manifests);
        return SubsetsReferencedByRoutes(inventory)
            .Concat(SubsetsSelectingPods(inventory))
            .Concat(DestinationRuleHosts(inventory))
            .Concat(ServicePortNames(inventory))
            .Concat(DestinationPorts(inventory))
            .Concat(HostsClaimedTwice(inventory))
            .Concat(SplitAtIngress.Findings(inventory))
            .Concat(PerProxyLimits.Findings(inventory))
            .Concat(GatewayApiRoutes.Findings(inventory))
            .Distinct()
            .OrderBy(finding => finding.Level)
            .ThenBy(finding => finding.Resource, StringComparer.Ordinal)
            .ThenBy(finding => finding.Code, StringComparer.Ordinal)
            .ThenBy(finding => finding.Message, StringComparer.Ordinal)
            .ToList();
    }

    private static IEnumerable<Finding> SubsetsReferencedByRoutes(MeshInventory inventory)
    {
        foreach (var virtualService in inventory.VirtualServices)
        {
            foreach (var destination in MeshInventory.Destinations(virtualService).Where(destination => !string.IsNullOrEmpty(destination.Subset)))
            {
                var host = HostName.Qualify(destination.Host, virtualService.EffectiveNamespace);
                var defined = inventory.DestinationRules
                    .Where(rule => HostName.Matches(MeshInventory.DestinationRuleHost(rule), host))
                    .SelectMany(rule => rule.Body.MapAt("spec").MapsAt("subsets"))
                    .Any(subset => subset.StringAt("name") == destination.Subset);
                if (!defined)
                {
                    yield return IstioMessages.ReferencedResourceNotFound(
                        virtualService.DisplayName,
                        destination.ReferenceType,
                        $"{destination.Host}+{destination.Subset}",
                        $"Add a subset named {destination.Subset} to the DestinationRule for host {destination.Host}, or route to a subset that exists.");
                }
            }
        }
    }

    private static IEnumerable<Finding> SubsetsSelectingPods(MeshInventory inventory)
    {
        foreach (var rule in inventory.DestinationRules)
        {
            var services = inventory.ServicesFor(MeshInventory.DestinationRuleHost(rule)).Where(service => service.Selector.Count > 0).ToList();
            if (services.Count == 0)
            {
                continue;
            }

            foreach (var subset in rule.Body.MapAt("spec").MapsAt("subsets"))
            {
                var subsetLabels = subset.LabelsAt("labels");
                var selectsPods = services.Exists(service => inventory.WorkloadsSelectedBy(service, subsetLabels).Any());
                if (!selectsPods)
                {
                    yield return IstioMessages.DestinationRuleSubsetNotSelectPods(rule.DisplayName, subset.StringAt("name") ?? "");
                }
            }
        }
    }

    private static IEnumerable<Finding> DestinationRuleHosts(MeshInventory inventory) =>
        from rule in inventory.DestinationRules
        let host = MeshInventory.DestinationRuleHost(rule)
        where !inventory.ServicesFor(host).Any() && !inventory.ServiceEntryHosts.Any(entry => HostName.Matches(entry, host))
        select IstioMessages.UnknownDestinationRuleHost(rule.DisplayName, rule.Body.MapAt("spec").StringAt("host") ?? "");

    private static IEnumerable<Finding> ServicePortNames(MeshInventory inventory)
    {
        foreach (var service in inventory.Services)
        {
            foreach (var port in service.Ports)
            {
                var transport = port.StringAt("protocol") ?? "TCP";
                if (!string.IsNullOrEmpty(port.StringAt("appProtocol")) || transport is "UDP" or "SCTP" || IsNamedByProtocol(port.StringAt("name") ?? ""))
                {
                    continue;
                }

                var number = port.LongAt("port") ?? 0;
                var targetPort = port.GetValueOrDefault("targetPort") switch
                {
                    string name => name,
                    long target => target.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    _ => number.ToString(System.Globalization.CultureInfo.InvariantCulture),
                };
                yield return IstioMessages.PortNameIsNotUnderNamingConvention(service.Manifest.DisplayName, port.StringAt("name") ?? "", number, targetPort);
            }
        }
    }

    private static IEnumerable<Finding> DestinationPorts(MeshInventory inventory)
    {
        foreach (var virtualService in inventory.VirtualServices)
        {
            foreach (var destination in MeshInventory.Destinations(virtualService).Where(destination => !destination.HasPort))
            {
                var host = HostName.Qualify(destination.Host, virtualService.EffectiveNamespace);
                foreach (var service in inventory.ServicesFor(host).Where(service => service.Ports.Count > 1))
                {
                    var ports = service.Ports.Select(port => port.LongAt("port") ?? 0).ToList();
                    yield return IstioMessages.VirtualServiceDestinationPortSelectorRequired(virtualService.DisplayName, destination.Host, ports);
                }
            }
        }
    }

    private static IEnumerable<Finding> HostsClaimedTwice(MeshInventory inventory)
    {
        var claims = inventory.VirtualServices
            .Where(MeshInventory.BindsToMesh)
            .SelectMany(virtualService => virtualService.Body.MapAt("spec").StringsAt("hosts")
                .Select(host => (Host: HostName.Qualify(host, virtualService.EffectiveNamespace), VirtualService: virtualService)))
            .Distinct()
            .GroupBy(claim => claim.Host, StringComparer.Ordinal);
        foreach (var claim in claims)
        {
            var owners = claim.Select(entry => entry.VirtualService).OrderBy(owner => owner.DisplayName, StringComparer.Ordinal).ToList();
            if (owners.Count < 2)
            {
                continue;
            }

            var names = owners.Select(owner => $"{owner.EffectiveNamespace}/{owner.Name}").ToList();
            foreach (var owner in owners)
            {
                yield return IstioMessages.ConflictingMeshGatewayVirtualServiceHosts(owner.DisplayName, names, claim.Key);
            }
        }
    }

    private static bool IsNamedByProtocol(string portName)
    {
        if (PortProtocols.Contains(portName))
        {
            return true;
        }

        var dash = portName.IndexOf('-', StringComparison.Ordinal);
        return dash > 0 && (PortProtocols.Contains(portName[..dash]) || (portName.StartsWith("grpc-web-", StringComparison.OrdinalIgnoreCase)));
    }
}
