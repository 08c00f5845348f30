using System.Collections.Immutable;

namespace Pulumi.Testing;

public class MockResourceArgs
{
    public string? Type { get; set; }

    public string? Name { get; set; }

    public ImmutableDictionary<string, object> Inputs { get; set; } = null!;

    public string? Provider { get; set; }

    public string? Id { get; set; }
}
