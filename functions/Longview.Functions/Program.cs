using Longview.Functions.Hosting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);

builder.ConfigureFunctionsWebApplication();

builder.Services
    .AddApplicationInsightsTelemetryWorkerService()
    .ConfigureFunctionsApplicationInsights()
    .AddUserIdTelemetryRedaction();
builder.Logging.KeepInformationLogsInApplicationInsights().KeepRequestUrlsOutOfLogs();

builder.Services.AddLongviewFunctions(builder.Configuration);
builder.Services.AddLongviewFunctionsTelemetry(builder.Configuration);

builder.Build().Run();
