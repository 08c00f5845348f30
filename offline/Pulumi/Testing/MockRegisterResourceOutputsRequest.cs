using System.Collections.Immutable;

namespace Pulumi.Testing;

public class MockRegisterResourceOutputsRequest
{
    // Public readonly fields: the real SDK's shape, which tests written against it read directly.
#pragma warning disable CA1051
    public readonly string Urn;

    public readonly ImmutableDictionary<string, Output<object?>> Outputs;
#pragma warning restore CA1051

    public MockRegisterResourceOutputsRequest(string urn, ImmutableDictionary<string, Output<object?>> outputs)
    {
        Urn = urn;
        Outputs = outputs;
    }
}
