using System;
using System.Collections.Immutable;
using System.Threading.Tasks;

namespace Pulumi;

internal sealed class OutputCompletion<T> : IOutputCompletion
{
    private readonly TaskCompletionSource<OutputData<T>> _source = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ImmutableHashSet<Resource> _resources;

    public OutputCompletion(Resource resource)
    {
        _resources = [resource];
        Output = new Output<T>(_source.Task);
    }

    public Type ValueType => typeof(T);

    public object Output { get; }

    public void SetValue(object? value, bool isKnown)
        => _source.TrySetResult(new OutputData<T>((T)value!, isKnown, false, _resources));

    public void SetDefault(bool isKnown)
        => _source.TrySetResult(new OutputData<T>(default!, isKnown, false, _resources));

    public void SetException(Exception exception) => _source.TrySetException(exception);
}
