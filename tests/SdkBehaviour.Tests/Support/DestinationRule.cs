using System.Collections.Immutable;
using Pulumi;

namespace SdkBehaviour.Tests.Support;

/// <summary>A minimal custom resource shaped like crd2pulumi's Istio classes, to observe its type token.</summary>
internal sealed class DestinationRule : CustomResource
{
    public DestinationRule(string name, DestinationRuleArgs args, CustomResourceOptions? options = null)
        : base("kubernetes:networking.istio.io/v1:DestinationRule", name, WithApiVersionAndKind(args), options)
    {
    }

    [Output("spec")]
    public Output<ImmutableDictionary<string, object>> Spec { get; private set; } = null!;

    private static DestinationRuleArgs WithApiVersionAndKind(DestinationRuleArgs args)
    {
        args.ApiVersion = "networking.istio.io/v1";
        args.Kind = "DestinationRule";
        return args;
    }
}
