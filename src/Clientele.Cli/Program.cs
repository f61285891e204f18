using Clientele.Cli;

return CliApp.Run(args, CliContext.FromProcess());
