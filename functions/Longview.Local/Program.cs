using Longview.Local.Cli;

return await LongviewCli.RunAsync(args);
