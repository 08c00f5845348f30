// Deployment.TestAsync keeps per-run state that the real SDK does not isolate between parallel runs.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
