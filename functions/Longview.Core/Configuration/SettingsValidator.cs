using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.Extensions.Options;

namespace Longview.Core.Configuration;

/// <summary>
/// Validates a settings class by its data annotations and its <see cref="IValidatableObject"/> rules (for rules across
/// fields), and names each failing setting by its configuration path with the value
/// it got: <c>Longview:Events:MaxBodyBytes = -1: must be between 1 and 104857600</c>.
/// </summary>
public sealed class SettingsValidator<T>(string sectionName) : IValidateOptions<T>
    where T : class
{
    public ValidateOptionsResult Validate(string? name, T options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        Collect(options, sectionName, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Collect(object options, string path, List<string> failures)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        foreach (var result in results)
        {
            var members = result.MemberNames.ToList();
            if (members.Count == 0)
            {
                // Rules across fields start their message with the setting's name within the section.
                failures.Add($"{path}:{result.ErrorMessage}");
                continue;
            }
            foreach (var member in members)
            {
                var value = options.GetType().GetProperty(member)?.GetValue(options);
                failures.Add($"{path}:{member} = {Format(value)}: {result.ErrorMessage}");
            }
        }
    }

    private static string Format(object? value) => value switch
    {
        null => "(empty)",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
