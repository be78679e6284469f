using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Options;

namespace Longview.Core.Configuration;

/// <summary>
/// Validates a settings class by its data annotations and its <see cref="IValidatableObject"/> rules (for rules across
/// fields), and names each failing setting by its configuration path with the value
/// it got: <c>Longview:Events:MaxBodyBytes = -1: must be between 1 and 104857600</c>. Nested settings objects, lists and
/// dictionaries of them are validated too, under their own paths (<c>…:Weights:AtRisk:Diversity</c>).
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

    // Deep enough for any settings class here (section → options → per-segment weights); a cycle stops at the bound.
    private const int MaxDepth = 8;

    private static void Collect(object options, string path, List<string> failures, int depth = 0)
    {
        var results = new List<ValidationResult>();
        var context = new ValidationContext(options);
        if (!Validator.TryValidateObject(options, context, results, validateAllProperties: true) && options is IValidatableObject rules)
        {
            // The framework skips the rules across fields once a field fails: report them too, so one start shows every problem.
            var reported = results.Select(r => r.ErrorMessage).ToHashSet(StringComparer.Ordinal);
            results.AddRange(rules.Validate(context).Where(r => !reported.Contains(r.ErrorMessage)));
        }
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
        if (depth < MaxDepth)
        {
            CollectNested(options, path, failures, depth + 1);
        }
    }

    /// <summary>
    /// The data-annotation validator stops at the top object; nested settings (per-segment weights, a campaign's
    /// definitions) carry their own rules, so each is validated under its own configuration path.
    /// </summary>
    private static void CollectNested(object options, string path, List<string> failures, int depth)
    {
        foreach (var property in options.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.GetMethod is null)
            {
                continue;
            }
            var value = property.GetValue(options);
            var childPath = $"{path}:{property.Name}";
            switch (value)
            {
                case null or string:
                    break;
                case IDictionary dictionary:
                    foreach (DictionaryEntry entry in dictionary)
                    {
                        if (IsSettings(entry.Value))
                        {
                            Collect(entry.Value!, $"{childPath}:{Format(entry.Key)}", failures, depth);
                        }
                    }
                    break;
                case IEnumerable items:
                    var index = 0;
                    foreach (var item in items)
                    {
                        if (IsSettings(item))
                        {
                            Collect(item!, $"{childPath}:{index}", failures, depth);
                        }
                        index++;
                    }
                    break;
                default:
                    if (IsSettings(value))
                    {
                        Collect(value, childPath, failures, depth);
                    }
                    break;
            }
        }
    }

    /// <summary>Only the product's own settings classes are walked, never framework values (TimeSpan, Uri, enums).</summary>
    private static bool IsSettings(object? value) =>
        value is not null && value.GetType() is { IsClass: true } type && type.Namespace?.StartsWith("Longview.", StringComparison.Ordinal) == true;

    private static string Format(object? value) => value switch
    {
        null => "(empty)",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
