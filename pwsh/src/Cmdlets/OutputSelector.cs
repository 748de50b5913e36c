using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Reflection;

namespace SecretsManager.Native.Cmdlets;

/// <summary>
/// What -Select and -PassThru make the cmdlet emit: the whole response ('*'), a parameter's value
/// ('^Name', own and common parameters and their aliases), or a property path of the response.
/// </summary>
internal static class OutputSelector
{
    public const string InvalidSelect = "Invalid value for -Select parameter.";

    /// <summary>The selector, or null when <paramref name="select"/> is not valid.</summary>
    public static Func<object, IEnumerable<object?>>? Create(string? select, PSCmdlet cmdlet, Type responseType)
    {
        if (string.IsNullOrEmpty(select)) return null;
        if (select == "*") return response => new[] { response };
        if (select.StartsWith('^'))
        {
            var parameter = FindParameter(cmdlet.GetType(), select[1..]);
            return parameter is null ? null : _ => Enumerate(parameter.GetValue(cmdlet));
        }
        var path = new List<PropertyInfo>();
        var type = responseType;
        foreach (var step in select.Split('.'))
        {
            var matches = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => string.Equals(p.Name, step, StringComparison.OrdinalIgnoreCase) && p.GetIndexParameters().Length == 0)
                .ToList();
            if (matches.Count != 1) return null;
            path.Add(matches[0]);
            type = ElementType(matches[0].PropertyType) ?? matches[0].PropertyType;
        }
        return response => Follow(response, path);
    }

    /// <summary>The cmdlet parameters' property names and aliases, for the completer.</summary>
    public static IEnumerable<string> ParameterNames(Type cmdletType) =>
        Parameters(cmdletType).SelectMany(p => new[] { p.Name }.Concat(p.GetCustomAttributes<AliasAttribute>().SelectMany(a => a.AliasNames)));

    private static IEnumerable<PropertyInfo> Parameters(Type cmdletType) =>
        cmdletType.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.IsDefined(typeof(ParameterAttribute)));

    private static PropertyInfo? FindParameter(Type cmdletType, string name) =>
        Parameters(cmdletType).FirstOrDefault(p =>
            string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)
            || p.GetCustomAttributes<AliasAttribute>().Any(a => a.AliasNames.Contains(name, StringComparer.OrdinalIgnoreCase)));

    /// <summary>Values along the path; collections (other than text) continue element by element; nulls drop out.</summary>
    private static IEnumerable<object?> Follow(object response, List<PropertyInfo> path)
    {
        IEnumerable<object?> current = new[] { response };
        foreach (var property in path)
        {
            current = current.SelectMany(item => Enumerate(property.GetValue(item))).ToList();
        }
        return current;
    }

    private static IEnumerable<object?> Enumerate(object? value) => value switch
    {
        null => Array.Empty<object?>(),
        SwitchParameter flag => new object?[] { flag },
        string text => new object?[] { text },
        StringOrSecureString secret => new[] { secret.Value },
        IEnumerable items => items.Cast<object?>().Where(i => i is not null),
        _ => new[] { value },
    };

    private static Type? ElementType(Type type) =>
        type == typeof(string) ? null
        : type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];
}

/// <summary>Tab completion for -Select: '*', the response's properties, and '^' with each parameter.</summary>
public sealed class SelectArgumentCompleter : IArgumentCompleter
{
    private static readonly string[] AllProperties = ["*"];

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        System.Management.Automation.Language.CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var word = wordToComplete.Trim('\'', '"');
        var properties = typeof(Amazon.SecretsManager.Model.PutSecretValueResponse).GetProperties().Select(p => p.Name);
        var parameters = OutputSelector.ParameterNames(typeof(Amazon.PowerShell.Cmdlets.SEC.WriteSECSecretValueCmdlet)).Select(n => "^" + n);
        return AllProperties.Concat(properties).Concat(parameters)
            .Where(c => c.StartsWith(word, StringComparison.OrdinalIgnoreCase))
            .Select(c => new CompletionResult(c.Length > 0 && (c[0] == '*' || c[0] == '^') ? $"'{c}'" : c, c, CompletionResultType.ParameterValue, c));
    }
}
