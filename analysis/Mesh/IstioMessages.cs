using System.Globalization;

namespace Frontend.Analysis.Mesh;

/// <summary>
/// The Istio messages this analysis reports, with the codes, names, levels and templates of istio/istio's
/// pkg/config/analysis/msg/messages.yaml, and a one-sentence fix for each.
/// </summary>
internal static class IstioMessages
{
    public static Finding ReferencedResourceNotFound(string resource, string referenceType, string referenceValue, string fix) =>
        new("IST0101", "ReferencedResourceNotFound", FindingLevel.Error, resource,
            $"Referenced {referenceType} not found: \"{referenceValue}\"", fix);

    public static Finding ConflictingMeshGatewayVirtualServiceHosts(string resource, IEnumerable<string> virtualServices, string host) =>
        new("IST0109", "ConflictingMeshGatewayVirtualServiceHosts", FindingLevel.Error, resource,
            $"The VirtualServices {string.Join(",", virtualServices)} associated with mesh gateway define the same host {host} which can lead to undefined behavior. This can be fixed by merging the conflicting VirtualServices into a single resource.",
            $"Merge the VirtualServices for {host} into one VirtualService that holds all of its routes.");

    public static Finding VirtualServiceDestinationPortSelectorRequired(string resource, string destinationHost, IReadOnlyList<long> ports) =>
        new("IST0112", "VirtualServiceDestinationPortSelectorRequired", FindingLevel.Error, resource,
            $"This VirtualService routes to a service \"{destinationHost}\" that exposes multiple ports [{string.Join(" ", ports.Select(port => port.ToString(CultureInfo.InvariantCulture)))}]. Specifying a port in the destination is required to disambiguate.",
            $"Set destination.port.number to one of the Service's ports ({string.Join(", ", ports.Select(port => port.ToString(CultureInfo.InvariantCulture)))}).");

    public static Finding PortNameIsNotUnderNamingConvention(string resource, string portName, long port, string targetPort) =>
        new("IST0118", "PortNameIsNotUnderNamingConvention", FindingLevel.Info, resource,
            $"Port name {portName} (port: {port.ToString(CultureInfo.InvariantCulture)}, targetPort: {targetPort}) doesn't follow the naming convention of Istio port.",
            "Name the port <protocol>[-<suffix>] (http, http-web, http2, grpc, tcp, tls, https, ...) or set its appProtocol.");

    public static Finding DestinationRuleSubsetNotSelectPods(string resource, string subset) =>
        new("IST0173", "DestinationRuleSubsetNotSelectPods", FindingLevel.Error, resource,
            $"The Subset {subset} defined in the DestinationRule does not select any pods. Which may lead to 503 UH (NoHealthyUpstream).",
            $"Change subset {subset}'s labels so that, with the Service's selector, they match a Deployment's pod template labels, or remove the subset.");

    public static Finding UnknownDestinationRuleHost(string resource, string host) =>
        new("IST0174", "UnknownDestinationRuleHost", FindingLevel.Warning, resource,
            $"The host {host} defined in the DestinationRule does not match any services in the mesh.",
            "Set the DestinationRule's host to an existing Service (short name, name.namespace or name.namespace.svc.cluster.local) or create that Service.");
}
