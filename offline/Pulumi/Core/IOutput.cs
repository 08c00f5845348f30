using System.Threading.Tasks;

namespace Pulumi;

/// <summary>Lets the engine read any <see cref="Output{T}"/> without knowing its T.</summary>
internal interface IOutput
{
    Task<OutputData<object?>> GetDataAsync();
}
