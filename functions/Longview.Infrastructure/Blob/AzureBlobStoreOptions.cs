using System.ComponentModel.DataAnnotations;

namespace Longview.Infrastructure.Blob;

/// <summary>Where the Blob storage account is (configuration section "Blob"). Set one of the two.</summary>
public sealed class AzureBlobStoreOptions : IValidatableObject
{
    public const string SectionName = "Blob";

    /// <summary>A storage connection string (azurite, or a key-based account). Wins over <see cref="ServiceUri"/>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The account's blob endpoint, e.g. https://myaccount.blob.core.windows.net, reached with DefaultAzureCredential.</summary>
    public Uri? ServiceUri { get; set; }

    /// <summary>Largest blob <c>GetAsync</c> loads into memory; larger ones must be read with <c>OpenReadAsync</c>.</summary>
    public long MaxInMemoryBytes { get; set; } = 256L * 1024 * 1024;

    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(ConnectionString) && (ServiceUri is null || !ServiceUri.IsAbsoluteUri))
        {
            problems.Add($"{SectionName}: set ConnectionString or an absolute ServiceUri.");
        }
        if (MaxInMemoryBytes <= 0)
        {
            problems.Add($"{SectionName}:MaxInMemoryBytes must be positive (got {MaxInMemoryBytes}).");
        }
        return problems;
    }

    // Settings validation (SettingsValidator adds the section to each message).
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext) =>
        Problems().Select(problem => new ValidationResult(problem.StartsWith(SectionName + ":", StringComparison.Ordinal) ? problem[(SectionName.Length + 1)..].TrimStart() : problem));
}
