using Longview.Local.Cli;

// `longview` with no verb serves, so `dotnet run` alone starts the app.
return await LongviewCli.Create().Parse(args.Length == 0 ? ["serve"] : args).InvokeAsync();
