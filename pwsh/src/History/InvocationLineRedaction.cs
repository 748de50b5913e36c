using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using SecretsManager.Native.Cmdlets;

namespace Amazon.PowerShell.Common;

/// <summary>
/// The invocation line a recorded request keeps in <c>$AWSHistory</c>, without the secrets typed on it: the
/// arguments of sensitive parameters (of any command on the line), the values of sensitive hashtable keys, what
/// <c>ConvertTo-SecureString</c> is given, and the user info of URLs become <c>***</c>. AWS Tools keeps the line
/// verbatim; its request records leave the sensitive members empty, and the line should not give them back.
/// </summary>
internal static class InvocationLineRedaction
{
    private const string Mask = "***";

    /// <summary>
    /// Parameter names (and their aliases) whose values are secret. A typed name matches when it starts one of
    /// these, as PowerShell's unique prefixes do; a prefix that is not unique redacts one argument too many, never
    /// one too few.
    /// </summary>
    private static readonly string[] SensitiveParameters =
    {
        "SecretString", "SecretBinary", "RotationToken", "SecretKey", "SecretAccessKey", "SK", "AccessKey", "AK",
        "SessionToken", "ST", "Password", "ProxyPassword", "ProxyCredentials",
    };

    /// <summary>
    /// <paramref name="line"/> with its secrets masked. <paramref name="invoked"/> is the recording cmdlet, whose
    /// positional arguments (its SecretString) are masked too; <paramref name="knownSecrets"/> (this call's own
    /// values) are masked wherever they appear as well, for a line the parser could not take apart.
    /// </summary>
    public static string Redact(string? line, InvocationInfo invoked, IEnumerable<string?> knownSecrets)
    {
        if (string.IsNullOrEmpty(line)) return line ?? string.Empty;
        var ast = Parser.ParseInput(line, out _, out _);
        var spans = new List<IScriptExtent>();
        foreach (var command in ast.FindAll(node => node is CommandAst, searchNestedScriptBlocks: true).Cast<CommandAst>())
        {
            CollectArguments(command, invoked, spans);
        }
        foreach (var table in ast.FindAll(node => node is HashtableAst, searchNestedScriptBlocks: true).Cast<HashtableAst>())
        {
            foreach (var (key, value) in table.KeyValuePairs)
            {
                if (key is StringConstantExpressionAst name && IsSensitiveKey(name.Value)) spans.Add(value.Extent);
            }
        }
        var redacted = SensitiveText.RedactUserInfo(Masked(line, spans));
        foreach (var secret in knownSecrets)
        {
            // Short values would mask ordinary words; the parser has already masked them where they were typed.
            if (secret is { Length: >= 4 }) redacted = redacted.Replace(secret, Mask, StringComparison.Ordinal);
        }
        return redacted;
    }

    private static void CollectArguments(CommandAst command, InvocationInfo invoked, List<IScriptExtent> spans)
    {
        var name = command.GetCommandName();
        var isInvoked = name is not null
            && (name.Equals(invoked.InvocationName, StringComparison.OrdinalIgnoreCase) || name.Equals(invoked.MyCommand.Name, StringComparison.OrdinalIgnoreCase));
        // ConvertTo-SecureString's values are the plain text; the recording cmdlet's positional one is SecretString.
        var maskPositional = isInvoked || string.Equals(name, "ConvertTo-SecureString", StringComparison.OrdinalIgnoreCase);
        var elements = command.CommandElements;
        for (var i = 1; i < elements.Count; i++)
        {
            if (elements[i] is CommandParameterAst parameter)
            {
                var takesNext = parameter.Argument is null && i + 1 < elements.Count && elements[i + 1] is not CommandParameterAst
                    && !(isInvoked && IsSwitch(invoked.MyCommand, parameter.ParameterName));
                if (!IsSensitiveParameter(parameter.ParameterName))
                {
                    if (takesNext && isInvoked) i++;   // that value is not positional
                    continue;
                }
                if (parameter.Argument is not null) spans.Add(parameter.Argument.Extent);
                else if (takesNext) spans.Add(elements[++i].Extent);
            }
            else if (maskPositional)
            {
                spans.Add(elements[i].Extent);
            }
        }
    }

    /// <summary>Whether the typed name is a switch of <paramref name="command"/> (by name, alias or prefix).</summary>
    private static bool IsSwitch(CommandInfo command, string typed)
    {
        foreach (var parameter in command.Parameters.Values)
        {
            var named = parameter.Name.StartsWith(typed, StringComparison.OrdinalIgnoreCase)
                || parameter.Aliases.Any(alias => alias.StartsWith(typed, StringComparison.OrdinalIgnoreCase));
            if (named) return parameter.SwitchParameter;
        }
        return false;
    }

    private static bool IsSensitiveParameter(string typed) =>
        typed.Length > 0 && SensitiveParameters.Any(name => name.StartsWith(typed, StringComparison.OrdinalIgnoreCase));

    private static bool IsSensitiveKey(string key) =>
        SensitiveParameters.Any(name => name.Equals(key, StringComparison.OrdinalIgnoreCase));

    /// <summary>The line with every span replaced by the mask; a span inside another one goes with it.</summary>
    private static string Masked(string line, List<IScriptExtent> spans)
    {
        var text = new System.Text.StringBuilder();
        var position = 0;
        foreach (var span in spans.OrderBy(s => s.StartOffset).ThenByDescending(s => s.EndOffset))
        {
            if (span.StartOffset < position) continue;
            text.Append(line, position, span.StartOffset - position).Append(Mask);
            position = span.EndOffset;
        }
        return text.Append(line, position, line.Length - position).ToString();
    }
}
