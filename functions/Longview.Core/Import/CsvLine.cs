using System.Text;

namespace Longview.Core.Import;

/// <summary>Splits one RFC 4180 CSV line (quoted fields, doubled quotes inside them).</summary>
public static class CsvLine
{
    public static IReadOnlyList<string> Split(string line, out string? error)
    {
        error = null;
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c != '"')
                {
                    field.Append(c);
                }
                else if (i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else
                {
                    quoted = false;
                }
            }
            else if (c == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }
        if (quoted)
        {
            error = "unterminated quoted field";
        }
        fields.Add(field.ToString());
        return fields;
    }
}
