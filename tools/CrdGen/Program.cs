using CrdGen.Cli;

return GeneratorCommand.Run(args, Console.Out, Console.Error);
