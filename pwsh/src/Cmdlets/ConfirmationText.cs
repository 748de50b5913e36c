using System.Collections;
using System.Linq;

namespace SecretsManager.Native.Cmdlets;

/// <summary>The ShouldProcess target text, as AWS Tools' FormatParameterValuesForConfirmationMsg writes it.</summary>
internal static class ConfirmationText
{
    private const int MaxItems = 10;

    public static string Target(object? value)
    {
        switch (value)
        {
            case null:
                return string.Empty;
            case string text:
                return text;
            case IEnumerable items:
                var all = items.Cast<object?>().Select(i => i?.ToString() ?? string.Empty).ToList();
                var shown = string.Join(", ", all.Take(MaxItems));
                return all.Count > MaxItems ? $"{shown} (plus {all.Count - MaxItems} more)" : shown;
            default:
                return value.ToString() ?? string.Empty;
        }
    }
}
