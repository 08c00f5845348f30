using System.Threading.Tasks;

namespace Pulumi.Testing;

/// <summary>Test doubles for the engine: what a test answers when the program registers a resource.</summary>
public interface IMocks
{
    Task<(string? id, object state)> NewResourceAsync(MockResourceArgs args);

    Task<object> CallAsync(MockCallArgs args);

    Task RegisterResourceOutputs(MockRegisterResourceOutputsRequest args) => Task.CompletedTask;
}
