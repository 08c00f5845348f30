return await Pulumi.Deployment.RunAsync(Frontend.Infra.FrontendStack.Run);
