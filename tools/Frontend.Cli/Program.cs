Frontend.Cli.JitProfile.Start();
return await Frontend.Cli.CommandLine.RunAsync(args, Console.Out, Console.Error);
