using System.Collections.Immutable;
using System.Threading.Tasks;

namespace Pulumi.Testing;

/// <summary>Mocks that echo every resource's inputs back as its state.</summary>
public class EmptyMocks : IMocks
{
    public Task<(string? id, object state)> NewResourceAsync(MockResourceArgs args)
        => Task.FromResult<(string?, object)>((null, args?.Inputs ?? ImmutableDictionary<string, object>.Empty));

    public Task<object> CallAsync(MockCallArgs args)
        => Task.FromResult<object>(args?.Args ?? ImmutableDictionary<string, object>.Empty);
}
