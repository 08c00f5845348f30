using System.Collections.Immutable;

namespace Pulumi.Testing;

public class MockCallArgs
{
    public string? Token { get; set; }

    public ImmutableDictionary<string, object> Args { get; set; } = null!;

    public string? Provider { get; set; }
}
