using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Longview.Core.Configuration;

/// <summary>
/// The one way an options class becomes settings, in both hosts: bound from the host's configuration section (so
/// appsettings.json, environment variables <c>Longview__Events__MaxBodyBytes</c> and the command line
/// <c>--Longview:Events:MaxBodyBytes=</c> all reach it), validated by its data annotations and
/// <see cref="System.ComponentModel.DataAnnotations.IValidatableObject"/> rules (<see cref="SettingsValidator{T}"/>:
/// each message names the setting), and validated when the host starts rather than at first use.
/// </summary>
public static class SettingsServiceCollectionExtensions
{
    public static OptionsBuilder<T> AddSettings<T>(this IServiceCollection services, string sectionName)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(services);
        // A container without configuration (a test, a CLI verb's composition) keeps the defaults; BindConfiguration would throw.
        var builder = services.AddOptions<T>()
            .Configure<IServiceProvider>((options, provider) => provider.GetService<IConfiguration>()?.GetSection(sectionName).Bind(options));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<T>>(new SettingsValidator<T>(sectionName)));
        return builder.ValidateOnStart();
    }
}
