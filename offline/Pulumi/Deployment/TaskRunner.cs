using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace Pulumi;

/// <summary>
/// Tracks the fire-and-forget work a program starts (registrations, outputs) so the run ends only when
/// all of it has, and collects every distinct exception it ended with.
/// </summary>
internal sealed class TaskRunner
{
    private readonly object _gate = new();
    private readonly List<Task> _pending = [];

    public void Track(Task task)
    {
        lock (_gate)
        {
            _pending.Add(task);
        }
    }

    public async Task<IReadOnlyList<Exception>> WhenIdleAsync()
    {
        var errors = new List<Exception>();
        var seen = new HashSet<Exception>(ReferenceEqualityComparer.Instance);
        while (true)
        {
            Task[] batch;
            lock (_gate)
            {
                batch = [.. _pending];
                _pending.Clear();
            }

            if (batch.Length == 0)
            {
                return errors;
            }

            await Task.WhenAll(batch.Select(task => task.ContinueWith(
                static _ => { }, TaskScheduler.Default))).ConfigureAwait(false);
            foreach (var task in batch.Where(task => task.IsFaulted))
            {
                foreach (var exception in task.Exception!.InnerExceptions.Where(seen.Add))
                {
                    errors.Add(exception);
                }
            }
        }
    }
}
