// Deployment.TestAsync holds process-wide state (the current deployment, PULUMI_CONFIG): never run two at once.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
